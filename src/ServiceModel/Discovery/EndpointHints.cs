using System.Collections.Immutable;
using ServiceModel.Internal;

namespace ServiceModel.Discovery;

/// <summary>
/// Topology hints on an endpoint (<c>hints</c> of a <c>discovery.k8s.io/v1</c> Endpoint): the zones and
/// nodes whose clients should prefer it. kube-proxy reads them for topology-aware routing and
/// <c>trafficDistribution</c>.
/// </summary>
/// <remarks>
/// Immutable; equality is by value, in order. <see cref="EndpointSliceReconciler"/> never writes hints
/// (it models a controller without topology hints) and, as upstream, does not count them when deciding
/// whether an endpoint changed.
/// </remarks>
public sealed record EndpointHints
{
    private readonly ImmutableArray<string> _forZones = [];
    private readonly ImmutableArray<string> _forNodes = [];

    /// <summary>Zones whose clients should use the endpoint (<c>forZones[].name</c>); empty by default.</summary>
    /// <exception cref="ArgumentException">An item is <see langword="null"/> (also through <see langword="with"/>).</exception>
    public ImmutableArray<string> ForZones
    {
        get => _forZones;
        init => _forZones = ModelGuard.Items(value, nameof(ForZones));
    }

    /// <summary>Nodes whose clients should use the endpoint (<c>forNodes[].name</c>); empty by default.</summary>
    /// <exception cref="ArgumentException">An item is <see langword="null"/> (also through <see langword="with"/>).</exception>
    public ImmutableArray<string> ForNodes
    {
        get => _forNodes;
        init => _forNodes = ModelGuard.Items(value, nameof(ForNodes));
    }

    /// <inheritdoc/>
    public bool Equals(EndpointHints? other)
        => other is not null
           && ImmutableEquality.ArraysEqual(ForZones, other.ForZones)
           && ImmutableEquality.ArraysEqual(ForNodes, other.ForNodes);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(ImmutableEquality.ArrayHash(ForZones), ImmutableEquality.ArrayHash(ForNodes));
}
