namespace ServiceModel.Services;

/// <summary>
/// The layering of Service types: ClusterIP ⊂ NodePort ⊂ LoadBalancer, with ExternalName apart.
/// What each type includes, requires and may not carry, as Kubernetes' validation and allocation see it.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>A <b>NodePort</b> Service is a ClusterIP Service plus a port on every node for each service port.</item>
/// <item>A <b>LoadBalancer</b> Service is a NodePort Service plus a request for an external load balancer;
/// with <see cref="ServiceSpec.AllocateLoadBalancerNodePorts"/> = <see langword="false"/> node ports are not
/// allocated automatically (ports that name one keep it).</item>
/// <item><b>Headless</b> (<see cref="ServiceSpec.ClusterIP"/> = <c>"None"</c>, ClusterIP type only) and
/// <b>ExternalName</b> Services have no cluster IP.</item>
/// </list>
/// The questions a caller asks about a Service's type are here; what each type may carry and requires
/// is enforced by <see cref="ServiceValidator"/>, and a Service's load balancer state is
/// <see cref="Service.LoadBalancerState"/>. All members are pure and thread-safe.
/// </remarks>
public static class ServiceTypeLayering
{
    /// <summary>Whether every Service of <paramref name="type"/> is also a Service of <paramref name="layer"/>.</summary>
    /// <param name="type">The outer type.</param>
    /// <param name="layer">The type that may be included.</param>
    /// <returns>True for ClusterIP ⊂ NodePort ⊂ LoadBalancer (and every type includes itself); ExternalName includes only itself.</returns>
    public static bool Includes(this ServiceType type, ServiceType layer)
        => type == layer || (type != ServiceType.ExternalName && layer != ServiceType.ExternalName && layer < type);

    /// <summary>Whether the Service gets a virtual cluster IP: every type but ExternalName, unless headless.</summary>
    /// <param name="spec">The Service's spec.</param>
    /// <returns>True when cluster IPs are allocated for the Service.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="spec"/> is null.</exception>
    public static bool HasClusterIP(ServiceSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.Type != ServiceType.ExternalName && !spec.IsHeadless;
    }

    /// <summary>
    /// Whether node ports are allocated automatically for ports that do not name one: NodePort, and
    /// LoadBalancer unless <see cref="ServiceSpec.AllocateLoadBalancerNodePorts"/> is <see langword="false"/>.
    /// </summary>
    /// <param name="spec">The Service's spec.</param>
    /// <returns>True when every port gets a node port.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="spec"/> is null.</exception>
    public static bool AllocatesNodePorts(ServiceSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.Type == ServiceType.NodePort
            || (spec.Type == ServiceType.LoadBalancer && spec.AllocateLoadBalancerNodePorts != false);
    }

    /// <summary>Whether the type may carry node ports at all (NodePort and LoadBalancer).</summary>
    /// <param name="type">The type.</param>
    /// <returns>True for NodePort and LoadBalancer.</returns>
    internal static bool MayCarryNodePorts(this ServiceType type)
        => type is ServiceType.NodePort or ServiceType.LoadBalancer;

    /// <summary>Whether the type may carry cluster IPs, IP families and a family policy: every type but ExternalName.</summary>
    /// <param name="type">The type.</param>
    /// <returns>False only for ExternalName.</returns>
    internal static bool MayCarryClusterIPs(this ServiceType type) => type != ServiceType.ExternalName;

    /// <summary>
    /// Whether traffic can reach the Service from outside the cluster, so an external traffic policy
    /// applies: NodePort, LoadBalancer, and ClusterIP with external IPs (upstream's <c>ExternallyAccessible</c>).
    /// </summary>
    /// <param name="spec">The Service's spec.</param>
    /// <returns>True when <see cref="ServiceSpec.ExternalTrafficPolicy"/> is required; false when it is forbidden.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="spec"/> is null.</exception>
    public static bool IsExternallyAccessible(ServiceSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.Type is ServiceType.NodePort or ServiceType.LoadBalancer
            || (spec.Type == ServiceType.ClusterIP && !spec.ExternalIPs.IsDefaultOrEmpty);
    }

    /// <summary>Whether the Service needs a health-check node port: LoadBalancer with external traffic policy Local.</summary>
    /// <param name="spec">The Service's spec.</param>
    /// <returns>True when <see cref="ServiceSpec.HealthCheckNodePort"/> is required; false when it is forbidden.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="spec"/> is null.</exception>
    public static bool NeedsHealthCheckNodePort(ServiceSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.Type == ServiceType.LoadBalancer && spec.ExternalTrafficPolicy == TrafficPolicy.Local;
    }

    /// <summary>Whether the Service asks for an external load balancer, and whether one has been reported.</summary>
    /// <param name="service">The Service.</param>
    /// <returns><see cref="LoadBalancerState.NotApplicable"/> for non-LoadBalancer types; otherwise
    /// <see cref="LoadBalancerState.Pending"/> until the status lists an ingress point.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="service"/> is null.</exception>
    internal static LoadBalancerState GetLoadBalancerState(Service service)
    {
        ArgumentNullException.ThrowIfNull(service);
        if (service.Spec.Type != ServiceType.LoadBalancer)
        {
            return LoadBalancerState.NotApplicable;
        }

        return service.Status.LoadBalancer.Ingress.IsDefaultOrEmpty ? LoadBalancerState.Pending : LoadBalancerState.Provisioned;
    }
}
