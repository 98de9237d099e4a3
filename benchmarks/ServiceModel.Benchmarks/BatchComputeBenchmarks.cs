using BenchmarkDotNet.Attributes;
using ServiceModel.Discovery;
using ServiceModel.Services;

namespace ServiceModel.Benchmarks;

/// <summary>
/// Every Service's slices in a namespace of ten pods per Service: handing each Service all pods
/// (the baseline, Services × pods selector matches) against
/// <see cref="EndpointSliceReconciler.ComputeAll"/>, which assigns pods once through a
/// <see cref="ServiceIndex"/>.
/// </summary>
[MemoryDiagnoser]
public class BatchComputeBenchmarks
{
    private Service[] _services = [];
    private Pod[] _pods = [];

    [Params(100, 1_000)]
    public int Services { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _services = [.. Enumerable.Range(0, Services).Select(i => DiscoveryWorkload.Service($"svc-{i:D4}", $"app-{i}", new ServicePort { Port = 80, TargetPort = 8080 }))];
        _pods = DiscoveryWorkload.Pods(Services * 10, "pod-", i => DiscoveryWorkload.App($"app-{i / 10}").Add("pod-template-hash", "7c9d"), _ => true);
    }

    [Benchmark(Baseline = true)]
    public int EachServiceAllPods()
    {
        var count = 0;
        foreach (var service in _services)
        {
            count += EndpointSliceReconciler.Default.Compute(service, _pods).Length;
        }

        return count;
    }

    [Benchmark]
    public int ComputeAll() => EndpointSliceReconciler.Default.ComputeAll(_services, _pods).Count;
}
