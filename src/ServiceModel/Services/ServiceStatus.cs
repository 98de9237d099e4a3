namespace ServiceModel.Services;

/// <summary>The observed state of a Service (<c>status</c>).</summary>
public sealed record ServiceStatus
{
    /// <summary>The load balancer's state; empty (no ingress) by default.</summary>
    public LoadBalancerStatus LoadBalancer { get; init; } = new();
}
