using System.Collections.Immutable;
using System.Globalization;
using ServiceModel.Allocation;
using ServiceModel.Internal;
using ServiceModel.Networking;

namespace ServiceModel.Services;

// One pass of ipallocator/controller/repair.go (runOnce, checkLeaked) that records instead of rebuilding.
internal static class ClusterIPRepairCheck
{
    public static void Run(
        ClusterIPAllocator primary,
        ClusterIPAllocator? secondary,
        List<Service> services,
        ImmutableArray<RepairFinding>.Builder findings)
    {
        ClusterIPAllocator[] allocators = secondary is null ? [primary] : [primary, secondary];

        // Per allocator: offset -> first holder. What upstream's "rebuilt" range ends up holding.
        var held = new Dictionary<long, Service>[allocators.Length];
        for (var i = 0; i < held.Length; i++)
        {
            held[i] = [];
        }

        foreach (var service in services)
        {
            foreach (var text in HeldClusterIPs(service.Spec))
            {
                CheckOne(service, text, allocators, held, findings);
            }
        }

        for (var i = 0; i < allocators.Length; i++)
        {
            var cidr = allocators[i].Cidr;
            foreach (var ip in allocators[i].EnumerateAllocated())
            {
                if (!held[i].ContainsKey(cidr.OffsetOf(ip)))
                {
                    var log = string.Create(CultureInfo.InvariantCulture, $"the cluster IP {AllocationRepair.Text(ip)} may have leaked: flagging for later clean up");
                    findings.Add(new RepairFinding
                    {
                        Kind = RepairFindingKind.ClusterIPLeaked,
                        Value = AllocationRepair.Text(ip),
                        Family = cidr.Family,
                        Message = log,
                        Log = log,
                    });
                }
            }
        }
    }

    private static void CheckOne(
        Service service,
        string text,
        ClusterIPAllocator[] allocators,
        Dictionary<long, Service>[] held,
        ImmutableArray<RepairFinding>.Builder findings)
    {
        var name = AllocationRepair.LogName(service);
        if (!IPText.TryParse(text, out var parsed))
        {
            // Upstream prints the failed parse result (a nil IP), not the text.
            findings.Add(new RepairFinding
            {
                Kind = RepairFindingKind.ClusterIPNotValid,
                Value = text,
                Services = [AllocationRepair.Key(service)],
                Reason = "ClusterIPNotValid",
                Message = "Cluster IP <nil> is not a valid IP; please recreate service",
                Log = $"the cluster IP <nil> for service {name} is not a valid IP; please recreate",
            });
            return;
        }

        var ip = IPText.AsComparable(parsed);
        var family = IPFamilies.FamilyOf(ip);
        var value = AllocationRepair.Text(ip);
        var index = Array.FindIndex(allocators, a => a.Cidr.Family == family);
        if (index < 0)
        {
            findings.Add(new RepairFinding
            {
                Kind = RepairFindingKind.ClusterIPFamilyNotConfigured,
                Value = value,
                Family = family,
                Services = [AllocationRepair.Key(service)],
                Reason = "ClusterIPNotValid",
                Message = $"Cluster IP {value}({family}) is of ip family that is no longer configured on cluster; please recreate service",
                Log = $"the cluster IP {value}({family}) for service {name} is of ip family that is no longer configured on cluster; please recreate",
            });
            return;
        }

        var allocator = allocators[index];
        var offset = allocator.Cidr.OffsetOf(ip);
        if (offset < 0)
        {
            var cidr = allocator.Cidr.ToString();
            findings.Add(new RepairFinding
            {
                Kind = RepairFindingKind.ClusterIPOutOfRange,
                Value = value,
                Family = family,
                Services = [AllocationRepair.Key(service)],
                Reason = "ClusterIPOutOfRange",
                Message = $"Cluster IP [{family}]:{value} is not within the service CIDR {cidr}; please recreate service",
                Log = $"the cluster IP [{family}]:{value} for service {name} is not within the service CIDR {cidr}; please recreate",
            });
            return;
        }

        if (held[index].TryGetValue(offset, out var first))
        {
            findings.Add(new RepairFinding
            {
                Kind = RepairFindingKind.ClusterIPAlreadyAllocated,
                Value = value,
                Family = family,
                Services = [AllocationRepair.Key(first), AllocationRepair.Key(service)],
                Reason = "ClusterIPAlreadyAllocated",
                Message = $"Cluster IP [{family}]:{value} was assigned to multiple services; please recreate service",
                Log = $"the cluster IP [{family}]:{value} for service {name} was assigned to multiple services; please recreate",
            });
            return;
        }

        held[index].Add(offset, service);
        if (!allocator.IsAllocatedOffset(offset))
        {
            findings.Add(new RepairFinding
            {
                Kind = RepairFindingKind.ClusterIPNotAllocated,
                Value = value,
                Family = family,
                Services = [AllocationRepair.Key(service)],
                Reason = "ClusterIPNotAllocated",
                Message = $"Cluster IP [{family}]:{value} is not allocated; repairing",
                Log = $"the cluster IP [{family}]:{value} for service {name} is not allocated; repairing",
            });
        }
    }

    // IsServiceIPSet looks at the singular field; the entries checked are spec.clusterIPs.
    internal static ImmutableArray<string> HeldClusterIPs(ServiceSpec spec)
    {
        var ips = spec.ClusterIPs;
        var primary = string.IsNullOrEmpty(spec.ClusterIP) && !ips.IsDefaultOrEmpty ? ips[0] : spec.ClusterIP;
        if (string.IsNullOrEmpty(primary) || primary == ServiceSpec.ClusterIPNone)
        {
            return [];
        }

        return ips.IsDefaultOrEmpty ? [primary] : ips;
    }
}
