using System.Net;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ServiceModel.Allocation;
using ServiceModel.Networking;

namespace ServiceModel.Tests.Allocation;

// The offset members are the allocation-free twins of the IPAddress members: same state, same
// rules, offsets as ServiceCidr.AddressAt/OffsetOf number them.
public class ClusterIPAllocatorOffsetTests
{
    [Fact]
    public void An_offset_allocation_is_the_address_at_that_offset()
    {
        var allocator = new ClusterIPAllocator(ServiceCidr.Parse("10.0.0.0/24"), new Random(7));
        Assert.True(allocator.TryAllocateNextOffset(out var offset));
        Assert.True(allocator.IsAllocated(allocator.Cidr.AddressAt(offset)));
        Assert.True(allocator.IsAllocatedOffset(offset));
        Assert.Equal(1, allocator.Used);

        Assert.True(allocator.ReleaseOffset(offset));
        Assert.False(allocator.IsAllocated(allocator.Cidr.AddressAt(offset)));
        Assert.Equal(0, allocator.Used);
    }

    [Fact]
    public void Offset_and_address_forms_see_the_same_allocations()
    {
        var allocator = new ClusterIPAllocator(ServiceCidr.Parse("10.0.0.0/24"));
        allocator.Allocate(IPAddress.Parse("10.0.0.1"));
        Assert.True(allocator.IsAllocatedOffset(0));
        Assert.False(allocator.TryAllocateOffset(0));

        Assert.True(allocator.TryAllocateOffset(9));
        Assert.True(allocator.IsAllocated(IPAddress.Parse("10.0.0.10")));
        Assert.Equal(2, allocator.Used);
    }

    [Theory]
    [InlineData(-1L)]
    [InlineData(254L)]
    [InlineData(long.MaxValue)]
    public void Offsets_outside_the_range_are_a_harmless_false(long offset)
    {
        var allocator = new ClusterIPAllocator(ServiceCidr.Parse("10.0.0.0/24"));
        var before = allocator.Snapshot();
        Assert.False(allocator.TryAllocateOffset(offset));
        Assert.False(allocator.ReleaseOffset(offset));
        Assert.False(allocator.IsAllocatedOffset(offset));
        Assert.Equal(before, allocator.Snapshot());
    }

    [Fact]
    public void A_full_range_gives_minus_one_and_false()
    {
        var allocator = new ClusterIPAllocator(ServiceCidr.Parse("10.0.0.0/30"));
        Assert.True(allocator.TryAllocateNextOffset(out _));
        Assert.True(allocator.TryAllocateNextOffset(out _));
        Assert.False(allocator.TryAllocateNextOffset(out var none));
        Assert.Equal(-1, none);
    }

    [Property(MaxTest = 100)]
    public Property The_offset_sequence_equals_the_address_sequence_for_the_same_seed()
        => Prop.ForAll(Gen.Choose(0, 1000).ToArbitrary(), Gen.Choose(1, 40).ToArbitrary(), (seed, count) =>
        {
            var cidr = ServiceCidr.Parse("10.0.0.0/26");
            var byAddress = new ClusterIPAllocator(cidr, new Random(seed));
            var byOffset = new ClusterIPAllocator(cidr, new Random(seed));
            for (var i = 0; i < count; i++)
            {
                byAddress.TryAllocateNext(out var ip);
                byOffset.TryAllocateNextOffset(out var offset);
                if (!cidr.AddressAt(offset).Equals(ip))
                {
                    return false;
                }
            }

            return byAddress.Snapshot().Equals(byOffset.Snapshot());
        });
}
