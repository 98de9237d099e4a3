using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using ServiceModel.Allocation;
using ServiceModel.Networking;
using ServiceModel.Services;

namespace ServiceModel.Benchmarks;

/// <summary>
/// How the allocation transaction grows with the number of ports of one NodePort Service: Create +
/// Delete, and a dry-run update to ClusterIP (the path that reports every node port it would release),
/// at 1,000 and 10,000 ports on an empty 20000-39999 node port range. Linear work shows as a ×10
/// ratio between the two sizes; the old per-port scans grew ×100.
/// </summary>
/// <remarks>
/// The baseline does only the node port part of a Create the way the allocator used to: for each
/// port, scan every port for a requested node port, and remember released ports in a list that is
/// searched before each addition.
/// </remarks>
[MemoryDiagnoser]
public class NodePortServiceScalingBenchmarks
{
    private NodePortAllocator _nodePorts = null!;
    private ServiceAllocator _allocator = null!;
    private Service _service = null!;
    private Service _created = null!;
    private Service _toClusterIP = null!;

    [Params(1_000, 10_000)]
    public int Ports { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _nodePorts = new NodePortAllocator(PortRange.Parse("20000-39999"), new Random(42));
        _allocator = new ServiceAllocator(new ClusterIPAllocator(ServiceCidr.Parse("10.0.0.0/16"), new Random(42)), _nodePorts);
        _service = new Service
        {
            Name = "wide",
            Spec = new ServiceSpec
            {
                Type = ServiceType.NodePort,
                Selector = ImmutableDictionary<string, string>.Empty.Add("app", "wide"),
                Ports = [.. Enumerable.Range(1, Ports).Select(i => new ServicePort { Name = "p" + i, Port = i })],
            },
        };
        _created = _allocator.Create(_service).Service;
        _toClusterIP = _created with
        {
            Spec = _created.Spec with
            {
                Type = ServiceType.ClusterIP,
                ExternalTrafficPolicy = null,
                Ports = [.. _created.Spec.Ports.Select(p => p with { NodePort = 0 })],
            },
        };
    }

    [Benchmark(Baseline = true, Description = "naive: per-port scan for a requested node port, list-searched releases")]
    public int NaivePerPortScan()
    {
        var ports = _service.Spec.Ports;
        var taken = new List<int>(ports.Length);
        foreach (var port in ports)
        {
            var requested = ports.FirstOrDefault(p => p.Port == port.Port && p.NodePort != 0)?.NodePort ?? 0;
            taken.Add(requested != 0 ? requested : _nodePorts.AllocateNext());
        }

        var released = new List<int>(taken.Count);
        foreach (var port in taken)
        {
            if (_nodePorts.Release(port) && !released.Contains(port))
            {
                released.Add(port);
            }
        }

        return released.Count;
    }

    [Benchmark(Description = "ServiceAllocator.Create + Delete")]
    public int CreateDelete()
    {
        var created = _allocator.Create(_service);
        return _allocator.Delete(created.Service).ReleasedNodePorts.Length;
    }

    [Benchmark(Description = "ServiceAllocator.Update to ClusterIP (dry run)")]
    public int UpdateToClusterIPDryRun() => _allocator.Update(_created, _toClusterIP, dryRun: true).ReleasedNodePorts.Length;
}
