namespace ServiceModel.Services;

/// <summary>
/// Where a Service stands with respect to an external load balancer.
/// </summary>
/// <remarks>
/// This library never provisions load balancers: a LoadBalancer Service stays
/// <see cref="Pending"/> until something else writes ingress points into
/// <see cref="LoadBalancerStatus.Ingress"/>.
/// </remarks>
public enum LoadBalancerState
{
    /// <summary>The Service is not of type LoadBalancer, so it asks for no load balancer.</summary>
    NotApplicable = 0,

    /// <summary>A LoadBalancer Service whose status has no ingress yet (<c>kubectl</c> shows <c>&lt;pending&gt;</c>).</summary>
    Pending = 1,

    /// <summary>A LoadBalancer Service whose status lists at least one ingress point.</summary>
    Provisioned = 2,
}
