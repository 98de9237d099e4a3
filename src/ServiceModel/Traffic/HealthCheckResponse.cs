namespace ServiceModel.Traffic;

/// <summary>
/// What the entry node's kube-proxy answers on the Service's health-check node port
/// (LoadBalancer Services with <c>externalTrafficPolicy: Local</c>); load balancers use it to
/// send traffic only to nodes that have endpoints.
/// </summary>
/// <remarks>Immutable. <see cref="StatusCode"/> follows from <see cref="LocalEndpoints"/>, so no <c>with</c> can make them disagree.</remarks>
public sealed record HealthCheckResponse
{
    /// <summary>The health-check node port (<c>spec.healthCheckNodePort</c>); 0 while not allocated.</summary>
    public required int NodePort { get; init; }

    /// <summary>Distinct ready endpoint IPs of the Service on the node (any port); terminating ones do not count.</summary>
    public required int LocalEndpoints { get; init; }

    /// <summary>200 when <see cref="LocalEndpoints"/> is positive, otherwise 503.</summary>
    public int StatusCode => LocalEndpoints > 0 ? 200 : 503;

    /// <summary>True when the node passes the check (status 200).</summary>
    public bool IsHealthy => LocalEndpoints > 0;
}
