using System.Net;
using BenchmarkDotNet.Attributes;
using ServiceModel.Allocation;
using ServiceModel.Networking;

namespace ServiceModel.Benchmarks;

/// <summary>
/// The multi-CIDR allocator (issue 13 targets): AllocateNext+Release on a /64 holding 1,000,000
/// addresses, and on a half-full /12 beside the classic bitmap; each scenario's allocator holds
/// that one ServiceCIDR only (allocate-specific over four ServiceCIDRs is
/// <see cref="ServiceCidrSpecificBenchmarks"/>). The naive baseline is upstream's algorithm over a
/// HashSet: random start, then a linear scan for the first free address.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
public class ServiceCidrBenchmarks
{
    private ServiceCidrAllocator _ours = null!;
    private ClusterIPAllocator? _classic;
    private HashSet<UInt128> _naive = null!;
    private UInt128 _first;
    private ulong _size;
    private Random _naiveRandom = null!;

    // "/64 with 1,000 allocated" is a diagnostic beside the target: the same work on a table that
    // fits in the cache, so the difference to the 1,000,000 case is the memory latency of one
    // random access into a 32 MB table.
    [Params("/64 with 1,000,000 allocated", "/64 with 1,000 allocated", "/12 half full")]
    public string Scenario { get; set; } = "/64 with 1,000,000 allocated";

    [GlobalSetup]
    public void Setup()
    {
        var slash64 = Scenario.StartsWith("/64", StringComparison.Ordinal);
        var cidr = ServiceCidr.Parse(slash64 ? "fd00:10:96::/64" : AllocatorFixture.ClusterIP);
        var family = cidr.Family;
        var before = GC.GetTotalMemory(true);
        _ours = new ServiceCidrAllocator(new Random(42));
        _ours.AddServiceCidr(new ServiceCidrObject { Name = "kubernetes", Cidrs = [cidr.ToString()] });
        _first = cidr.Base;
        _size = slash64 ? ulong.MaxValue : (ulong)cidr.Size;
        _naive = [];
        _naiveRandom = new Random(42);
        var count = !slash64 ? (int)(cidr.Size / 2) : Scenario.Contains("1,000,000", StringComparison.Ordinal) ? 1_000_000 : 1_000;
        if (slash64)
        {
            for (var i = 0; i < count; i++)
            {
                _ours.TryAllocateNextValue(family, out _);
            }

            var perAddress = (GC.GetTotalMemory(true) - before) / (double)count;
            Console.WriteLine($"// memory: {perAddress:F1} bytes per allocated address ({count:N0} addresses in a /64)");
            var values = _ours.ListIPAddresses();
            foreach (var o in values)
            {
                ServiceCidr.TryToInteger(IPAddress.Parse(o.Name), out var v, out _);
                _naive.Add(v);
            }
        }
        else
        {
            _classic = new ClusterIPAllocator(cidr, new Random(42));
            foreach (var offset in FillPattern.Offsets((int)cidr.Size, 50))
            {
                _classic.TryAllocateOffset(offset);
                _ours.Allocate(cidr.AddressAt(offset));
                _naive.Add(_first + (ulong)offset);
            }
        }
    }

    [Benchmark(Baseline = true, Description = "naive: HashSet, random start + linear scan")]
    public UInt128 NaiveAllocateNextRelease()
    {
        var offset = (ulong)_naiveRandom.NextInt64(long.MaxValue) % _size;
        while (_naive.Contains(_first + offset))
        {
            offset = (offset + 1) % _size;
        }

        var value = _first + offset;
        _naive.Add(value);
        _naive.Remove(value);
        return value;
    }

    [Benchmark(Description = "ours: AllocateNext+Release (value API)")]
    public UInt128 AllocateNextRelease()
    {
        var family = _size == ulong.MaxValue ? IPFamily.IPv6 : IPFamily.IPv4;
        _ours.TryAllocateNextValue(family, out var value);
        _ours.ReleaseValue(family, value);
        return value;
    }

    [Benchmark(Description = "classic bitmap ClusterIPAllocator (/12 only)")]
    public long ClassicAllocateNextRelease()
    {
        if (_classic is null)
        {
            return -1;
        }

        _classic.TryAllocateNextOffset(out var offset);
        _classic.ReleaseOffset(offset);
        return offset;
    }
}
