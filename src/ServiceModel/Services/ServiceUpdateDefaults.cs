using System.Collections.Immutable;
using ServiceModel.Internal;

namespace ServiceModel.Services;

// What an update carries over from the stored Service and what it drops: allocated values the
// replacement leaves unset, the singular/plural clusterIP reconciliation, and the fields the new
// type no longer uses.
internal static class ServiceUpdateDefaults
{
    // patchAllocatedValues: resubmitting the same manifest keeps what was allocated for it (cluster
    // IPs, node ports matched by port name, the health-check node port).
    public static ServiceSpec PatchAllocatedValues(ServiceSpec oldSpec, ServiceSpec spec)
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
    public static ServiceSpec NormalizeClusterIPsForUpdate(ServiceSpec oldSpec, ServiceSpec spec)
    {
        var oldIPs = oldSpec.ClusterIPs;
        if (!oldIPs.IsEmpty && spec.ClusterIPs.IsEmpty
            && string.Equals(oldSpec.ClusterIP ?? "", spec.ClusterIP ?? "", StringComparison.Ordinal))
        {
            spec = spec with { ClusterIPs = oldIPs };
        }

        if (!string.Equals(oldSpec.ClusterIP ?? "", spec.ClusterIP ?? "", StringComparison.Ordinal))
        {
            var sameIPs = ServiceIPFamilyDefaults.SameClusterIPs(oldSpec, spec);
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
    public static Service DropTypeDependentFields(Service oldService, Service service)
    {
        var o = oldService.Spec;
        var s = service.Spec;
        if (o.Type != ServiceType.ExternalName && s.Type == ServiceType.ExternalName)
        {
            if (ServiceIPFamilyDefaults.SameClusterIPs(o, s) && string.Equals(o.ClusterIP ?? "", s.ClusterIP ?? "", StringComparison.Ordinal))
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

    // Ports may be added, removed or edited as long as no node port is new.
    private static bool SameNodePorts(ServiceSpec oldSpec, ServiceSpec spec)
    {
        var before = oldSpec.Ports.Select(p => p.NodePort).ToHashSet();
        return spec.Ports.All(p => p.NodePort == 0 || before.Contains(p.NodePort));
    }
}
