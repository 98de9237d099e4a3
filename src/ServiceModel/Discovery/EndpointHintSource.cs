namespace ServiceModel.Discovery;

/// <summary>Which mechanism writes an EndpointSlice's topology hints for a Service, as the v1.35 controller decides.</summary>
public enum EndpointHintSource
{
    /// <summary>Neither: hints are removed from the Service's slices.</summary>
    None = 0,

    /// <summary><c>spec.trafficDistribution</c>: each ready endpoint is hinted for its own zone (and node for <c>PreferSameNode</c>).</summary>
    TrafficDistribution = 1,

    /// <summary>Topology Aware Routing (<c>service.kubernetes.io/topology-mode: Auto</c>): endpoints spread over zones by CPU.</summary>
    TopologyAwareRouting = 2,
}
