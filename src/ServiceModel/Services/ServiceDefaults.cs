using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using ServiceModel.Networking;
using ServiceModel.Validation;

namespace ServiceModel.Services;

/// <summary>
/// Kubernetes' defaulting of Services: the v1 API defaults (<c>pkg/apis/core/v1/defaults.go</c>),
/// the REST strategy's clusterIP/clusterIPs normalisation and type-change clean-up, and the
/// allocator's IP family defaulting (<c>initIPFamilyFields</c>) from the cluster's configured families.
/// </summary>
/// <remarks>
/// <para>Defaults applied by <see cref="Apply(Service)"/>:</para>
/// <list type="bullet">
/// <item>session affinity config removed when affinity is None; ClientIP timeout 10800 s when missing;</item>
/// <item>each port's unset target port (0 or "") becomes its port (protocol and type already default to TCP and ClusterIP);</item>
/// <item>external traffic policy Cluster for externally accessible Services (NodePort, LoadBalancer, ClusterIP with external IPs);</item>
/// <item>internal traffic policy Cluster for ClusterIP, NodePort and LoadBalancer;</item>
/// <item><c>allocateLoadBalancerNodePorts</c> true for LoadBalancer;</item>
/// <item><c>clusterIPs</c> = [<c>clusterIP</c>] when only the singular field is set.</item>
/// </list>
/// <para>
/// The overloads taking the cluster's IP families also default <see cref="ServiceSpec.IPFamilyPolicy"/>
/// (SingleStack; RequireDualStack for a headless Service without selector) and
/// <see cref="ServiceSpec.IPFamilies"/> (from the cluster IPs, else the cluster's primary family, plus
/// the secondary when the policy asks for dual-stack and the cluster has it), and reject requests
/// the cluster cannot serve with upstream's errors. Configuration is passed in: this layer does not
/// depend on Configuration. Every method is pure (returns a new Service), idempotent and thread-safe.
/// </para>
/// </remarks>
public static class ServiceDefaults
{
    /// <summary>Applies the defaults that do not depend on the cluster (see the type remarks).</summary>
    /// <param name="service">The Service as submitted.</param>
    /// <returns>The defaulted Service.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="service"/> is null.</exception>
    public static Service Apply(Service service)
    {
        ArgumentNullException.ThrowIfNull(service);
        var spec = ApplyApiDefaults(service.Spec);
        if (!string.IsNullOrEmpty(spec.ClusterIP) && spec.ClusterIPs.IsEmpty)
        {
            spec = spec with { ClusterIPs = [spec.ClusterIP] };
        }

        return service with { Spec = spec };
    }

    /// <summary>Applies every create-time default, including IP families from the cluster's configuration.</summary>
    /// <param name="service">The Service as submitted.</param>
    /// <param name="clusterIPFamilies">The cluster's service IP families, primary first (one or two distinct families).</param>
    /// <returns>The defaulted Service.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="clusterIPFamilies"/> is empty, has more than two entries or repeats one.</exception>
    /// <exception cref="ServiceValidationException">The Service's IP fields are inconsistent or ask for families the cluster lacks.</exception>
    public static Service Apply(Service service, IReadOnlyList<IPFamily> clusterIPFamilies)
        => TryApply(service, clusterIPFamilies, out var result, out var errors)
            ? result
            : throw new ServiceValidationException(service.Name, errors);

    /// <summary>Like <see cref="Apply(Service, IReadOnlyList{IPFamily})"/>, reporting errors instead of throwing.</summary>
    /// <param name="service">The Service as submitted.</param>
    /// <param name="clusterIPFamilies">The cluster's service IP families, primary first.</param>
    /// <param name="result">The defaulted Service, or <see langword="null"/> on failure.</param>
    /// <param name="errors">The errors on failure; empty on success.</param>
    /// <returns>True when the Service could be defaulted.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="clusterIPFamilies"/> is not one or two distinct families.</exception>
    public static bool TryApply(Service service, IReadOnlyList<IPFamily> clusterIPFamilies, [NotNullWhen(true)] out Service? result, out ImmutableArray<ValidationError> errors)
    {
        CheckFamilies(clusterIPFamilies);
        var defaulted = Apply(service);
        return ServiceIPFamilyDefaults.TryApplyIPFamilies(defaulted, null, clusterIPFamilies, out result, out errors);
    }

