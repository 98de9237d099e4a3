namespace ServiceModel.Traffic;

/// <summary>
/// What the entry node's kube-proxy answers on the Service's health-check node port
/// (LoadBalancer Services with <c>externalTrafficPolicy: Local</c>); load balancers use it to
/// send traffic only to nodes that have endpoints.
/// </summary>
/// <param name="NodePort">The health-check node port (<c>spec.healthCheckNodePort</c>); 0 while not allocated.</param>
/// <param name="LocalEndpoints">Distinct ready endpoint IPs of the Service on the node (any port); terminating ones do not count.</param>
/// <param name="StatusCode">200 when <paramref name="LocalEndpoints"/> is positive, otherwise 503.</param>
public sealed record HealthCheckResponse(int NodePort, int LocalEndpoints, int StatusCode)
{
    /// <summary>True when the node passes the check (status 200).</summary>
    public bool IsHealthy => StatusCode == 200;
}
