using ServiceModel.Internal;

namespace ServiceModel.Discovery;

/// <summary>
/// What a reconcile did about topology hints for one address type: which mechanism applied and, when
/// hints were assigned or removed for a reason, upstream's outcome and event message.
/// </summary>
/// <remarks>Immutable; equality is by value. Made by <see cref="EndpointSliceReconciler"/> and <see cref="EndpointSliceTracker"/>.</remarks>
public sealed record EndpointHintsReport
{
    /// <summary>The address type of the slices this report is about.</summary>
    public required AddressType AddressType { get; init; }

    /// <summary>Which mechanism wrote the hints (<see cref="TrafficDistributionHints.SourceFor"/>); <see cref="EndpointHintSource.None"/> by default.</summary>
    public EndpointHintSource Source { get; init; }

    /// <summary>
    /// For <see cref="EndpointHintSource.TopologyAwareRouting"/>, Topology Aware Routing's outcome (hints
    /// assigned, or the fallback that removed them); for <see cref="EndpointHintSource.None"/>,
    /// <see cref="TopologyHintsOutcome.Disabled"/> when stale hints were removed. Null (the default) when
    /// there is nothing to say: <c>trafficDistribution</c> hints, or no hints anywhere.
    /// </summary>
    public TopologyHintsOutcome? Outcome { get; init; }

    /// <summary>
    /// Upstream's event message for <see cref="Outcome"/>, ending in <c>, addressType: IPv4</c> (or the slices'
    /// type), for example "Insufficient number of endpoints (2 endpoints, 3 zones), addressType: IPv4";
    /// empty (the default) when <see cref="Outcome"/> is null.
    /// </summary>
    /// <exception cref="ArgumentNullException">Set to <see langword="null"/> (also through <see langword="with"/>).</exception>
    public string Message { get; init => field = ModelGuard.NotNull(value, nameof(Message)); } = "";
}
