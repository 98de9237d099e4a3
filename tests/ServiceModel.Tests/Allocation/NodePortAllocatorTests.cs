using ServiceModel.Allocation;
using ServiceModel.Networking;

namespace ServiceModel.Tests.Allocation;

public class NodePortAllocatorTests
{
    private static NodePortAllocator Create(string range = "30000-32767", int seed = 1) => new(PortRange.Parse(range), new Random(seed));

    [Theory]
    // min(max(16, size/32), 128), 0 when size <= 16 (portallocator calculateRangeOffset).
    [InlineData("30000-32767", 86)]
    [InlineData("30000-30015", 0)]
    [InlineData("30000-30016", 16)]
    [InlineData("30000-30511", 16)]
    [InlineData("30000-30671", 21)]
    [InlineData("25000-32767", 128)]
    [InlineData("80-80", 0)]
    public void Static_band_follows_calculateRangeOffset(string range, int band)
        => Assert.Equal(band, Create(range).StaticBandSize);

    [Fact]
    public void AllocateNext_uses_the_dynamic_band_first_then_the_static_band()
    {
        var allocator = Create("30000-30099", seed: 3);
        Assert.Equal(16, allocator.StaticBandSize);
        for (var i = 0; i < 84; i++)
        {
            Assert.InRange(allocator.AllocateNext(), 30016, 30099);
        }

        for (var i = 0; i < 16; i++)
        {
            Assert.InRange(allocator.AllocateNext(), 30000, 30015);
        }

        Assert.Equal(AllocationError.Full, Assert.Throws<AllocationException>(() => allocator.AllocateNext()).Error);
        Assert.False(allocator.TryAllocateNext(out var port));
        Assert.Equal(0, port);
    }

    [Fact]
    public void Errors_carry_the_upstream_texts()
    {
        var allocator = Create();
        var notInRange = Assert.Throws<AllocationException>(() => allocator.Allocate(80));
        Assert.Equal(AllocationError.NotInRange, notInRange.Error);
        Assert.Equal("provided port is not in the valid range. The range of valid ports is 30000-32767", notInRange.Message);
        allocator.Allocate(30080);
        var taken = Assert.Throws<AllocationException>(() => allocator.Allocate(30080));
        Assert.Equal(AllocationError.AlreadyAllocated, taken.Error);
        Assert.Equal("provided port is already allocated", taken.Message);
        Assert.Equal(1, allocator.Used);
    }

    [Fact]
    public void Release_of_unallocated_or_foreign_ports_is_a_harmless_false()
    {
        var allocator = Create();
        Assert.False(allocator.Release(30001));
        Assert.False(allocator.Release(80));
        Assert.False(allocator.IsAllocated(80));
        allocator.Allocate(30001);
        Assert.True(allocator.IsAllocated(30001));
        Assert.True(allocator.Release(30001));
        Assert.Equal(0, allocator.Used);
    }

    [Fact]
    public void Snapshot_is_byte_for_byte_the_upstream_RangeAllocation()
    {
        var allocator = Create();
        allocator.Allocate(30000);
        allocator.Allocate(30008);
        allocator.Allocate(30017);
        var snapshot = allocator.Snapshot();
        Assert.Equal("30000-32767", snapshot.Range);
        Assert.Equal(new byte[] { 0x02, 0x01, 0x01 }, snapshot.Data.ToArray());
        Assert.Equal(new[] { 30000, 30008, 30017 }, NodePortAllocator.Restore(snapshot).EnumerateAllocated());
    }

    [Fact]
    public void Restore_checks_range_and_data()
    {
        var snapshot = Create().Snapshot();
        var mismatch = Assert.Throws<AllocationException>(() => NodePortAllocator.RestoreFor(PortRange.Parse("30000-32766"), snapshot));
        Assert.Equal(AllocationError.RangeMismatch, mismatch.Error);
        Assert.Equal("the provided port range does not match the current port range", mismatch.Message);

        var beyond = Assert.Throws<AllocationException>(() => NodePortAllocator.Restore(new RangeAllocation("100-107", [0x01, 0x00])));
        Assert.Equal(AllocationError.CorruptSnapshot, beyond.Error);

        var unreadable = Assert.Throws<AllocationException>(() => NodePortAllocator.Restore(new RangeAllocation("100-", [])));
        Assert.Equal(AllocationError.CorruptSnapshot, unreadable.Error);
    }

    [Fact]
    public void Concurrent_allocate_and_release_loses_and_duplicates_nothing()
    {
        var allocator = Create(seed: 9);
        var kept = new System.Collections.Concurrent.ConcurrentBag<int>();
        Parallel.For(0, 4, worker =>
        {
            for (var i = 0; i < 2000; i++)
            {
                if (!allocator.TryAllocateNext(out var port))
                {
                    continue;
                }

                if (i % 3 == 0)
                {
                    Assert.True(allocator.Release(port));
                }
                else
                {
                    kept.Add(port);
                }
            }
        });

        var ports = kept.ToArray();
        Assert.Equal(ports.Length, ports.Distinct().Count());
        Assert.Equal(ports.Length, allocator.Used);
        Assert.Equal(ports.Order(), allocator.EnumerateAllocated());
    }
}
