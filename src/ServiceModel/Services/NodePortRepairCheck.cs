using System.Collections.Immutable;
using ServiceModel.Allocation;

namespace ServiceModel.Services;

// One pass of portallocator/controller/repair.go (doRunOnce, collectServiceNodePorts) that records instead of rebuilding.
internal static class NodePortRepairCheck
{
    public static void Run(NodePortAllocator allocator, List<Service> services, ImmutableArray<RepairFinding>.Builder findings)
    {
        var range = allocator.Range.ToString();
        var held = new Dictionary<int, Service>();
        foreach (var service in services)
        {
            var name = AllocationRepair.LogName(service);
            foreach (var port in Collect(service.Spec))
            {
                var value = AllocationRepair.Text(port);
                if (!allocator.Range.Contains(port))
                {
                    findings.Add(new RepairFinding
                    {
                        Kind = RepairFindingKind.PortOutOfRange,
                        Value = value,
                        Services = [AllocationRepair.Key(service)],
                        Reason = "PortOutOfRange",
                        Message = $"Port {value} is not within the port range {range}; please recreate service",
                        Log = $"the port {value} for service {name} is not within the port range {range}; please recreate",
                    });
                }
                else if (held.TryGetValue(port, out var first))
                {
                    findings.Add(new RepairFinding
                    {
                        Kind = RepairFindingKind.PortAlreadyAllocated,
                        Value = value,
                        Services = [AllocationRepair.Key(first), AllocationRepair.Key(service)],
                        Reason = "PortAlreadyAllocated",
                        Message = $"Port {value} was assigned to multiple services; please recreate service",
                        Log = $"the node port {value} for service {name} was assigned to multiple services; please recreate",
                    });
                }
                else
                {
                    held.Add(port, service);
                    if (!allocator.IsAllocated(port))
                    {
                        findings.Add(new RepairFinding
                        {
                            Kind = RepairFindingKind.PortNotAllocated,
                            Value = value,
                            Services = [AllocationRepair.Key(service)],
                            Reason = "PortNotAllocated",
                            Message = $"Port {value} is not allocated; repairing",
                            Log = $"the node port {value} for service {name} is not allocated; repairing",
                        });
                    }
                }
            }
        }

        foreach (var port in allocator.EnumerateAllocated())
        {
            if (!held.ContainsKey(port))
            {
                var log = $"the node port {AllocationRepair.Text(port)} may have leaked: flagging for later clean up";
                findings.Add(new RepairFinding
                {
                    Kind = RepairFindingKind.PortLeaked,
                    Value = AllocationRepair.Text(port),
                    Message = log,
                    Log = log,
                });
            }
        }
    }

    // collectServiceNodePorts: a node port repeated under the same protocol counts again, under a new
    // protocol it does not; the health-check node port counts unless only non-TCP ports used it.
    internal static List<int> Collect(ServiceSpec spec)
    {
        var result = new List<int>();
        var seen = new Dictionary<int, HashSet<Protocol>>();
        foreach (var port in spec.Ports)
        {
            if (port.NodePort == 0)
            {
                continue;
            }

            if (!seen.TryGetValue(port.NodePort, out var protocols))
            {
                seen.Add(port.NodePort, [port.Protocol]);
                result.Add(port.NodePort);
            }
            else if (!protocols.Add(port.Protocol))
            {
                result.Add(port.NodePort);
            }
        }

        var health = spec.HealthCheckNodePort;
        if (health != 0 && (!seen.TryGetValue(health, out var used) || used.Contains(Protocol.TCP)))
        {
            result.Add(health);
        }

        return result;
    }
}
