namespace ServiceModel.Services;

/// <summary>
/// One ingress point of a provisioned load balancer (<c>status.loadBalancer.ingress[*]</c>):
/// an IP, a hostname, or both. Written by whatever provisions load balancers, never by this library.
/// </summary>
public sealed record LoadBalancerIngress
{
    /// <summary>The ingress IP address text. Default <see langword="null"/>.</summary>
    public string? IP { get; init; }

    /// <summary>The ingress DNS name. Default <see langword="null"/>.</summary>
    public string? Hostname { get; init; }

    /// <summary>
    /// How the load balancer delivers traffic (<c>ipMode</c>): <c>"VIP"</c> (packets arrive addressed
    /// to <see cref="IP"/>, so kube-proxy may short-circuit in-cluster traffic to it) or
    /// <c>"Proxy"</c> (packets arrive from the load balancer, addressed to the node). The API's
    /// string as written. Default <see langword="null"/> (unset; the API server defaults it to
    /// <c>"VIP"</c> when <see cref="IP"/> is set).
    /// </summary>
    public string? IPMode { get; init; }
}
