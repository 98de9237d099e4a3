using System.Collections.Immutable;
using ServiceModel.Internal;

namespace ServiceModel.Discovery;

/// <summary>
/// One backend in an <see cref="EndpointSlice"/> (<c>discovery.k8s.io/v1</c> Endpoint): its addresses of the
/// slice's address type, its conditions, and where it runs.
/// </summary>
/// <remarks>Immutable; equality is by value, addresses compared in order.</remarks>
public sealed record Endpoint
{
    private readonly ImmutableArray<string> _addresses;

    /// <summary>Creates an endpoint with <paramref name="addresses"/>.</summary>
    /// <param name="addresses">The endpoint's addresses in the API's text (the controller copies the pod's as written); default reads as empty.</param>
    /// <exception cref="ArgumentException">An address is <see langword="null"/>.</exception>
    public Endpoint(ImmutableArray<string> addresses)
    {
        _addresses = ModelGuard.Items(addresses, nameof(addresses));
    }

    /// <summary>The endpoint's addresses, all of the slice's address type.</summary>
    /// <exception cref="ArgumentException">An item is <see langword="null"/> (also through <see langword="with"/>).</exception>
    public ImmutableArray<string> Addresses
    {
        get => _addresses;
        init => _addresses = ModelGuard.Items(value, nameof(Addresses));
    }

    /// <summary>Ready, serving and terminating; all unset by default.</summary>
    public EndpointConditions Conditions { get; init; }

    /// <summary>The DNS hostname of the endpoint; set only when the pod's subdomain names the Service, null by default.</summary>
    public string? Hostname { get; init; }

    /// <summary>The node that hosts the endpoint; null when unknown.</summary>
    public string? NodeName { get; init; }

    /// <summary>The zone of the endpoint's node; null when the node has no zone.</summary>
    public string? Zone { get; init; }

    /// <summary>The object the endpoint stands for, normally its pod; null by default.</summary>
    public ObjectReference? TargetRef { get; init; }

    /// <summary>Topology hints for consumers; null when none (the reconciler never sets them).</summary>
    public EndpointHints? Hints { get; init; }

    /// <inheritdoc/>
    public bool Equals(Endpoint? other)
        => other is not null
           && Conditions == other.Conditions
           && string.Equals(Hostname, other.Hostname, StringComparison.Ordinal)
           && string.Equals(NodeName, other.NodeName, StringComparison.Ordinal)
           && string.Equals(Zone, other.Zone, StringComparison.Ordinal)
           && Equals(TargetRef, other.TargetRef)
           && Equals(Hints, other.Hints)
           && ImmutableEquality.ArraysEqual(Addresses, other.Addresses);

    /// <inheritdoc/>
    public override int GetHashCode()
        => HashCode.Combine(Conditions, Hostname, NodeName, Zone, TargetRef, Hints, ImmutableEquality.ArrayHash(Addresses));
}
