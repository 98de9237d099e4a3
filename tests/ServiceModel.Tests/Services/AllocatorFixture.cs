using System.Collections.Immutable;
using System.Net;
using ServiceModel.Allocation;
using ServiceModel.Networking;
using ServiceModel.Services;

namespace ServiceModel.Tests.Services;

/// <summary>Where a fixture's ClusterIPs come from: the classic bitmap or the ServiceCIDR allocator.</summary>
public enum IPEngine
{
    Bitmap,
    ServiceCidrs,
}

/// <summary>One family's ClusterIPs as the tests look at them, whichever allocator holds them.</summary>
public sealed class FamilyIPs
{
    private readonly ClusterIPAllocator? _bitmap;
    private readonly ServiceCidrAllocator? _serviceCidrs;
    private readonly IPFamily _family;

    public FamilyIPs(ClusterIPAllocator bitmap) => (_bitmap, _family) = (bitmap, bitmap.Cidr.Family);

    public FamilyIPs(ServiceCidrAllocator serviceCidrs, IPFamily family) => (_serviceCidrs, _family) = (serviceCidrs, family);

    /// <summary>The classic bitmap allocator behind this view (the default engine); throws on the ServiceCIDR engine.</summary>
    public ClusterIPAllocator Bitmap => _bitmap ?? throw new InvalidOperationException("this fixture runs on the ServiceCIDR engine");

    public long Used => _bitmap?.Used ?? _serviceCidrs!.UsedOf(_family);

    public bool IsAllocated(IPAddress ip) => _bitmap?.IsAllocated(ip) ?? (_serviceCidrs!.IsAllocated(ip) && IPFamilyOf(ip) == _family);

    public void Allocate(IPAddress ip)
    {
        if (_bitmap is not null)
        {
            _bitmap.Allocate(ip);
        }
        else
        {
            _serviceCidrs!.Allocate(ip);
        }
    }

    public IPAddress AllocateNext() => _bitmap?.AllocateNext() ?? _serviceCidrs!.AllocateNext(_family);

    public IEnumerable<IPAddress> EnumerateAllocated()
        => _bitmap?.EnumerateAllocated()
           ?? _serviceCidrs!.ListIPAddresses().Select(a => IPAddress.Parse(a.Name)).Where(ip => IPFamilyOf(ip) == _family);

    /// <summary>The state as text: the allocated addresses and, for IPAddress objects, their parents.</summary>
    public string State()
        => _bitmap is not null
            ? Convert.ToBase64String(_bitmap.Snapshot().Data.AsSpan())
            : string.Join(";", _serviceCidrs!.ListIPAddresses()
                .Where(a => IPFamilyOf(IPAddress.Parse(a.Name)) == _family)
                .Select(a => a.Name + "=" + a.ParentRef?.Namespace + "/" + a.ParentRef?.Name));

    private static IPFamily IPFamilyOf(IPAddress ip) => ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? IPFamily.IPv6 : IPFamily.IPv4;
}

/// <summary>
/// A ServiceAllocator over small seeded ranges, with snapshot comparison of every allocator; its
/// ClusterIPs come from the classic bitmap or from a ServiceCIDR allocator holding the same ranges as
/// the default ServiceCIDR, so every Service-level case runs on both.
/// </summary>
public sealed class AllocatorFixture
{
    public AllocatorFixture(bool dualStack = false, string ipv4 = "10.0.0.0/24", string ipv6 = "fd00::/120", string ports = "30000-30099", int seed = 7, IPEngine engine = IPEngine.Bitmap)
    {
        Ports = new NodePortAllocator(PortRange.Parse(ports), new Random(seed + 2));
        if (engine == IPEngine.Bitmap)
        {
            var v4 = new ClusterIPAllocator(ServiceCidr.Parse(ipv4), new Random(seed));
            var v6 = dualStack ? new ClusterIPAllocator(ServiceCidr.Parse(ipv6), new Random(seed + 1)) : null;
            V4 = new FamilyIPs(v4);
            V6 = v6 is null ? null : new FamilyIPs(v6);
            Allocator = new ServiceAllocator(v4, v6, Ports);
        }
        else
        {
            ServiceCidrs = new ServiceCidrAllocator(new Random(seed));
            ServiceCidrs.AddServiceCidr(ServiceCidrObject.CreateDefault(ServiceCidr.Parse(ipv4), dualStack ? ServiceCidr.Parse(ipv6) : null));
            V4 = new FamilyIPs(ServiceCidrs, IPFamily.IPv4);
            V6 = dualStack ? new FamilyIPs(ServiceCidrs, IPFamily.IPv6) : null;
            Allocator = new ServiceAllocator(ServiceCidrs, IPFamily.IPv4, dualStack ? IPFamily.IPv6 : null, Ports);
        }
    }

    /// <summary>Both engines, for theories.</summary>
    public static TheoryData<IPEngine> Engines => [IPEngine.Bitmap, IPEngine.ServiceCidrs];

    public FamilyIPs V4 { get; }

    public FamilyIPs? V6 { get; }

    /// <summary>The ServiceCIDR allocator; null on the bitmap engine.</summary>
    public ServiceCidrAllocator? ServiceCidrs { get; }

    public NodePortAllocator Ports { get; }

    public ServiceAllocator Allocator { get; }

    public (string V4, string? V6, RangeAllocation Ports) Snapshot() => (V4.State(), V6?.State(), Ports.Snapshot());

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
