using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using ServiceModel.Discovery;

namespace ServiceModel.Benchmarks;

/// <summary>
/// Hint computation for one Service with 10,000 ready endpoints over 3 zones (100 slices of 100, all
/// to be written): Topology Aware Routing's CPU-proportional allocation and trafficDistribution's
/// same-zone hints. The baseline is the naive way: a LINQ pass that hints each endpoint for its zone
/// with a fresh hints object per endpoint.
/// </summary>
[MemoryDiagnoser]
public class TopologyHintBenchmarks
{
    private static readonly string[] Zones = ["zone-a", "zone-b", "zone-c"];
    private NodeTopology _nodes = null!;
    private ImmutableArray<EndpointSlice> _slices;

    [GlobalSetup]
    public void Setup()
    {
        // Uneven CPU (4:3:3) and endpoints skewed to zone-a, so some endpoints move between zones.
        _nodes = NodeTopology.FromNodes(Enumerable.Range(0, 30).Select(i => Node.InZone($"node-{i}", Zones[i % 3], i % 3 == 0 ? 4000 : 3000)));
        var builder = ImmutableArray.CreateBuilder<EndpointSlice>(100);
        for (var s = 0; s < 100; s++)
        {
            builder.Add(new EndpointSlice("default", $"web-{s:D3}", AddressType.IPv4)
            {
                Endpoints = [.. Enumerable.Range(0, 100).Select(i =>
                {
                    var n = (s * 100) + i;
                    var node = n % 5 < 2 ? 0 : n % 30;
                    return new Endpoint([$"10.1.{n >> 8}.{n & 255}"])
                    {
                        NodeName = $"node-{node}",
                        Zone = Zones[node % 3],
                        Conditions = new EndpointConditions { Ready = true, Serving = true, Terminating = false },
                    };
                })],
            });
        }

        _slices = builder.MoveToImmutable();
    }

    [Benchmark(Baseline = true)]
    public int NaiveSameZone()
    {
        var count = 0;
        foreach (var slice in _slices)
        {
            var hinted = slice with { Endpoints = [.. slice.Endpoints.Select(e => e with { Hints = new EndpointHints { ForZones = [e.Zone!] } })] };
            count += hinted.Endpoints.Length;
        }

        return count;
    }

    [Benchmark]
    public int TopologyAwareRouting()
        => TopologyAwareHints.Assign(_nodes, AddressType.IPv4, _slices, [], []).ToCreate.Length;

    [Benchmark]
    public int TrafficDistributionPreferClose()
    {
        var count = 0;
        foreach (var slice in _slices)
        {
            count += TrafficDistributionHints.Apply("PreferClose", slice.Endpoints).Endpoints.Length;
        }

        return count;
    }
}
