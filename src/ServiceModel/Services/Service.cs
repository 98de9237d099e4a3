using System.Collections.Immutable;
using ServiceModel.Internal;
using System.Text.Json.Serialization;
using ServiceModel.Serialization;

namespace ServiceModel.Services;

/// <summary>
/// A Kubernetes Service: a name in a namespace, its labels, its desired state and its observed state.
/// </summary>
/// <remarks>
/// Immutable; derive variants with <c>with</c>. Value equality compares every member, the
/// dictionaries (<see cref="Labels"/>, <see cref="Annotations"/>) by content and the timestamps as
/// instants. Construct with an object initializer:
/// <code>new Service { Name = "web", Spec = new ServiceSpec { Ports = [new ServicePort { Port = 80 }] } }</code>
/// </remarks>
[JsonConverter(typeof(ServiceJsonConverter))]
public sealed record Service
{
    private readonly ImmutableDictionary<string, string> _annotations = ImmutableDictionary<string, string>.Empty;

    /// <summary>The Service's name (<c>metadata.name</c>).</summary>
    /// <exception cref="ArgumentNullException">Set to <see langword="null"/> (also through <see langword="with"/>).</exception>
    public required string Name { get; init => field = ModelGuard.NotNull(value, nameof(Name)); }

    /// <summary>The namespace (<c>metadata.namespace</c>). Default <c>"default"</c>.</summary>
    /// <exception cref="ArgumentNullException">Set to <see langword="null"/> (also through <see langword="with"/>).</exception>
    public string Namespace { get; init => field = ModelGuard.NotNull(value, nameof(Namespace)); } = "default";

    /// <summary>The Service's own labels (<c>metadata.labels</c>), not its selector. Default empty.</summary>
    /// <exception cref="ArgumentException">A value is <see langword="null"/> (also through <see langword="with"/>).</exception>
    public ImmutableDictionary<string, string> Labels { get; init => field = ModelGuard.Values(value, nameof(Labels)); } = ImmutableDictionary<string, string>.Empty;

    /// <summary>The desired state. Default: a ClusterIP Service with no ports and no selector.</summary>
    /// <exception cref="ArgumentNullException">Set to <see langword="null"/> (also through <see langword="with"/>).</exception>
    public ServiceSpec Spec { get; init => field = ModelGuard.NotNull(value, nameof(Spec)); } = ServiceSpec.Default;

    /// <summary>The observed state. Default: no load balancer ingress.</summary>
    /// <exception cref="ArgumentNullException">Set to <see langword="null"/> (also through <see langword="with"/>).</exception>
    public ServiceStatus Status { get; init => field = ModelGuard.NotNull(value, nameof(Status)); } = ServiceStatus.Empty;

    /// <summary>
    /// The Service's unique id (<c>metadata.uid</c>), set by the API server when the Service is
    /// created; a Service deleted and recreated under the same name gets a new one. Default empty (not
    /// yet created).
    /// </summary>
    /// <exception cref="ArgumentNullException">Set to <see langword="null"/> (also through <see langword="with"/>).</exception>
    public string Uid { get; init => field = ModelGuard.NotNull(value, nameof(Uid)); } = "";

    /// <summary>The Service's annotations (<c>metadata.annotations</c>). Default empty, never <see langword="null"/>.</summary>
    /// <exception cref="ArgumentException">A value is <see langword="null"/> (also through <see langword="with"/>).</exception>
    public ImmutableDictionary<string, string> Annotations
    {
        get => _annotations;
        init => _annotations = ModelGuard.Values(value, nameof(Annotations));
    }

    /// <summary>
    /// The API server's opaque version of the object (<c>metadata.resourceVersion</c>), kept so a
    /// read-modify-write round trip can send it back. Default <see langword="null"/>.
    /// </summary>
    public string? ResourceVersion { get; init; }

    /// <summary>When the API server created the Service (<c>metadata.creationTimestamp</c>). Default <see langword="null"/>.</summary>
    public DateTimeOffset? CreationTimestamp { get; init; }

    /// <summary>When deletion was requested (<c>metadata.deletionTimestamp</c>); <see langword="null"/> (the default) while the Service lives.</summary>
    public DateTimeOffset? DeletionTimestamp { get; init; }

    /// <summary>
    /// The load balancer state: <see cref="LoadBalancerState.Pending"/> for a LoadBalancer Service whose
    /// status has no ingress, <see cref="LoadBalancerState.NotApplicable"/> for other types.
    /// </summary>
    public LoadBalancerState LoadBalancerState => ServiceTypeLayering.GetLoadBalancerState(this);

    /// <summary>True for a LoadBalancer Service whose load balancer has not been reported yet.</summary>
    public bool IsLoadBalancerPending => LoadBalancerState == LoadBalancerState.Pending;

    /// <inheritdoc/>
    public bool Equals(Service? other)
        => other is not null
            && string.Equals(Name, other.Name, StringComparison.Ordinal)
            && string.Equals(Namespace, other.Namespace, StringComparison.Ordinal)
            && ImmutableEquality.DictionariesEqual(Labels, other.Labels)
            && Spec.Equals(other.Spec)
            && Status.Equals(other.Status)
            && string.Equals(Uid, other.Uid, StringComparison.Ordinal)
            && ImmutableEquality.DictionariesEqual(Annotations, other.Annotations)
            && string.Equals(ResourceVersion, other.ResourceVersion, StringComparison.Ordinal)
            && CreationTimestamp == other.CreationTimestamp
            && DeletionTimestamp == other.DeletionTimestamp;

    /// <inheritdoc/>
    public override int GetHashCode()
        => HashCode.Combine(
            StringComparer.Ordinal.GetHashCode(Name),
            StringComparer.Ordinal.GetHashCode(Namespace),
            ImmutableEquality.DictionaryHash(Labels),
            Spec,
            Status,
            HashCode.Combine(
                StringComparer.Ordinal.GetHashCode(Uid),
                ImmutableEquality.DictionaryHash(Annotations),
                ResourceVersion is null ? 0 : StringComparer.Ordinal.GetHashCode(ResourceVersion),
                CreationTimestamp,
                DeletionTimestamp));
}
