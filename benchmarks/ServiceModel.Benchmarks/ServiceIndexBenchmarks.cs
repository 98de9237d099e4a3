using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using ServiceModel.Discovery;
using ServiceModel.Labels;
using ServiceModel.Services;

namespace ServiceModel.Benchmarks;

/// <summary>
/// Which of 1,000 Services select a pod: the <see cref="ServiceIndex"/> against upstream's approach,
/// a scan testing every Service's selector (prebuilt here, which flatters the baseline).
/// </summary>
[MemoryDiagnoser]
public class ServiceIndexBenchmarks
{
    private const int Services = 1_000;

    private (Service Service, LabelSelector Selector)[] _scan = [];
    private ServiceIndex _index = null!;
    private Pod _pod = null!;

    [GlobalSetup]
    public void Setup()
    {
        var services = new Service[Services];
        for (var i = 0; i < Services; i++)
        {
            services[i] = new Service
            {
                Name = $"svc-{i:D4}",
                Namespace = "default",
                Spec = new ServiceSpec
                {
                    Selector = ImmutableDictionary<string, string>.Empty.Add("app", $"app-{i % 500}").Add("tier", i % 2 == 0 ? "web" : "db"),
                },
            };
        }

        _scan = [.. services.Select(s => (s, LabelSelector.FromLabels(s.Spec.Selector!)))];
        _index = new ServiceIndex(services);
        _pod = new Pod("default", "app-250-7c9d-x2x8q")
        {
            Labels = ImmutableDictionary<string, string>.Empty
                .Add("app", "app-250").Add("tier", "web").Add("pod-template-hash", "7c9d").Add("version", "v1"),
        };
    }

    [Benchmark(Baseline = true)]
    public int NaiveScan()
    {
        var count = 0;
        foreach (var (service, selector) in _scan)
        {
            if (service.Namespace == _pod.Namespace && selector.Matches(_pod.Labels))
            {
                count++;
            }
        }

        return count;
    }

    [Benchmark]
    public int Index() => _index.ServicesFor(_pod).Length;
}
