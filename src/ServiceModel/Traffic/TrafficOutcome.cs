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
}
