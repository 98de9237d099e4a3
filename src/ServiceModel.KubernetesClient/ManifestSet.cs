using System.Collections.Immutable;
using k8s;
using k8s.Models;
using ServiceModel.Discovery;
using ServiceModel.Services;

namespace ServiceModel.KubernetesClient;

/// <summary>
/// What <see cref="ManifestReader"/> read: the objects the model covers, converted; every other
/// object as the client's typed object; and every document that could not be read.
/// </summary>
/// <remarks>
/// Each list is in reading order: files by ordinal path, documents in file order, List items in
/// list order. Every entry and error carries its <see cref="ManifestLocation"/>. Immutable and
/// thread-safe (the client objects in <see cref="ManifestEntry{T}.Source"/> are the client's
/// mutable objects: do not change them while sharing the set).
/// </remarks>
public sealed class ManifestSet
{
    internal ManifestSet(
        ImmutableArray<ManifestEntry<Service>> services,
        ImmutableArray<ManifestEntry<Pod>> pods,
        ImmutableArray<ManifestEntry<EndpointSlice>> endpointSlices,
        ImmutableArray<ManifestEntry<Endpoints>> endpoints,
        ImmutableArray<ManifestEntry<IKubernetesObject<V1ObjectMeta>>> other,
        ImmutableArray<ManifestError> errors)
    {
        Services = services;
        Pods = pods;
        EndpointSlices = endpointSlices;
        Endpoints = endpoints;
        Other = other;
        Errors = errors;
    }

    /// <summary>The Services (<c>v1</c> Service), converted to the model.</summary>
    public ImmutableArray<ManifestEntry<Service>> Services { get; }

    /// <summary>The Pods (<c>v1</c> Pod), converted to the model.</summary>
    public ImmutableArray<ManifestEntry<Pod>> Pods { get; }

    /// <summary>The EndpointSlices (<c>discovery.k8s.io/v1</c>), converted to the model.</summary>
    public ImmutableArray<ManifestEntry<EndpointSlice>> EndpointSlices { get; }

    /// <summary>The legacy Endpoints objects (<c>v1</c> Endpoints), converted to the model.</summary>
    public ImmutableArray<ManifestEntry<Endpoints>> Endpoints { get; }

    /// <summary>
    /// Every other object, as the client's typed object (a <see cref="V1Deployment"/>, a
    /// <see cref="V1ConfigMap"/>, …); objects of a kind the client does not know (custom resources)
    /// as a <see cref="CustomObject"/>, which keeps their apiVersion, kind, metadata and text.
    /// </summary>
    public ImmutableArray<ManifestEntry<IKubernetesObject<V1ObjectMeta>>> Other { get; }

    /// <summary>Every document or List item that could not be read, in reading order; empty when all were read.</summary>
    public ImmutableArray<ManifestError> Errors { get; }

    /// <summary>Whether any document could not be read.</summary>
    public bool HasErrors => !Errors.IsEmpty;

    /// <summary>The objects in <see cref="Other"/> of one client type, with their locations.</summary>
    /// <typeparam name="T">The client type, e.g. <see cref="V1Deployment"/>.</typeparam>
    /// <returns>The matching entries, in reading order.</returns>
    public IEnumerable<ManifestEntry<T>> OtherOfType<T>()
        where T : IKubernetesObject<V1ObjectMeta>
    {
        foreach (var entry in Other)
        {
            if (entry.Value is T typed)
            {
                yield return new ManifestEntry<T>(typed, entry.Source, entry.Location);
            }
        }
    }
}
