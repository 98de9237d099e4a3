using BenchmarkDotNet.Attributes;
using ServiceModel.Discovery;
using ServiceModel.Services;

namespace ServiceModel.Benchmarks;

/// <summary>
/// Legacy Endpoints for one Service with many ports over 200 pods. The baseline is upstream's
/// shape: one subset per (pod, port) pair, then repacked; <see cref="Endpoints.ForService"/>
/// groups pods by their resolved ports first, so its cost follows pods plus ports.
/// </summary>
[MemoryDiagnoser]
public class LegacyEndpointsBenchmarks
{
    private const int PodCount = 200;
    private Service _service = null!;
    private Pod[] _pods = [];

    [Params(100, 1_000)]
    public int Ports { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _service = DiscoveryWorkload.Service(
            "wide", "wide", [.. Enumerable.Range(0, Ports).Select(i => new ServicePort { Name = $"p{i}", Port = 10_000 + i, TargetPort = 20_000 + i })]);
        var labels = DiscoveryWorkload.App("wide");
        _pods = DiscoveryWorkload.Pods(PodCount, "wide-", _ => labels, i => i % 10 != 0);
    }

    [Benchmark(Baseline = true)]
    public int PerPodPortPair()
    {
        var subsets = new List<EndpointSubset>(PodCount * Ports);
        foreach (var pod in _pods)
        {
            var address = new EndpointAddress { IP = pod.PodIPs[0], NodeName = pod.NodeName, TargetRef = ObjectReference.ForPod(pod) };
            foreach (var servicePort in _service.Spec.Ports)
            {
                var port = new EndpointPort { Name = servicePort.Name!, Port = servicePort.TargetPort.IntValue, Protocol = servicePort.Protocol };
                subsets.Add(pod.Ready
                    ? new EndpointSubset { Addresses = [address], Ports = [port] }
                    : new EndpointSubset { NotReadyAddresses = [address], Ports = [port] });
            }
        }

        return Endpoints.RepackSubsets(subsets).Length;
    }

    [Benchmark]
    public int ForService() => Endpoints.ForService(_service, _pods)!.Subsets.Length;
}
