using BenchmarkDotNet.Attributes;
using ServiceModel.Discovery;
using ServiceModel.Services;
using ServiceModel.Traffic;

namespace ServiceModel.Benchmarks;

/// <summary>
/// One connection to a NodePort Service (Cluster policy) whose endpoints are spread over 4 nodes in
/// slices of 100, at two sizes ×10 apart. The baseline is one-off routing, which rebuilds the
/// endpoint table for every connection (time grows with the endpoints); the prepared
/// <see cref="TrafficTable"/> is built once in setup and should cost the same at both sizes.
/// The topology case routes through a table over the same endpoints hinted for two zones
/// (<c>trafficDistribution: PreferSameZone</c>) from a node in zone-a: it should cost about what the
/// prepared route without hints costs. A table remembers the route of a request without a client,
/// so the two "computed" cases send a client IP (the Service has no affinity, so the answer is the
/// same) to measure the routing work itself, with and without hints.
/// </summary>
[MemoryDiagnoser]
public class TrafficTableBenchmarks
{
    private Service _service = null!;
    private EndpointSlice[] _slices = null!;
    private TrafficRequest _request = null!;
    private TrafficTable _table = null!;
    private TrafficTable _zonalTable = null!;
    private TrafficRequest _zonalRequest = null!;
    private TrafficRequest _clientRequest = null!;
    private TrafficRequest _zonalClientRequest = null!;

    [Params(100, 1_000)]
    public int Endpoints { get; set; } = 100;

    [GlobalSetup]
    public void Setup()
    {
        _service = TrafficBenchmarkData.NodePortService(TrafficPolicy.Cluster);
        _slices = TrafficBenchmarkData.Slices(Endpoints);
        _request = new TrafficRequest { NodeName = "node-0", Entry = TrafficEntry.NodePort };
        _table = TrafficRouter.Prepare(_service, _slices);
        _zonalTable = TrafficRouter.Prepare(_service, TrafficBenchmarkData.ZoneHinted(_slices));
        _zonalRequest = _request with { Zone = "zone-a" };
        _clientRequest = _request with { ClientIP = "192.168.1.9" };
        _zonalClientRequest = _zonalRequest with { ClientIP = "192.168.1.9" };
    }

    [Benchmark(Baseline = true, Description = "TrafficRouter.Route (per-call table)")]
    public int OneOff() => TrafficRouter.Route(_service, _slices, _request).Candidates.Length;

    [Benchmark(Description = "TrafficTable.Route (prepared)")]
    public int Prepared() => _table.Route(_request).Candidates.Length;

    [Benchmark(Description = "TrafficTable.Route (prepared, zone hints)")]
    public int PreparedWithTopology() => _zonalTable.Route(_zonalRequest).Candidates.Length;

    [Benchmark(Description = "TrafficTable.Route (prepared, computed)")]
    public int PreparedComputed() => _table.Route(_clientRequest).Candidates.Length;

    [Benchmark(Description = "TrafficTable.Route (prepared, computed, zone hints)")]
    public int PreparedComputedWithTopology() => _zonalTable.Route(_zonalClientRequest).Candidates.Length;
}
