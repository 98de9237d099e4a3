using BenchmarkDotNet.Attributes;
using ServiceModel.Allocation;

namespace ServiceModel.Benchmarks;

/// <summary>Snapshot of a half-full range (benchmarks.md).</summary>
[MemoryDiagnoser]
[MinColumn]
public class SnapshotBenchmarks
{
    private AllocatorFixture _fixture = null!;

    [Params(AllocatorFixture.ClusterIP, AllocatorFixture.NodePort)]
    public string Range { get; set; } = AllocatorFixture.ClusterIP;

    [GlobalSetup]
    public void Setup()
    {
        _fixture = new AllocatorFixture(Range, 50);
        if (!Ours().Data.AsSpan().SequenceEqual(Naive()))
        {
            throw new InvalidOperationException("the snapshot differs from the naive big-endian encoding");
        }
    }

    [Benchmark(Baseline = true, Description = "naive bit-by-bit encoding")]
    public byte[] Naive() => _fixture.Naive.Snapshot();

    [Benchmark(Description = "ours")]
    public RangeAllocation Ours()
        => _fixture.ClusterIPs?.Snapshot() ?? _fixture.NodePorts!.Snapshot();
}
