using System.Collections.Immutable;
using System.Net;
using ServiceModel.Allocation;
using ServiceModel.Networking;

namespace ServiceModel.Tests.Allocation;

public class ClusterIPAllocatorTests
{
    private static ClusterIPAllocator Create(string cidr, int seed = 1) => new(ServiceCidr.Parse(cidr), new Random(seed));

    [Theory]
    // min(max(16, n/16), 256), 0 when n <= 16 (ipallocator calculateRangeOffset).
    [InlineData("192.168.1.0/24", 16)]
    [InlineData("192.168.1.0/28", 0)]
    [InlineData("192.168.1.0/27", 16)]
    [InlineData("192.168.1.0/26", 16)]
    [InlineData("192.168.1.0/25", 16)]
    [InlineData("192.168.0.0/23", 32)]
    [InlineData("192.168.0.0/20", 256)]
    [InlineData("10.0.0.0/12", 256)]
    [InlineData("192.168.1.1/32", 0)]
    [InlineData("0.0.0.0/1", 0)]
    [InlineData("2001:db8::/64", 256)]
    [InlineData("2001:db8::/120", 16)]
    [InlineData("2001:db8::/124", 0)]
    [InlineData("2001:db8::/123", 16)]
    public void Static_band_follows_calculateRangeOffset(string cidr, long band)
        => Assert.Equal(band, Create(cidr).StaticBandSize);

    [Fact]
    public void AllocateNext_uses_the_dynamic_band_first_then_the_static_band_then_reports_full()
    {
        var allocator = Create("10.0.0.0/24", seed: 42);
        Assert.Equal(254, allocator.Capacity);
        for (var i = 0; i < 254 - 16; i++)
        {
            var offset = allocator.Cidr.OffsetOf(allocator.AllocateNext());
            Assert.InRange(offset, 16, 253);
        }

        for (var i = 0; i < 16; i++)
        {
            var offset = allocator.Cidr.OffsetOf(allocator.AllocateNext());
            Assert.InRange(offset, 0, 15);
        }

        Assert.Equal(0, allocator.Free);
        var full = Assert.Throws<AllocationException>(() => allocator.AllocateNext());
        Assert.Equal(AllocationError.Full, full.Error);
        Assert.Equal("range is full", full.Message);
        Assert.False(allocator.TryAllocateNext(out var none));
        Assert.Null(none);
    }

    [Fact]
    public void Errors_carry_the_upstream_texts()
    {
        var allocator = Create("10.0.0.0/24");
        var notInRange = Assert.Throws<AllocationException>(() => allocator.Allocate(IPAddress.Parse("10.0.1.1")));
        Assert.Equal(AllocationError.NotInRange, notInRange.Error);
        Assert.Equal("the provided IP (10.0.1.1) is not in the valid range. The range of valid IPs is 10.0.0.0/24", notInRange.Message);

        allocator.Allocate(IPAddress.Parse("10.0.0.7"));
        var taken = Assert.Throws<AllocationException>(() => allocator.Allocate(IPAddress.Parse("10.0.0.7")));
        Assert.Equal(AllocationError.AlreadyAllocated, taken.Error);
        Assert.Equal("provided IP is already allocated", taken.Message);
        Assert.IsAssignableFrom<InvalidOperationException>(taken);
    }

    [Theory]
    [InlineData("10.0.0.0")]
    [InlineData("10.0.0.255")]
    [InlineData("10.0.1.0")]
    [InlineData("fd00::1")]
    public void Network_broadcast_foreign_and_other_family_addresses_are_not_in_range(string ip)
    {
        var allocator = Create("10.0.0.0/24");
        Assert.False(allocator.TryAllocate(IPAddress.Parse(ip), out var error));
        Assert.Equal(AllocationError.NotInRange, error);
        Assert.False(allocator.Release(IPAddress.Parse(ip)));
        Assert.False(allocator.IsAllocated(IPAddress.Parse(ip)));
        Assert.Equal(0, allocator.Used);
    }

    [Fact]
    public void Failed_calls_change_nothing_and_release_is_harmless()
    {
        var allocator = Create("10.0.0.0/29");
        allocator.Allocate(IPAddress.Parse("10.0.0.3"));
        var before = allocator.Snapshot();
        Assert.False(allocator.TryAllocate(IPAddress.Parse("10.0.0.3"), out _));
        Assert.False(allocator.TryAllocate(IPAddress.Parse("10.0.0.7"), out _));
        Assert.False(allocator.Release(IPAddress.Parse("10.0.0.4")));
        Assert.Equal(before, allocator.Snapshot());
        Assert.True(allocator.Release(IPAddress.Parse("10.0.0.3")));
        Assert.False(allocator.Release(IPAddress.Parse("10.0.0.3")));
        Assert.Equal(0, allocator.Used);
    }

