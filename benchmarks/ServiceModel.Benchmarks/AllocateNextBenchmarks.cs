using System.Net;
using BenchmarkDotNet.Attributes;

namespace ServiceModel.Benchmarks;

/// <summary>AllocateNext+Release at a constant fill (benchmarks.md "AllocateNext+Release").</summary>
[MemoryDiagnoser]
[MinColumn]
public class AllocateNextBenchmarks
{
    private AllocatorFixture _fixture = null!;

    [Params(AllocatorFixture.ClusterIP, AllocatorFixture.NodePort)]
    public string Range { get; set; } = AllocatorFixture.ClusterIP;

    [Params(0, 50, 90, 99)]
    public int Fill { get; set; }

    [GlobalSetup]
    public void Setup() => _fixture = new AllocatorFixture(Range, Fill);

    [Benchmark(Baseline = true, Description = "naive bit-by-bit scan (upstream's algorithm)")]
    public int Naive()
    {
        var offset = _fixture.Naive.AllocateNext();
        _fixture.Naive.Clear(offset);
        return offset;
    }

    [Benchmark(Description = "ours (offsets / ports)")]
    public int Ours()
    {
        if (_fixture.ClusterIPs is { } ips)
        {
            ips.TryAllocateNextOffset(out var offset);
            ips.ReleaseOffset(offset);
            return (int)offset;
        }

        var port = _fixture.NodePorts!.AllocateNext();
        _fixture.NodePorts.Release(port);
        return port;
    }

    [Benchmark(Description = "ours, public API (IPAddress / int)")]
    public object PublicApi()
    {
        if (_fixture.ClusterIPs is { } ips)
        {
            IPAddress ip = ips.AllocateNext();
            ips.Release(ip);
            return ip;
        }

        var port = _fixture.NodePorts!.AllocateNext();
        _fixture.NodePorts.Release(port);
        return _fixture;
    }
}
