using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using ServiceModel.Internal;
using ServiceModel.Networking;

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
        return TryApplyIPFamilies(defaulted, null, clusterIPFamilies, out result, out errors);
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
        var spec = PatchAllocatedValues(oldService.Spec, ApplyApiDefaults(newService.Spec));
        spec = NormalizeClusterIPsForUpdate(oldService.Spec, spec);
        if (!TryApplyIPFamilies(newService with { Spec = spec }, oldService, clusterIPFamilies, out var withFamilies, out errors))
        {
            result = null;
            return false;
        }

        result = DropTypeDependentFields(oldService, withFamilies);
        return true;
    }

    private static void CheckFamilies(IReadOnlyList<IPFamily> families)
    {
        ArgumentNullException.ThrowIfNull(families);
        if (families.Count is < 1 or > 2 || (families.Count == 2 && families[0] == families[1]) || families.Any(f => !Enum.IsDefined(f)))
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

    // patchAllocatedValues: resubmitting the same manifest keeps what was allocated for it (cluster
    // IPs, node ports matched by port name, the health-check node port).
    private static ServiceSpec PatchAllocatedValues(ServiceSpec oldSpec, ServiceSpec spec)
    {
        if (oldSpec.Type.MayCarryClusterIPs() && spec.Type.MayCarryClusterIPs())
        {
            if (string.IsNullOrEmpty(spec.ClusterIP))
            {
                spec = spec with { ClusterIP = oldSpec.ClusterIP };
            }

            if (spec.ClusterIPs.IsEmpty)
            {
                spec = spec with { ClusterIPs = oldSpec.ClusterIPs };
            }
        }

        if (oldSpec.Type.MayCarryNodePorts() && spec.Type.MayCarryNodePorts())
        {
            var byName = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var port in oldSpec.Ports)
            {
                byName[port.Name ?? ""] = port.NodePort;
            }

            spec = spec with
            {
                Ports = spec.Ports
                    .Select(p => p.NodePort == 0 && byName.TryGetValue(p.Name ?? "", out var nodePort) ? p with { NodePort = nodePort } : p)
                    .ToImmutableArray(),
            };
        }

        if (ServiceTypeLayering.NeedsHealthCheckNodePort(oldSpec) && ServiceTypeLayering.NeedsHealthCheckNodePort(spec) && spec.HealthCheckNodePort == 0)
        {
            spec = spec with { HealthCheckNodePort = oldSpec.HealthCheckNodePort };
        }

        return spec;
    }

    // The REST strategy's NormalizeClusterIPs for updates: guess what an old client (singular field
    // only) meant without overriding an explicit new value; validation checks the result.
    private static ServiceSpec NormalizeClusterIPsForUpdate(ServiceSpec oldSpec, ServiceSpec spec)
    {
        var oldIPs = oldSpec.ClusterIPs;
        if (!oldIPs.IsEmpty && spec.ClusterIPs.IsEmpty
            && string.Equals(oldSpec.ClusterIP ?? "", spec.ClusterIP ?? "", StringComparison.Ordinal))
        {
            spec = spec with { ClusterIPs = oldIPs };
        }

        if (!string.Equals(oldSpec.ClusterIP ?? "", spec.ClusterIP ?? "", StringComparison.Ordinal))
        {
            var sameIPs = SameClusterIPs(oldSpec, spec);
            if (!string.IsNullOrEmpty(oldSpec.ClusterIP) && string.IsNullOrEmpty(spec.ClusterIP))
            {
                if (sameIPs)
                {
                    spec = spec with { ClusterIPs = [] };
                }
            }
            else if (sameIPs)
            {
                spec = spec with { ClusterIPs = [spec.ClusterIP!] };
            }
        }

        return spec;
    }

    // The REST strategy's dropTypeDependentFields: wipe what the new type no longer uses, but only
    // where the caller left the old value in place (so an explicit change still reaches validation).
    private static Service DropTypeDependentFields(Service oldService, Service service)
    {
        var o = oldService.Spec;
        var s = service.Spec;
        if (o.Type != ServiceType.ExternalName && s.Type == ServiceType.ExternalName)
        {
            if (SameClusterIPs(o, s) && string.Equals(o.ClusterIP ?? "", s.ClusterIP ?? "", StringComparison.Ordinal))
            {
                s = s with { ClusterIP = null, ClusterIPs = [] };
            }

            if (ImmutableEquality.ArraysEqual(o.IPFamilies, s.IPFamilies))
            {
                s = s with { IPFamilies = [] };
            }

            if (o.IPFamilyPolicy == s.IPFamilyPolicy)
            {
                s = s with { IPFamilyPolicy = null };
            }
        }

        if (o.Type.MayCarryNodePorts() && !s.Type.MayCarryNodePorts() && SameNodePorts(o, s))
        {
            s = s with { Ports = s.Ports.Select(p => p with { NodePort = 0 }).ToImmutableArray() };
        }

        if (ServiceTypeLayering.NeedsHealthCheckNodePort(o) && !ServiceTypeLayering.NeedsHealthCheckNodePort(s)
            && o.HealthCheckNodePort == s.HealthCheckNodePort)
        {
            s = s with { HealthCheckNodePort = 0 };
        }

        if (o.Type == ServiceType.LoadBalancer && s.Type != ServiceType.LoadBalancer)
        {
            if (s.AllocateLoadBalancerNodePorts is not null && o.AllocateLoadBalancerNodePorts == s.AllocateLoadBalancerNodePorts)
            {
                s = s with { AllocateLoadBalancerNodePorts = null };
            }

            if (string.Equals(o.LoadBalancerClass, s.LoadBalancerClass, StringComparison.Ordinal))
            {
                s = s with { LoadBalancerClass = null };
            }
        }

        if (ServiceTypeLayering.IsExternallyAccessible(o) && !ServiceTypeLayering.IsExternallyAccessible(s)
            && o.ExternalTrafficPolicy == s.ExternalTrafficPolicy)
        {
            s = s with { ExternalTrafficPolicy = null };
        }

        // Upstream clears a load balancer status that no longer applies.
        var status = s.Type == ServiceType.LoadBalancer ? service.Status : service.Status with { LoadBalancer = new LoadBalancerStatus() };
        return service with { Spec = s, Status = status };
    }

    // initIPFamilyFields: default the policy and families, refusing what the cluster cannot serve.
    private static bool TryApplyIPFamilies(
        Service service,
        Service? oldService,
        IReadOnlyList<IPFamily> cluster,
        [NotNullWhen(true)] out Service? result,
        out ImmutableArray<ValidationError> errors)
    {
        var spec = service.Spec;
        errors = [];
        result = service;
        if (spec.Type == ServiceType.ExternalName || IsMatchingPreferDualStack(oldService?.Spec, spec))
        {
            return true;
        }

        if (spec.IPFamilyPolicy is null)
        {
            spec = spec with
            {
                IPFamilyPolicy = oldService?.Spec.IPFamilyPolicy
                    ?? (spec.IsHeadless && !spec.HasSelector ? IPFamilyPolicy.RequireDualStack : IPFamilyPolicy.SingleStack),
            };
        }

        var list = ImmutableArray.CreateBuilder<ValidationError>();
        ServiceIPRules.ValidateClusterIPFields(spec, list);
        if (list.Count > 0)
        {
            return Fail(list, out result, out errors);
        }

        var policy = spec.IPFamilyPolicy!.Value;
        var clusterIPs = spec.ClusterIPs;
        var families = spec.IPFamilies;
        if (oldService is not null)
        {
            var o = oldService.Spec;
            if (policy == IPFamilyPolicy.SingleStack)
            {
                // With the lists unchanged, choosing SingleStack is a clear request to drop the secondary.
                if (SameClusterIPs(o, spec) && clusterIPs.Length > 1)
                {
                    clusterIPs = [clusterIPs[0]];
                }

                if (ImmutableEquality.ArraysEqual(o.IPFamilies, spec.IPFamilies) && families.Length > 1)
                {
                    families = [families[0]];
                }
            }
            else
            {
                // An empty list means "not specified", not "reduced".
                if (!clusterIPs.IsEmpty && clusterIPs.Length < o.ClusterIPs.Length)
                {
                    list.Add(ValidationError.Invalid("spec.ipFamilyPolicy", policy, "must be 'SingleStack' to release the secondary cluster IP"));
                }

                if (!families.IsEmpty && families.Length < o.IPFamilies.Length)
                {
                    list.Add(ValidationError.Invalid("spec.ipFamilyPolicy", policy, "must be 'SingleStack' to release the secondary IP family"));
                }
            }
        }

        if (policy == IPFamilyPolicy.SingleStack)
        {
            if (clusterIPs.Length == 2)
            {
                list.Add(ValidationError.Invalid("spec.ipFamilyPolicy", policy, "must be 'RequireDualStack' or 'PreferDualStack' when multiple cluster IPs are specified"));
            }

            if (families.Length == 2)
            {
                list.Add(ValidationError.Invalid("spec.ipFamilyPolicy", policy, "must be 'RequireDualStack' or 'PreferDualStack' when multiple IP families are specified"));
            }
        }

        var familyList = families.ToList();
        for (var i = 0; i < clusterIPs.Length; i++)
        {
            if (clusterIPs[i] == ServiceSpec.ClusterIPNone)
            {
                break;
            }

            if (i >= familyList.Count)
            {
                IPText.TryParse(clusterIPs[i], out var ip);
                var family = IPText.FamilyOf(ip!);
                if (!cluster.Contains(family))
                {
                    list.Add(ValidationError.Invalid(ServiceValidator.Index("spec.clusterIPs", i), clusterIPs, family + " is not configured on this cluster"));
                }
                else
                {
                    familyList.Add(family);
                }
            }
        }

        if (list.Count > 0)
        {
            return Fail(list, out result, out errors);
        }

        if (spec.IsHeadless && !spec.HasSelector)
        {
            // Headless without selector may list families the cluster lacks: endpoints are the user's.
            if (familyList.Count == 0)
            {
                familyList.Add(cluster[0]);
            }

            if (familyList.Count < 2 && policy != IPFamilyPolicy.SingleStack)
            {
                familyList.Add(Other(familyList[0]));
            }

            result = service with { Spec = spec with { ClusterIPs = clusterIPs, IPFamilies = [.. familyList] } };
            return true;
        }

        if (policy == IPFamilyPolicy.RequireDualStack && cluster.Count < 2)
        {
            list.Add(ValidationError.Invalid("spec.ipFamilyPolicy", policy, "this cluster is not configured for dual-stack services"));
        }

        for (var i = 0; i < familyList.Count; i++)
        {
            if (!cluster.Contains(familyList[i]))
            {
                list.Add(ValidationError.Invalid(ServiceValidator.Index("spec.ipFamilies", i), familyList[i], "not configured on this cluster"));
            }
        }

        if (list.Count > 0)
        {
            return Fail(list, out result, out errors);
        }

        if (familyList.Count == 0)
        {
            familyList.Add(cluster[0]);
        }

        if (policy != IPFamilyPolicy.SingleStack && familyList.Count == 1 && cluster.Count == 2)
        {
            familyList.Add(Other(familyList[0]));
        }

        result = service with { Spec = spec with { ClusterIPs = clusterIPs, IPFamilies = [.. familyList] } };
        return true;
    }

    // A PreferDualStack Service is not silently upgraded or downgraded when the cluster changes.
    private static bool IsMatchingPreferDualStack(ServiceSpec? oldSpec, ServiceSpec spec)
        => oldSpec is not null
            && oldSpec.Type == spec.Type
            && spec.Type is ServiceType.ClusterIP or ServiceType.NodePort or ServiceType.LoadBalancer
            && oldSpec.IPFamilyPolicy == IPFamilyPolicy.PreferDualStack
            && spec.IPFamilyPolicy == IPFamilyPolicy.PreferDualStack
            && SameClusterIPs(oldSpec, spec)
            && ImmutableEquality.ArraysEqual(oldSpec.IPFamilies, spec.IPFamilies);

    private static bool Fail(ImmutableArray<ValidationError>.Builder list, out Service? result, out ImmutableArray<ValidationError> errors)
    {
        result = null;
        errors = list.ToImmutable();
        return false;
    }

    private static IPFamily Other(IPFamily family) => family == IPFamily.IPv4 ? IPFamily.IPv6 : IPFamily.IPv4;

    private static bool SameClusterIPs(ServiceSpec a, ServiceSpec b) => ImmutableEquality.ArraysEqual(a.ClusterIPs, b.ClusterIPs);

    // Ports may be added, removed or edited as long as no node port is new.
    private static bool SameNodePorts(ServiceSpec oldSpec, ServiceSpec spec)
    {
        var before = oldSpec.Ports.Select(p => p.NodePort).ToHashSet();
        return spec.Ports.All(p => p.NodePort == 0 || before.Contains(p.NodePort));
    }
}