    [Fact]
    public void Snapshot_is_byte_for_byte_the_upstream_RangeAllocation()
    {
        var allocator = Create("10.0.0.0/24");
        Assert.Equal(new RangeAllocation("10.0.0.0/24", []), allocator.Snapshot());
        allocator.Allocate(IPAddress.Parse("10.0.0.1"));
        allocator.Allocate(IPAddress.Parse("10.0.0.10"));
        allocator.Allocate(IPAddress.Parse("10.0.0.254"));
        // Offsets 0, 9 and 253: 2^253 + 2^9 + 2^0 is 32 bytes, 0x20 first, then ..., 0x02, 0x01.
        var data = new byte[32];
        data[0] = 0x20;
        data[30] = 0x02;
        data[31] = 0x01;
        var snapshot = allocator.Snapshot();
        Assert.Equal("10.0.0.0/24", snapshot.Range);
        Assert.Equal(data, snapshot.Data.ToArray());
    }

    [Fact]
    public void Restore_rebuilds_the_same_allocations()
    {
        var allocator = Create("fd00::/120");
        var taken = new[] { "fd00::1", "fd00::80", "fd00::ff" }.Select(IPAddress.Parse).ToArray();
        foreach (var ip in taken)
        {
            allocator.Allocate(ip);
        }

        var restored = ClusterIPAllocator.Restore(allocator.Snapshot());
        Assert.Equal(allocator.Cidr, restored.Cidr);
        Assert.Equal(taken, restored.EnumerateAllocated());
        Assert.Equal(3, restored.Used);
        Assert.Equal(allocator.Snapshot(), restored.Snapshot());
    }

    [Fact]
    public void Restore_rejects_a_mismatched_range()
    {
        var snapshot = Create("10.0.0.0/24").Snapshot();
        var error = Assert.Throws<AllocationException>(() => ClusterIPAllocator.RestoreFor(ServiceCidr.Parse("10.0.0.0/25"), snapshot));
        Assert.Equal(AllocationError.RangeMismatch, error.Error);
        Assert.Equal("the provided network does not match the current range", error.Message);
    }

    [Fact]
    public void Restore_rejects_bits_beyond_the_range_and_unreadable_ranges()
    {
        // 10.0.0.0/29 has 6 addresses: offset 6 (bit 0x40) is the broadcast address.
        var beyond = Assert.Throws<AllocationException>(() => ClusterIPAllocator.Restore(new RangeAllocation("10.0.0.0/29", [0x40])));
        Assert.Equal(AllocationError.CorruptSnapshot, beyond.Error);
        Assert.Contains("sets offset 6", beyond.Message, StringComparison.Ordinal);

        // A range without addresses says so rather than naming offsets 0 to -1.
        var empty = Assert.Throws<AllocationException>(() => ClusterIPAllocator.Restore(new RangeAllocation("10.0.0.0/32", [0x01])));
        Assert.Equal(AllocationError.CorruptSnapshot, empty.Error);
        Assert.Equal("the snapshot data sets offset 0, but range 10.0.0.0/32 has only 0 addresses (no offsets); the data does not belong to this range", empty.Message);
        Assert.EndsWith("(offsets 0-5); the data does not belong to this range", beyond.Message, StringComparison.Ordinal);

        var unreadable = Assert.Throws<AllocationException>(() => ClusterIPAllocator.Restore(new RangeAllocation("10.0.0.0", [])));
        Assert.Equal(AllocationError.CorruptSnapshot, unreadable.Error);
        Assert.IsType<FormatException>(unreadable.InnerException);
        Assert.StartsWith("the snapshot's range cannot be read", unreadable.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_seeded_random_makes_AllocateNext_reproducible()
    {
        var a = Create("10.0.0.0/16", seed: 5);
        var b = Create("10.0.0.0/16", seed: 5);
        for (var i = 0; i < 50; i++)
        {
            Assert.Equal(a.AllocateNext(), b.AllocateNext());
        }
    }

    [Fact]
    public void Snapshots_compare_by_value()
    {
        var a = new RangeAllocation("10.0.0.0/24", [1, 2]);
        var b = new RangeAllocation("10.0.0.0/24", ImmutableArray.Create<byte>(1, 2));
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, b with { Data = [1, 3] });
        Assert.NotEqual(a, b with { Range = "10.0.0.0/25" });
    }

    [Fact]
    public void Empty_ranges_are_always_full()
    {
        var allocator = Create("10.0.0.0/31");
        Assert.Equal(0, allocator.Capacity);
        Assert.False(allocator.TryAllocateNext(out _));
        Assert.Empty(allocator.EnumerateAllocated());
    }
}
