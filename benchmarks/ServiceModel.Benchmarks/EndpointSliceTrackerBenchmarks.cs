using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using ServiceModel.Discovery;
using ServiceModel.Services;

namespace ServiceModel.Benchmarks;

/// <summary>
/// One pod's readiness flips among many: a full <see cref="EndpointSliceReconciler.Reconcile"/> of
/// every pod (the baseline, upstream's way) against <see cref="EndpointSliceTracker.Update"/>, which
/// rewrites the one slice holding the pod. Each call flips the pod back, so every call is a change.
/// </summary>
[MemoryDiagnoser]
public class EndpointSliceTrackerBenchmarks
{
    private Service _service = null!;
    private Pod[] _pods = [];
    private Pod[] _flipped = [];
    private ImmutableArray<EndpointSlice> _current;
    private EndpointSliceTracker _tracker = null!;
    private Pod _ready = null!;
    private Pod _notReady = null!;
    private bool _flip;

    [Params(1_000, 10_000)]
    public int Pods { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _service = new Service
        {
            Name = "web",
            Namespace = "default",
            Spec = new ServiceSpec
            {
                Selector = ImmutableDictionary<string, string>.Empty.Add("app", "web"),
                ClusterIP = "10.96.0.10",
                IPFamilies = [Networking.IPFamily.IPv4],
                Ports = [new ServicePort { Name = "http", Port = 80, TargetPort = 8080 }],
            },
        };
        var labels = ImmutableDictionary<string, string>.Empty.Add("app", "web");
        _pods = [.. Enumerable.Range(0, Pods).Select(i => new Pod("default", $"web-{i:D5}")
        {
            Uid = $"uid-{i}",
            Labels = labels,
            PodIPs = [$"10.1.{i >> 8}.{i & 255}"],
            Ready = true,
            NodeName = $"node-{i % 50}",
        })];
        _ready = _pods[Pods / 2];
        _notReady = _ready with { Ready = false };
        _flipped = (Pod[])_pods.Clone();
        _flipped[Pods / 2] = _notReady;
        _current = EndpointSliceReconciler.Default.Compute(_service, _pods);
        _tracker = EndpointSliceReconciler.Default.Track(_service, _pods, _current);
    }

    [Benchmark(Baseline = true)]
    public int FullReconcile() => EndpointSliceReconciler.Default.Reconcile(_service, _flipped, _current).ToUpdate.Length;

    [Benchmark]
    public int TrackerUpdate()
    {
        _flip = !_flip;
        return _tracker.Update([_flip ? _notReady : _ready]).ToUpdate.Length;
    }
}
