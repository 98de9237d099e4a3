namespace ServiceModel.Discovery;

/// <summary>
/// What Topology Aware Routing did with a Service's hints for one address type, and why; each value
/// but <see cref="HintsAssigned"/> removes every hint (a <c>TopologyAwareHintsDisabled</c> warning event upstream).
/// </summary>
public enum TopologyHintsOutcome
{
    /// <summary>Endpoints were allocated to zones in proportion to CPU (<c>TopologyAwareHintsEnabled</c> the first time).</summary>
    HintsAssigned = 0,

    /// <summary>
    /// Fewer than two zones with ready nodes, or a ready non-control-plane node without a zone label or
    /// allocatable CPU: "Insufficient Node information: allocatable CPU or zone not specified on one or more nodes".
    /// </summary>
    InsufficientNodeInfo = 1,

    /// <summary>Fewer ready endpoints than zones: "Insufficient number of endpoints (N endpoints, Z zones)".</summary>
    InsufficientNumberOfEndpoints = 2,

    /// <summary>
    /// The zones' minimums (their CPU share less the 20 % overload threshold, rounded up) exceed the
    /// ready endpoints: "Unable to allocate minimum required endpoints to each zone without exceeding
    /// overload threshold (N endpoints, Z zones)".
    /// </summary>
    MinAllocationExceedsOverloadThreshold = 3,

    /// <summary>A ready endpoint has no zone: "One or more endpoints do not have a zone specified".</summary>
    NoZoneSpecified = 4,

    /// <summary>The Service no longer asks for Topology Aware Routing: "Topology Aware Hints has been disabled".</summary>
    Disabled = 5,
}
