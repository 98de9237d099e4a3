using BenchmarkDotNet.Attributes;
using ServiceModel.Discovery;
using ServiceModel.Services;
using ServiceModel.Traffic;

namespace ServiceModel.Benchmarks;

/// <summary>
/// Routing one connection over a NodePort Service with 100 ready endpoints spread over 4 nodes
/// (one slice): Cluster policy (100 candidates) and Local policy (25 on the entry node).
/// </summary>
[MemoryDiagnoser]
public class TrafficBenchmarks
{
    private const string EntryNode = "node-0";
    private Service _service = null!;
    private EndpointSlice[] _slices = null!;
    private TrafficRequest _request = null!;

    [Params("Cluster", "Local")]
    public string Policy { get; set; } = "Cluster";

    [GlobalSetup]
    public void Setup()
    {
        _service = TrafficBenchmarkData.NodePortService(Policy == "Local" ? TrafficPolicy.Local : TrafficPolicy.Cluster);
        _slices = TrafficBenchmarkData.Slices(100);
        _request = new TrafficRequest { NodeName = EntryNode, Entry = TrafficEntry.NodePort };
    }

    [Benchmark(Baseline = true, Description = "naive LINQ")]
    public int Naive() => NaiveTrafficRouter.Route(_service, _slices, EntryNode, Policy == "Local").Length;

    [Benchmark(Description = "TrafficRouter.Route")]
    public int Ours() => TrafficRouter.Route(_service, _slices, _request).Candidates.Length;
}
