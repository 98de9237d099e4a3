using System.Net;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ServiceModel.Allocation;
using ServiceModel.Networking;

namespace ServiceModel.Tests.Allocation;

public class AddressRandomTests
{
    [Property(MaxTest = 300)]
    public Property NextBelow_stays_below_any_64_bit_bound(ulong bound, int seed)
    {
        var random = new AddressRandom(new Random(seed));
        var b = Math.Max(bound, 1UL);
        return Enumerable.Range(0, 16).All(_ => random.NextBelow(b) < b).ToProperty();
    }

    [Fact]
    public void NextBelow_covers_a_small_range_evenly()
    {
        var random = new AddressRandom(new Random(5));
        var counts = new int[7];
        for (var i = 0; i < 70_000; i++)
        {
            counts[random.NextBelow(7)]++;
        }

        Assert.All(counts, c => Assert.InRange(c, 9_400, 10_600));
    }

    [Fact]
    public void A_seeded_allocator_repeats_its_choices_and_another_seed_does_not()
    {
        static string[] Run(int seed)
        {
            var allocator = new ServiceCidrAllocator(new Random(seed));
            allocator.AddServiceCidr(new ServiceCidrObject { Name = "kubernetes", Cidrs = ["fd00:10:96::/64"] });
            allocator.AddServiceCidr(new ServiceCidrObject { Name = "extra", Cidrs = ["fd00:10:97::/64"] });
            return [.. Enumerable.Range(0, 20).Select(_ => allocator.AllocateNext(IPFamily.IPv6).ToString())];
        }

        Assert.Equal(Run(1), Run(1));
        Assert.NotEqual(Run(1), Run(2));
        // Both /64s drawn from (ServiceCidr.Contains follows the bitmap's capped IPv6 size, so compare prefixes).
        var prefixes = Run(3).Select(ip => Convert.ToHexString(IPAddress.Parse(ip).GetAddressBytes(), 0, 8)).ToHashSet();
        Assert.Equal(["FD00001000960000", "FD00001000970000"], prefixes.Order(StringComparer.Ordinal));
    }
}
