using System.Collections.Immutable;
using System.Globalization;
using ServiceModel.Allocation;

namespace ServiceModel.Services;

// The node port part of the allocation transaction (alloc.go's initNodePorts, updateNodePorts and the
// health-check node port): which node ports a Service takes, keeps and gives back under its type.
internal static class ServiceNodePorts
{
    // initNodePorts: a port without a node port takes one requested by another port with the same
    // number, else the one already given to that number, else the next free one.
    public static ImmutableArray<ServicePort> AllocateOnCreate(string name, ServiceSpec spec, ServiceAllocationTransaction txn)
    {
        var ports = spec.Ports;
        var result = ports.ToBuilder();
        var byPortNumber = new Dictionary<int, int>();
        var allocatesNew = ServiceTypeLayering.AllocatesNodePorts(spec);

        // The first node port requested for each port number, found in one pass instead of one scan per port.
        var requestedByPortNumber = new Dictionary<int, int>();
        foreach (var port in ports)
        {
            if (port.NodePort != 0)
            {
                requestedByPortNumber.TryAdd(port.Port, port.NodePort);
            }
        }

        for (var i = 0; i < ports.Length; i++)
        {
            var port = ports[i];
            if (port.NodePort == 0 && !allocatesNew)
            {
                continue;
            }

            if (!byPortNumber.TryGetValue(port.Port, out var assigned))
            {
                assigned = requestedByPortNumber.TryGetValue(port.Port, out var requested) ? AllocatePort(name, i, requested, txn) : AllocateNextPort(txn);
                byPortNumber[port.Port] = assigned;
                result[i] = port with { NodePort = assigned };
            }
            else if (port.NodePort == 0)
            {
                result[i] = port with { NodePort = assigned };
            }
            else if (port.NodePort != assigned)
            {
                AllocatePort(name, i, port.NodePort, txn);
            }
        }

        return result.ToImmutable();
    }

    private static int AllocatePort(string name, int index, int port, ServiceAllocationTransaction txn)
    {
        try
        {
            txn.AllocatePort(port);
            return port;
        }
        catch (AllocationException ex)
        {
            throw ServiceAllocator.Invalid(name, PortPath(index), port, ex.Message);
        }
    }

    private static int AllocateNextPort(ServiceAllocationTransaction txn)
        => txn.TryAllocateNextPort(out var port)
            ? port
            : throw ServiceAllocator.Internal(AllocationError.Full, "failed to allocate a nodePort: range is full");

    public static ServiceSpec AllocateHealthCheckNodePort(ServiceSpec spec, ServiceAllocationTransaction txn)
    {
        var requested = spec.HealthCheckNodePort;
        if (requested != 0)
        {
            try
            {
                txn.AllocatePort(requested);
            }
            catch (AllocationException ex)
            {
                throw ServiceAllocator.Internal(
                    ex.Error,
                    string.Create(CultureInfo.InvariantCulture, $"failed to allocate requested HealthCheck NodePort {requested}: {ex.Message}"),
                    ex);
            }

            return spec;
        }

        return txn.TryAllocateNextPort(out var port)
            ? spec with { HealthCheckNodePort = port }
            : throw ServiceAllocator.Internal(AllocationError.Full, "failed to allocate a HealthCheck NodePort 0: range is full");
    }

    // updateNodePorts: keep node ports the old Service held, allocate new ones, release the rest.
    public static ServiceSpec Update(string name, ServiceSpec oldSpec, ServiceSpec spec, ServiceAllocationTransaction txn)
    {
        var oldNumbers = Held(oldSpec);
        if (spec.Type is ServiceType.ClusterIP or ServiceType.ExternalName)
        {
            foreach (var port in oldNumbers)
            {
                txn.ReleasePortOnCommit(port);
            }
        }

        if (!spec.Type.MayCarryNodePorts())
        {
            return spec;
        }

        var ports = spec.Ports;
        var result = ports.ToBuilder();
        var allocatesNew = ServiceTypeLayering.AllocatesNodePorts(spec);
        var allocatedNow = new HashSet<int>();
        var seen = new HashSet<(Protocol, int)>();
        for (var i = 0; i < ports.Length; i++)
        {
            var port = ports[i];
            if (port.NodePort == 0 && !allocatesNew)
            {
                continue;
            }

            var nodePort = port.NodePort;
            if (nodePort != 0)
            {
                if (!oldNumbers.Contains(nodePort) && allocatedNow.Add(nodePort))
                {
                    AllocatePort(name, i, nodePort, txn);
                }
            }
            else
            {
                nodePort = AllocateNextPort(txn);
                result[i] = port with { NodePort = nodePort };
            }

            if (!seen.Add((port.Protocol, nodePort)))
            {
                throw new AllocationException(
                    AllocationError.AlreadyAllocated,
                    string.Create(CultureInfo.InvariantCulture, $"duplicate nodePort: {{{port.Protocol} {nodePort}}}"));
            }
        }

        var updated = spec with { Ports = result.ToImmutable() };
        var newNumbers = NodePortsOf(updated);
        foreach (var port in oldNumbers)
        {
            if (!newNumbers.Contains(port))
            {
                txn.ReleasePortOnCommit(port);
            }
        }

        return updated;
    }

    public static ServiceSpec UpdateHealthCheckNodePort(ServiceSpec oldSpec, ServiceSpec spec, ServiceAllocationTransaction txn)
    {
        var needed = ServiceTypeLayering.NeedsHealthCheckNodePort(oldSpec);
        var needs = ServiceTypeLayering.NeedsHealthCheckNodePort(spec);
        if (!needed && needs)
        {
            return AllocateHealthCheckNodePort(spec, txn);
        }

        if (needed && !needs && oldSpec.HealthCheckNodePort != 0)
        {
            txn.ReleasePortOnCommit(oldSpec.HealthCheckNodePort);
        }

        return spec;
    }

    // Only NodePort and LoadBalancer Services allocate node ports. Other types may still carry
    // nodePort values (validation accepts them on ExternalName, as upstream does), but those were
    // never allocated for this Service, so they are neither kept nor released as its own.
    public static HashSet<int> Held(ServiceSpec spec)
        => spec.Type.MayCarryNodePorts() ? NodePortsOf(spec) : [];

    private static HashSet<int> NodePortsOf(ServiceSpec spec)
    {
        var set = new HashSet<int>();
        foreach (var port in spec.Ports)
        {
            if (port.NodePort != 0)
            {
                set.Add(port.NodePort);
            }
        }

        return set;
    }

    private static string PortPath(int index) => string.Create(CultureInfo.InvariantCulture, $"spec.ports[{index}].nodePort");
}
