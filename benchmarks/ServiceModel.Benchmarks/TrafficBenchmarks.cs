using System.Collections.Immutable;
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
        var policy = Policy == "Local" ? TrafficPolicy.Local : TrafficPolicy.Cluster;
        _service = new Service
        {
            Name = "web",
            Uid = "uid-web",
            Spec = new ServiceSpec
            {
                Type = ServiceType.NodePort,
                ClusterIP = "10.96.0.10",
                Ports = [new ServicePort { Name = "http", Port = 80, TargetPort = 8080, NodePort = 30080 }],
                ExternalTrafficPolicy = policy,
            },
        };
        _slices =
        [
            new EndpointSlice("default", "web-abcde", AddressType.IPv4)
            {
                Labels = ImmutableDictionary<string, string>.Empty.Add(EndpointSlice.ServiceNameLabel, "web"),
                Ports = [new EndpointPort { Name = "http", Port = 8080, Protocol = Protocol.TCP }],
                Endpoints = [.. Enumerable.Range(0, 100).Select(i => new Endpoint([$"10.244.{i % 4}.{i + 2}"])
                {
                    NodeName = $"node-{i % 4}",
                    Conditions = new EndpointConditions { Ready = true, Serving = true, Terminating = false },
                })],
            },
        ];
        _request = new TrafficRequest { NodeName = EntryNode, Entry = TrafficEntry.NodePort };
    }

    [Benchmark(Baseline = true, Description = "naive LINQ")]
    public int Naive() => NaiveTrafficRouter.Route(_service, _slices, EntryNode, Policy == "Local").Length;

    [Benchmark(Description = "TrafficRouter.Route")]
    public int Ours() => TrafficRouter.Route(_service, _slices, _request).Candidates.Length;
}
