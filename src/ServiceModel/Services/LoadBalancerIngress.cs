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
}
