using BenchmarkDotNet.Attributes;

namespace ServiceModel.Benchmarks;

/// <summary>IsAllocated at 50 % fill, offsets cycling 0, 1, …, max-1 (benchmarks.md).</summary>
[MemoryDiagnoser]
public class IsAllocatedBenchmarks
{
    private AllocatorFixture _fixture = null!;
    private int _next;

    [Params(AllocatorFixture.ClusterIP, AllocatorFixture.NodePort)]
    public string Range { get; set; } = AllocatorFixture.ClusterIP;

    [GlobalSetup]
    public void Setup() => _fixture = new AllocatorFixture(Range, 50);

    private int NextOffset()
    {
        var offset = _next;
        _next = offset + 1 == _fixture.Max ? 0 : offset + 1;
        return offset;
    }

    [Benchmark(Baseline = true, Description = "naive")]
    public bool Naive() => _fixture.Naive.Has(NextOffset());

    [Benchmark(Description = "ours (offsets / public int API)")]
    public bool Ours()
        => _fixture.ClusterIPs is { } ips
            ? ips.IsAllocatedOffset(NextOffset())
            : _fixture.NodePorts!.IsAllocated(Networking.PortRange.Default.First + NextOffset());
}
