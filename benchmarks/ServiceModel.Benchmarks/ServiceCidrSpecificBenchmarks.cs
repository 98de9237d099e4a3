using System.Net;
using BenchmarkDotNet.Attributes;
using ServiceModel.Allocation;
using ServiceModel.Networking;

namespace ServiceModel.Benchmarks;

/// <summary>
/// Allocate-specific + Release on a cluster with four ServiceCIDRs (issue 13 target): the default
/// <c>kubernetes</c> 10.96.0.0/12 holding 1,000 Services' addresses and three more ranges added
/// later; the requested addresses are free ones of the last range added (so the lookup passes every
/// range). The naive baseline keeps the ranges in a list and the addresses in a HashSet.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
public class ServiceCidrSpecificBenchmarks
{
    private static readonly string[] s_cidrs = ["10.96.0.0/12", "10.112.0.0/16", "10.113.0.0/20", "10.114.0.0/24"];

    private ServiceCidrAllocator _ours = null!;
    private ServiceCidr[] _naiveRanges = null!;
    private HashSet<UInt128> _naive = null!;
    private IPAddress[] _requested = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _ours = new ServiceCidrAllocator(new Random(42));
        _ours.AddServiceCidr(ServiceCidrObject.CreateDefault(ServiceCidr.Parse(s_cidrs[0])));
        _naive = [];
        for (var i = 0; i < 1_000; i++)
        {
            var ip = _ours.AllocateNext(IPFamily.IPv4);
            ServiceCidr.TryToInteger(ip, out var value, out _);
            _naive.Add(value);
        }

        for (var k = 1; k < s_cidrs.Length; k++)
        {
            _ours.AddServiceCidr(new ServiceCidrObject { Name = "extra-" + k, Cidrs = [s_cidrs[k]] });
        }

        _naiveRanges = [.. s_cidrs.Select(ServiceCidr.Parse)];
        _requested = [.. Enumerable.Range(1, 256).Select(i => IPAddress.Parse($"10.114.0.{i % 254 + 1}"))];
    }

    [Benchmark(Baseline = true, Description = "naive: range list + HashSet, Allocate(specific)+Release")]
    public bool NaiveAllocateSpecificRelease()
    {
        var ip = _requested[_next++ & 255];
        ServiceCidr.TryToInteger(ip, out var value, out _);
        var inRange = false;
        foreach (var range in _naiveRanges)
        {
            inRange |= range.Contains(ip);
        }

        return inRange && _naive.Add(value) && _naive.Remove(value);
    }

    [Benchmark(Description = "ours: Allocate(specific)+Release, 4 ServiceCIDRs")]
    public bool AllocateSpecificRelease()
    {
        var ip = _requested[_next++ & 255];
        _ours.TryAllocate(ip, out _);
        return _ours.Release(ip);
    }
}
