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
        _service = DiscoveryWorkload.Service("web", "web", new ServicePort { Name = "http", Port = 80, TargetPort = 8080 });
        var labels = DiscoveryWorkload.App("web");
        _pods = DiscoveryWorkload.Pods(Pods, "web-", _ => labels, _ => true);
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
