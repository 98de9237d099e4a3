namespace ServiceModel.Traffic;

/// <summary>Why a <see cref="TrafficRoute"/> came out as it did; <see cref="TrafficRoute.Message"/> says the same in words.</summary>
public enum TrafficReason
{
    /// <summary>Cluster policy: spread evenly over the usable endpoints on every node.</summary>
    ClusterEndpoints = 0,

    /// <summary>Local policy: spread evenly over the usable endpoints on the entry node.</summary>
    LocalEndpoints = 1,

    /// <summary>
    /// <c>externalTrafficPolicy: Local</c>, but the client is a pod or the node itself: kube-proxy
    /// short-circuits such traffic to the cluster-wide endpoints, as if it had gone out to the load balancer and back.
    /// </summary>
    InClusterSourceUsesClusterEndpoints = 2,

    /// <summary><c>sessionAffinity: ClientIP</c>: the client's previous endpoint is still usable and its affinity has not timed out.</summary>
    SessionAffinity = 3,

    /// <summary>No endpoint of the port is ready, or serving and terminating, on any node (<see cref="TrafficOutcome.Rejected"/>).</summary>
    NoEndpoints = 4,

    /// <summary>A Local policy applies and no usable endpoint runs on the entry node (<see cref="TrafficOutcome.Dropped"/>).</summary>
    NoLocalEndpoints = 5,

    /// <summary>The Service does not expose the requested entry (<see cref="TrafficOutcome.NotProxied"/>).</summary>
    EntryNotExposed = 6,

    /// <summary>
    /// The client's address is outside the Service's <c>loadBalancerSourceRanges</c> of the connection's
    /// family: kube-proxy's firewall chain drops the connection to the load balancer IP (<see cref="TrafficOutcome.Dropped"/>).
    /// </summary>
    SourceRangeNotAllowed = 7,

    /// <summary>
    /// An in-cluster connection to a load balancer with no ingress IP in VIP mode (<c>ipMode: Proxy</c>,
    /// or only hostnames): kube-proxy has no rule for it, so it goes out to the load balancer (<see cref="TrafficOutcome.SentToLoadBalancer"/>).
    /// </summary>
    LoadBalancerProxyMode = 8,

    /// <summary>
    /// Cluster scope narrowed by node hints (<c>trafficDistribution: PreferSameNode</c>): every ready
    /// endpoint has a node hint and at least one names the entry node, so only those are used.
    /// </summary>
    SameNodeEndpoints = 9,

    /// <summary>
    /// Cluster scope narrowed by zone hints (<c>trafficDistribution: PreferSameZone</c>/<c>PreferClose</c>,
    /// or Topology Aware Routing): every ready endpoint has a zone hint and at least one names the
    /// entry node's <see cref="TrafficRequest.Zone"/>, so only those are used.
    /// </summary>
    SameZoneEndpoints = 10,

    /// <summary>
    /// Cluster scope, and some ready endpoints carry topology hints, but kube-proxy ignores them and uses
    /// every ready endpoint: a ready endpoint lacks a zone hint, the entry node has no zone, or no endpoint
    /// is hinted for its zone (the message says which).
    /// </summary>
    TopologyHintsIgnored = 11,
}
