using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using ServiceModel.Discovery;
using ServiceModel.Networking;
using ServiceModel.Services;

namespace ServiceModel.Benchmarks;

/// <summary>
/// EndpointSlices for one Service over many pods: computing them from scratch, and reconciling
/// slices that are already current (the steady state of a controller). The baseline is the naive
/// approach: filter, sort and chunk the pods into slices with no reuse of existing ones.
/// </summary>
[MemoryDiagnoser]
public class EndpointSliceBenchmarks
{
    private Service _service = null!;
    private Pod[] _pods = [];
    private Pod[] _shuffled = [];
    private ImmutableArray<EndpointSlice> _current;

    [Params(1_000, 10_000)]
    public int Pods { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _service = new Service
        {
            Name = "web",
            Namespace = "default",
            Uid = "uid-web",
            Spec = new ServiceSpec
            {
                Selector = ImmutableDictionary<string, string>.Empty.Add("app", "web"),
                ClusterIP = "10.96.0.10",
                IPFamilies = [IPFamily.IPv4],
                Ports = [new ServicePort { Name = "http", Port = 80, TargetPort = 8080 }],
            },
        };
        var labels = ImmutableDictionary<string, string>.Empty.Add("app", "web").Add("pod-template-hash", "5d8f7c9b");
        _pods = new Pod[Pods];
        for (var i = 0; i < Pods; i++)
        {
            _pods[i] = new Pod("default", $"web-5d8f7c9b-{i:D5}")
            {
                Uid = $"uid-{i}",
                Labels = labels,
                PodIPs = [$"10.1.{(byte)(i >> 8)}.{(byte)i}"],
                Ready = i % 10 != 0,
                NodeName = $"node-{i % 50}",
            };
        }

        _shuffled = (Pod[])_pods.Clone();
        new Random(42).Shuffle(_shuffled);
        _current = EndpointSliceReconciler.Default.Compute(_service, _pods);
    }

    [Benchmark(Baseline = true)]
    public int NaiveChunking()
    {
        var count = 0;
        var selected = _shuffled
            .Where(p => p.Namespace == _service.Namespace && p.Labels.TryGetValue("app", out var app) && app == "web" && !p.IsTerminal && p.PodIPs.Length > 0)
            .OrderBy(p => p.Name, StringComparer.Ordinal);
        foreach (var chunk in selected.Chunk(EndpointSliceReconciler.DefaultMaxEndpointsPerSlice))
        {
            var slice = new EndpointSlice(_service.Namespace, $"web-{count}", AddressType.IPv4)
            {
                Endpoints = [.. chunk.Select(p => new Endpoint([p.PodIPs[0]])
                {
                    Conditions = new EndpointConditions { Ready = p.Ready && !p.IsTerminating, Serving = p.Ready, Terminating = p.IsTerminating },
                    NodeName = p.NodeName,
                    TargetRef = ObjectReference.ForPod(p),
                })],
            };
            count += slice.Endpoints.Length;
        }

        return count;
    }

    [Benchmark]
    public int Compute() => EndpointSliceReconciler.Default.Compute(_service, _pods).Length;

    /// <summary>Pods in random order, as an informer lists them: adds the sort by name.</summary>
    [Benchmark]
    public int ComputeShuffled() => EndpointSliceReconciler.Default.Compute(_service, _shuffled).Length;

    [Benchmark]
    public bool ReconcileCurrent() => EndpointSliceReconciler.Default.Reconcile(_service, _pods, _current).IsEmpty;
}
