using System.Collections.Immutable;
using ServiceModel.Discovery;
using ServiceModel.Internal;

namespace ServiceModel.Traffic;

/// <summary>
/// A Service port's endpoints as kube-proxy on one node sorts them (v1.35 <c>CategorizeEndpoints</c>):
/// the usable cluster-wide endpoints after topology, the usable local ones, everything reachable from
/// the node, and why topology did or did not apply.
/// </summary>
/// <remarks>Immutable; equality is by value, endpoint lists compared in order. Lists keep the input order.</remarks>
public sealed record EndpointCategories
{
    private readonly ImmutableArray<Endpoint> _cluster = [];
    private readonly ImmutableArray<Endpoint> _local = [];
    private readonly ImmutableArray<Endpoint> _reachable = [];

    /// <summary>
    /// Endpoints for Cluster traffic policy: the ready ones the topology mode allows, else every
    /// serving-and-terminating one (topology ignored); empty when Cluster policy is not in force. Empty by default.
    /// </summary>
    /// <exception cref="ArgumentException">An item is <see langword="null"/> (also through <see langword="with"/>).</exception>
    public ImmutableArray<Endpoint> ClusterEndpoints
    {
        get => _cluster;
        init => _cluster = ModelGuard.Items(value, nameof(ClusterEndpoints));
    }

    /// <summary>
    /// Endpoints for Local traffic policy: the ready ones on the entry node, else its serving-and-terminating
    /// ones (topology never applies); empty when Local policy is not in force. Empty by default.
    /// </summary>
    /// <exception cref="ArgumentException">An item is <see langword="null"/> (also through <see langword="with"/>).</exception>
    public ImmutableArray<Endpoint> LocalEndpoints
    {
        get => _local;
        init => _local = ModelGuard.Items(value, nameof(LocalEndpoints));
    }

    /// <summary>The union of <see cref="ClusterEndpoints"/> and <see cref="LocalEndpoints"/>, in input order. Empty by default.</summary>
    /// <exception cref="ArgumentException">An item is <see langword="null"/> (also through <see langword="with"/>).</exception>
    public ImmutableArray<Endpoint> ReachableEndpoints
    {
        get => _reachable;
        init => _reachable = ModelGuard.Items(value, nameof(ReachableEndpoints));
    }

    /// <summary>Whether any endpoint in the cluster is usable (ready, or serving and terminating), even if none is reachable from this node.</summary>
    public bool HasAnyEndpoints { get; init; }

    /// <summary>The hints kube-proxy follows for <see cref="ClusterEndpoints"/>; <see cref="TopologyMode.None"/> by default.</summary>
    public TopologyMode Mode { get; init; }

    /// <summary>Why <see cref="Mode"/> is what it is.</summary>
    public TopologyReason Reason { get; init; }

    /// <summary><see cref="Reason"/> in words; empty by default.</summary>
    /// <exception cref="ArgumentNullException">Set to <see langword="null"/> (also through <see langword="with"/>).</exception>
    public string Message { get; init => field = ModelGuard.NotNull(value, nameof(Message)); } = "";

    /// <inheritdoc/>
    public bool Equals(EndpointCategories? other)
        => other is not null
           && HasAnyEndpoints == other.HasAnyEndpoints
           && Mode == other.Mode
           && Reason == other.Reason
           && string.Equals(Message, other.Message, StringComparison.Ordinal)
           && ImmutableEquality.ArraysEqual(_cluster, other._cluster)
           && ImmutableEquality.ArraysEqual(_local, other._local)
           && ImmutableEquality.ArraysEqual(_reachable, other._reachable);

    /// <inheritdoc/>
    public override int GetHashCode()
        => HashCode.Combine(HasAnyEndpoints, Mode, Reason, Message,
            ImmutableEquality.ArrayHash(_cluster), ImmutableEquality.ArrayHash(_local), ImmutableEquality.ArrayHash(_reachable));
}
