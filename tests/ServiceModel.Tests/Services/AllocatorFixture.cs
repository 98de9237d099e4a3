using System.Collections.Immutable;
using System.Net;
using ServiceModel.Allocation;
using ServiceModel.Networking;
using ServiceModel.Services;

namespace ServiceModel.Tests.Services;

/// <summary>A ServiceAllocator over small seeded ranges, with snapshot comparison of every allocator.</summary>
public sealed class AllocatorFixture
{
    public AllocatorFixture(bool dualStack = false, string ipv4 = "10.0.0.0/24", string ipv6 = "fd00::/120", string ports = "30000-30099", int seed = 7)
    {
        V4 = new ClusterIPAllocator(ServiceCidr.Parse(ipv4), new Random(seed));
        V6 = dualStack ? new ClusterIPAllocator(ServiceCidr.Parse(ipv6), new Random(seed + 1)) : null;
        Ports = new NodePortAllocator(PortRange.Parse(ports), new Random(seed + 2));
        Allocator = new ServiceAllocator(V4, V6, Ports);
    }

    public ClusterIPAllocator V4 { get; }

    public ClusterIPAllocator? V6 { get; }

    public NodePortAllocator Ports { get; }

    public ServiceAllocator Allocator { get; }

    public (RangeAllocation V4, RangeAllocation? V6, RangeAllocation Ports) Snapshot() => (V4.Snapshot(), V6?.Snapshot(), Ports.Snapshot());

    /// <summary>Every value the allocators hold, as text ("10.0.0.1", "30001").</summary>
    public ImmutableSortedSet<string> Held()
        => [.. V4.EnumerateAllocated().Select(ip => ip.ToString()),
            .. (V6?.EnumerateAllocated() ?? []).Select(ip => ip.ToString()),
            .. Ports.EnumerateAllocated().Select(p => p.ToString(System.Globalization.CultureInfo.InvariantCulture))];

    /// <summary>Every value a Service holds, as text.</summary>
    public static ImmutableSortedSet<string> HeldBy(Service service)
    {
        var spec = service.Spec;
        var values = new List<string>();
        if (spec.Type != ServiceType.ExternalName && !spec.IsHeadless)
        {
            values.AddRange(spec.ClusterIPs.Select(ip => IPAddress.Parse(ip).ToString()));
        }

        if (spec.Type is ServiceType.NodePort or ServiceType.LoadBalancer)
        {
            values.AddRange(spec.Ports.Where(p => p.NodePort != 0).Select(p => p.NodePort.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        if (ServiceTypeLayering.NeedsHealthCheckNodePort(spec) && spec.HealthCheckNodePort != 0)
        {
            values.Add(spec.HealthCheckNodePort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return [.. values];
    }

    public static ServicePort Port(string name, int port, Protocol protocol = Protocol.TCP, int nodePort = 0)
        => new() { Name = name, Port = port, Protocol = protocol, NodePort = nodePort };

    public static Service Svc(ServiceType type, params ServicePort[] ports)
        => new()
        {
            Name = "web",
            Spec = new ServiceSpec
            {
                Type = type,
                Selector = ImmutableDictionary<string, string>.Empty.Add("app", "web"),
                Ports = [.. ports],
                ExternalName = type == ServiceType.ExternalName ? "example.com" : null,
            },
        };
}
