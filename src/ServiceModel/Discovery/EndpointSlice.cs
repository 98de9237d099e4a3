using System.Collections.Immutable;
using ServiceModel.Internal;
using System.Text.Json.Serialization;
using ServiceModel.Serialization;

namespace ServiceModel.Discovery;

/// <summary>
/// A <c>discovery.k8s.io/v1</c> EndpointSlice: up to <see cref="EndpointSliceReconciler.MaxEndpointsPerSlice"/>
/// endpoints of one address type that share one set of ports.
/// </summary>
/// <remarks>
/// Immutable; derive variants with <see langword="with"/>. Equality is by value: endpoints and
/// ports in order, labels and owner references as written.
/// </remarks>
[JsonConverter(typeof(EndpointSliceJsonConverter))]
public sealed record EndpointSlice
{
    /// <summary>The label naming the Service a slice belongs to: <c>kubernetes.io/service-name</c>.</summary>
    public const string ServiceNameLabel = "kubernetes.io/service-name";

    /// <summary>The label naming the controller that manages a slice: <c>endpointslice.kubernetes.io/managed-by</c>.</summary>
    public const string ManagedByLabel = "endpointslice.kubernetes.io/managed-by";

    /// <summary>The EndpointSlice controller's name, the value of <see cref="ManagedByLabel"/> on its slices.</summary>
    public const string ControllerName = "endpointslice-controller.k8s.io";

    /// <summary>The label marking objects of a headless Service: <c>service.kubernetes.io/headless</c> (empty value).</summary>
    public const string HeadlessServiceLabel = "service.kubernetes.io/headless";

    private readonly ImmutableArray<Endpoint> _endpoints = [];
    private readonly ImmutableArray<EndpointPort> _ports = [];
    private readonly string _namespace;
    private readonly string _name;
    private readonly ImmutableDictionary<string, string> _labels = ImmutableDictionary<string, string>.Empty;
    private readonly ImmutableArray<OwnerReference> _ownerReferences = [];

    /// <summary>Creates an empty slice.</summary>
    /// <param name="namespace">The slice's namespace, the Service's.</param>
    /// <param name="name">The slice's name.</param>
    /// <param name="addressType">The address type of every endpoint in the slice.</param>
    /// <exception cref="ArgumentException"><paramref name="namespace"/> or <paramref name="name"/> is null or empty.</exception>
    public EndpointSlice(string @namespace, string name, AddressType addressType)
    {
        ArgumentException.ThrowIfNullOrEmpty(@namespace, nameof(@namespace));
        ArgumentException.ThrowIfNullOrEmpty(name);
        _namespace = @namespace;
        _name = name;
        AddressType = addressType;
    }

    /// <summary>The slice's namespace (<c>metadata.namespace</c>); never null or empty.</summary>
    /// <exception cref="ArgumentException">Set to null or empty (also through <see langword="with"/>).</exception>
    public string Namespace
    {
        get => _namespace;
        init
        {
            ArgumentException.ThrowIfNullOrEmpty(value, nameof(Namespace));
            _namespace = value;
        }
    }

    /// <summary>The slice's name (<c>metadata.name</c>); never null or empty.</summary>
    /// <exception cref="ArgumentException">Set to null or empty (also through <see langword="with"/>).</exception>
    public string Name
    {
        get => _name;
        init
        {
            ArgumentException.ThrowIfNullOrEmpty(value, nameof(Name));
            _name = value;
        }
    }

    /// <summary>
    /// The name prefix upstream asks the API server to complete (<c>metadata.generateName</c>,
    /// <c>&lt;service&gt;-</c>); null when not generated.
    /// </summary>
    public string? GenerateName { get; init; }

    /// <summary>The address type of every endpoint (<c>addressType</c>).</summary>
    public AddressType AddressType { get; init; }

    /// <summary>The endpoints (<c>endpoints</c>); empty by default.</summary>
    /// <exception cref="ArgumentException">An item is <see langword="null"/> (also through <see langword="with"/>).</exception>
    public ImmutableArray<Endpoint> Endpoints
    {
        get => _endpoints;
        init => _endpoints = ModelGuard.Items(value, nameof(Endpoints));
    }

    /// <summary>The ports every endpoint serves (<c>ports</c>); empty by default.</summary>
    /// <exception cref="ArgumentException">An item is <see langword="null"/> (also through <see langword="with"/>).</exception>
    public ImmutableArray<EndpointPort> Ports
    {
        get => _ports;
        init => _ports = ModelGuard.Items(value, nameof(Ports));
    }

    /// <summary>The slice's labels (<c>metadata.labels</c>); empty by default, never null.</summary>
    /// <exception cref="ArgumentException">A value is <see langword="null"/> (also through <see langword="with"/>).</exception>
    public ImmutableDictionary<string, string> Labels
    {
        get => _labels;
        init => _labels = ModelGuard.Values(value, nameof(Labels));
    }

    /// <summary>The slice's owners (<c>metadata.ownerReferences</c>); empty by default.</summary>
    /// <exception cref="ArgumentException">An item is <see langword="null"/> (also through <see langword="with"/>).</exception>
    public ImmutableArray<OwnerReference> OwnerReferences
    {
        get => _ownerReferences;
        init => _ownerReferences = ModelGuard.Items(value, nameof(OwnerReferences));
    }

    /// <inheritdoc/>
    public bool Equals(EndpointSlice? other)
        => other is not null
           && AddressType == other.AddressType
           && string.Equals(Namespace, other.Namespace, StringComparison.Ordinal)
           && string.Equals(Name, other.Name, StringComparison.Ordinal)
           && string.Equals(GenerateName, other.GenerateName, StringComparison.Ordinal)
           && ImmutableEquality.ArraysEqual(Endpoints, other.Endpoints)
           && ImmutableEquality.ArraysEqual(Ports, other.Ports)
           && ImmutableEquality.DictionariesEqual(Labels, other.Labels)
           && ImmutableEquality.ArraysEqual(OwnerReferences, other.OwnerReferences);

    /// <inheritdoc/>
    public override int GetHashCode()
        => HashCode.Combine(
            HashCode.Combine(AddressType, Namespace, Name, GenerateName),
            ImmutableEquality.ArrayHash(Endpoints),
            ImmutableEquality.ArrayHash(Ports),
            ImmutableEquality.DictionaryHash(Labels),
            ImmutableEquality.ArrayHash(OwnerReferences));
}
