namespace ServiceModel.Traffic;

/// <summary>What happens to a connection.</summary>
public enum TrafficOutcome
{
    /// <summary>It is sent to one of <see cref="TrafficRoute.Candidates"/>, with their probabilities.</summary>
    Routed = 0,

    /// <summary>The Service has no usable endpoint anywhere: kube-proxy rejects it (iptables <c>REJECT</c>: ICMP port unreachable, so TCP clients fail at once).</summary>
    Rejected = 1,

    /// <summary>A Local traffic policy applies and the entry node has no usable endpoint: kube-proxy drops it silently (the client times out).</summary>
    Dropped = 2,

    /// <summary>The Service does not offer that entry (no node port, no external IP, no provisioned load balancer, headless, ExternalName): kube-proxy installs no rule for it.</summary>
    NotProxied = 3,

    /// <summary>
    /// kube-proxy does not intercept it: an in-cluster connection to a load balancer whose ingress has no
    /// IP in VIP mode (<c>ipMode: Proxy</c>, or a hostname only) leaves the node for the load balancer,
    /// which sends it back in as external traffic to a node it picks. Route that leg as a
    /// <see cref="TrafficEntry.LoadBalancer"/> connection from <see cref="TrafficSource.OutsideCluster"/>.
    /// </summary>
    SentToLoadBalancer = 4,
}
