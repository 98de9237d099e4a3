using ServiceModel.Internal;

namespace ServiceModel.Services;

/// <summary>The observed state of a Service (<c>status</c>).</summary>
public sealed record ServiceStatus
{
    // Shared by every Service built without a status: the record is immutable, so one instance serves.
    internal static readonly ServiceStatus Empty = new();

    /// <summary>The load balancer's state; empty (no ingress) by default.</summary>
    /// <exception cref="ArgumentNullException">Set to <see langword="null"/> (also through <see langword="with"/>).</exception>
    public LoadBalancerStatus LoadBalancer { get; init => field = ModelGuard.NotNull(value, nameof(LoadBalancer)); } = LoadBalancerStatus.Empty;
}
