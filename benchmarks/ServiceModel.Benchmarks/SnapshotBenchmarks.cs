using BenchmarkDotNet.Attributes;
using ServiceModel.Allocation;

namespace ServiceModel.Benchmarks;

/// <summary>Snapshot of a half-full range (benchmarks.md).</summary>
[MemoryDiagnoser]
[MinColumn]
public class SnapshotBenchmarks
{
    private AllocatorFixture _fixture = null!;
    private byte[] _buffer = [];

    [Params(AllocatorFixture.ClusterIP, AllocatorFixture.NodePort)]
    public string Range { get; set; } = AllocatorFixture.ClusterIP;

    [GlobalSetup]
    public void Setup()
    {
        _fixture = new AllocatorFixture(Range, 50);
        _buffer = new byte[_fixture.ClusterIPs?.MaxSnapshotLength ?? _fixture.NodePorts!.MaxSnapshotLength];
        if (!_buffer.AsSpan(0, IntoBuffer()).SequenceEqual(Naive()))
        {
            throw new InvalidOperationException("the buffer snapshot differs from the naive big-endian encoding");
        }
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

    [Benchmark(Description = "ours, into a reused buffer (TrySnapshot)")]
    public int IntoBuffer()
    {
        var written = 0;
        _ = _fixture.ClusterIPs?.TrySnapshot(_buffer, out written) ?? _fixture.NodePorts!.TrySnapshot(_buffer, out written);
        return written;
    }
}
