using System.Collections.Immutable;
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
        _services = [.. Enumerable.Range(0, Services).Select(i => new Service
        {
            Name = $"svc-{i:D4}",
            Namespace = "default",
            Spec = new ServiceSpec
            {
                Selector = ImmutableDictionary<string, string>.Empty.Add("app", $"app-{i}"),
                ClusterIP = "10.96.0.10",
                IPFamilies = [Networking.IPFamily.IPv4],
                Ports = [new ServicePort { Port = 80, TargetPort = 8080 }],
            },
        })];
        _pods = [.. Enumerable.Range(0, Services * 10).Select(i => new Pod("default", $"pod-{i:D5}")
        {
            Labels = ImmutableDictionary<string, string>.Empty.Add("app", $"app-{i / 10}").Add("pod-template-hash", "7c9d"),
            PodIPs = [$"10.3.{i >> 8}.{i & 255}"],
            Ready = true,
        })];
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