    /// <summary>
    /// Applies the update-time defaults: the API defaults, values allocated for the stored Service that
    /// the replacement leaves unset (cluster IPs, node ports by port name, health-check node port),
    /// clusterIP normalisation, IP family defaulting (an unset policy keeps the stored one), and
    /// removal of fields the new type no longer uses (when the caller left them unchanged).
    /// </summary>
    /// <param name="oldService">The stored Service.</param>
    /// <param name="newService">The replacement as submitted.</param>
    /// <param name="clusterIPFamilies">The cluster's service IP families, primary first.</param>
    /// <returns>The defaulted replacement.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="clusterIPFamilies"/> is not one or two distinct families.</exception>
    /// <exception cref="ServiceValidationException">The replacement's IP fields cannot be served.</exception>
    public static Service ApplyForUpdate(Service oldService, Service newService, IReadOnlyList<IPFamily> clusterIPFamilies)
        => TryApplyForUpdate(oldService, newService, clusterIPFamilies, out var result, out var errors)
            ? result
            : throw new ServiceValidationException(newService.Name, errors);

    /// <summary>Like <see cref="ApplyForUpdate"/>, reporting errors instead of throwing.</summary>
    /// <param name="oldService">The stored Service.</param>
    /// <param name="newService">The replacement as submitted.</param>
    /// <param name="clusterIPFamilies">The cluster's service IP families, primary first.</param>
    /// <param name="result">The defaulted replacement, or <see langword="null"/> on failure.</param>
    /// <param name="errors">The errors on failure; empty on success.</param>
    /// <returns>True when the replacement could be defaulted.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="clusterIPFamilies"/> is not one or two distinct families.</exception>
    public static bool TryApplyForUpdate(
        Service oldService,
        Service newService,
        IReadOnlyList<IPFamily> clusterIPFamilies,
        [NotNullWhen(true)] out Service? result,
        out ImmutableArray<ValidationError> errors)
    {
        ArgumentNullException.ThrowIfNull(oldService);
        ArgumentNullException.ThrowIfNull(newService);
        CheckFamilies(clusterIPFamilies);
        var spec = ServiceUpdateDefaults.PatchAllocatedValues(oldService.Spec, ApplyApiDefaults(newService.Spec));
        spec = ServiceUpdateDefaults.NormalizeClusterIPsForUpdate(oldService.Spec, spec);
        if (!ServiceIPFamilyDefaults.TryApplyIPFamilies(newService with { Spec = spec }, oldService, clusterIPFamilies, out var withFamilies, out errors))
        {
            result = null;
            return false;
        }

        result = ServiceUpdateDefaults.DropTypeDependentFields(oldService, withFamilies);
        return true;
    }

    private static void CheckFamilies(IReadOnlyList<IPFamily> families)
    {
        ArgumentNullException.ThrowIfNull(families);

        // A boxed default ImmutableArray is an empty list (it cannot even report its count).
        if (families is ImmutableArray<IPFamily> { IsDefault: true } || families.Count is < 1 or > 2 || (families.Count == 2 && families[0] == families[1]) || families.Any(f => !Enum.IsDefined(f)))
        {
            throw new ArgumentException("must list one or two distinct IP families, primary first", nameof(families));
        }
    }

    private static ServiceSpec ApplyApiDefaults(ServiceSpec spec)
    {
        if (spec.SessionAffinity == SessionAffinity.None)
        {
            spec = spec with { SessionAffinityConfig = null };
        }
        else if (spec.SessionAffinity == SessionAffinity.ClientIP && spec.SessionAffinityConfig?.ClientIP?.TimeoutSeconds is null)
        {
            spec = spec with { SessionAffinityConfig = new SessionAffinityConfig { ClientIP = new ClientIPConfig { TimeoutSeconds = ClientIPConfig.DefaultTimeoutSeconds } } };
        }

        var ports = spec.Ports;
        if (ports.Any(p => p.TargetPort.IsUnset))
        {
            spec = spec with { Ports = ports.Select(p => p.TargetPort.IsUnset ? p with { TargetPort = p.Port } : p).ToImmutableArray() };
        }

        if (ServiceTypeLayering.IsExternallyAccessible(spec) && spec.ExternalTrafficPolicy is null)
        {
            spec = spec with { ExternalTrafficPolicy = TrafficPolicy.Cluster };
        }

        if (spec.InternalTrafficPolicy is null && spec.Type is ServiceType.ClusterIP or ServiceType.NodePort or ServiceType.LoadBalancer)
        {
            spec = spec with { InternalTrafficPolicy = TrafficPolicy.Cluster };
        }

        if (spec.Type == ServiceType.LoadBalancer && spec.AllocateLoadBalancerNodePorts is null)
        {
            spec = spec with { AllocateLoadBalancerNodePorts = true };
        }

        return spec;
    }

}
