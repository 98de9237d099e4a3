using System.Net;
using BenchmarkDotNet.Attributes;

namespace ServiceModel.Benchmarks;

/// <summary>Allocate(specific)+Release of the first free offset at or after max/2 (benchmarks.md).</summary>
[MemoryDiagnoser]
public class AllocateSpecificBenchmarks
{
    private AllocatorFixture _fixture = null!;
    private IPAddress? _ip;
    private int _port;

    [Params(AllocatorFixture.ClusterIP, AllocatorFixture.NodePort)]
    public string Range { get; set; } = AllocatorFixture.ClusterIP;

    [Params(0, 50)]
    public int Fill { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _fixture = new AllocatorFixture(Range, Fill);
        _ip = _fixture.ClusterIPs?.Cidr.AddressAt(_fixture.FreeOffset);
        _port = Networking.PortRange.Default.First + _fixture.FreeOffset;
    }

    [Benchmark(Baseline = true, Description = "naive")]
    public bool Naive()
    {
        var set = _fixture.Naive.Set(_fixture.FreeOffset);
        _fixture.Naive.Clear(_fixture.FreeOffset);
        return set;
    }

    [Benchmark(Description = "ours, public API")]
    public bool Ours()
    {
        if (_fixture.ClusterIPs is { } ips)
        {
            ips.Allocate(_ip!);
            return ips.Release(_ip!);
        }

        _fixture.NodePorts!.Allocate(_port);
        return _fixture.NodePorts.Release(_port);
    }
}
