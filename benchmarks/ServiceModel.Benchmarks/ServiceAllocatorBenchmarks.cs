using System.Collections.Immutable;
using System.Net;
using BenchmarkDotNet.Attributes;
using ServiceModel.Allocation;
using ServiceModel.Networking;
using ServiceModel.Services;

namespace ServiceModel.Benchmarks;

/// <summary>
/// Create + Delete of a LoadBalancer Service with three ports (external traffic policy Cluster) on
/// a 10.0.0.0/12, 30000-32767 cluster with both ranges half full (the benchmarks.md fill pattern).
/// </summary>
/// <remarks>
/// The baseline gets all-or-nothing the obvious way: snapshot every allocator before the
/// operation (so a failure could restore it), then default, allocate, validate and release directly.
/// Ours undoes only what it did.
/// </remarks>
[MemoryDiagnoser]
public class ServiceAllocatorBenchmarks
{
    private static readonly IPFamily[] s_families = [IPFamily.IPv4];

    private ClusterIPAllocator _clusterIPs = null!;
    private NodePortAllocator _nodePorts = null!;
    private ServiceAllocator _allocator = null!;
    private Service _service = null!;

    [GlobalSetup]
    public void Setup()
    {
        _clusterIPs = new ClusterIPAllocator(ServiceCidr.Parse(AllocatorFixture.ClusterIP), new Random(42));
        _nodePorts = new NodePortAllocator(PortRange.Default, new Random(42));
        foreach (var offset in FillPattern.Offsets((int)_clusterIPs.Capacity, 50))
        {
            _clusterIPs.Allocate(_clusterIPs.Cidr.AddressAt(offset));
        }

        foreach (var offset in FillPattern.Offsets(_nodePorts.Capacity, 50))
        {
            _nodePorts.Allocate(PortRange.Default.First + offset);
        }

        _allocator = new ServiceAllocator(_clusterIPs, _nodePorts);
        _service = new Service
        {
            Name = "web",
            Spec = new ServiceSpec
            {
                Type = ServiceType.LoadBalancer,
                Selector = ImmutableDictionary<string, string>.Empty.Add("app", "web"),
                Ports =
                [
                    new ServicePort { Name = "http", Port = 80, TargetPort = 8080 },
                    new ServicePort { Name = "https", Port = 443, TargetPort = 8443 },
                    new ServicePort { Name = "metrics", Port = 9090 },
                ],
            },
        };
    }

    [Benchmark(Baseline = true, Description = "naive: snapshot allocators, then allocate directly")]
    public int NaiveSnapshotTransaction()
    {
        var ipBefore = _clusterIPs.Snapshot();
        var portsBefore = _nodePorts.Snapshot();
        var service = ServiceDefaults.Apply(_service, s_families);
        var ip = _clusterIPs.AllocateNext();
        var ports = service.Spec.Ports.Select(p => p with { NodePort = _nodePorts.AllocateNext() }).ToImmutableArray();
        var created = service with { Spec = service.Spec with { ClusterIP = ip.ToString(), ClusterIPs = [ip.ToString()], Ports = ports } };
        if (!ServiceValidator.Validate(created).IsEmpty)
        {
            _ = ClusterIPAllocator.Restore(ipBefore);
            _ = NodePortAllocator.Restore(portsBefore);
            return -1;
        }

        _clusterIPs.Release(IPAddress.Parse(created.Spec.ClusterIP!));
        foreach (var port in created.Spec.Ports)
        {
            _nodePorts.Release(port.NodePort);
        }

        return ports[0].NodePort;
    }

    [Benchmark(Description = "ServiceAllocator.Create + Delete")]
    public int CreateDelete()
    {
        var created = _allocator.Create(_service);
        _allocator.Delete(created.Service);
        return created.Service.Spec.Ports[0].NodePort;
    }

    [Benchmark(Description = "ServiceAllocator.Create (dry run)")]
    public int CreateDryRun() => _allocator.Create(_service, dryRun: true).Service.Spec.Ports[0].NodePort;
}
