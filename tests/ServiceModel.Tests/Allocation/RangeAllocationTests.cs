using ServiceModel.Allocation;
using ServiceModel.Networking;

namespace ServiceModel.Tests.Allocation;

public class RangeAllocationTests
{
    [Fact]
    public void Equality_is_by_value_of_range_and_bytes()
    {
        var a = new RangeAllocation("10.0.0.0/24", [1, 2, 3]);
        var b = new RangeAllocation("10.0.0.0/24", [1, 2, 3]);
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, a with { Data = [1, 2, 4] });
        Assert.NotEqual(a, a with { Data = [1, 2] });
        Assert.NotEqual(a, a with { Range = "10.0.1.0/24" });
        Assert.Equal(new RangeAllocation("30000-30009", []), new RangeAllocation("30000-30009", default));
    }

    [Fact]
    public void Default_data_reads_as_empty_also_through_with()
    {
        var snapshot = new RangeAllocation("30000-30009", [1]) with { Data = default };
        Assert.False(snapshot.Data.IsDefault);
        Assert.Empty(snapshot.Data);
        Assert.False(new RangeAllocation("30000-30009", default).Data.IsDefault);
        Assert.Equal(0, NodePortAllocator.Restore(snapshot).Used);
    }

    [Fact]
    public void The_buffer_form_writes_the_snapshot_bytes_and_nothing_when_the_buffer_is_short()
    {
        var ips = new ClusterIPAllocator(ServiceCidr.Parse("10.0.0.0/24"), new Random(1));
        Assert.Equal(32, ips.MaxSnapshotLength);
        Assert.True(ips.TrySnapshot([], out var written));
        Assert.Equal(0, written);
        ips.Allocate(System.Net.IPAddress.Parse("10.0.0.10"));
        ips.Allocate(System.Net.IPAddress.Parse("10.0.0.1"));
        var buffer = new byte[ips.MaxSnapshotLength];
        Assert.True(ips.TrySnapshot(buffer, out written));
        Assert.Equal(ips.Snapshot().Data.AsSpan().ToArray(), buffer[..written]);
        Assert.Equal([0x02, 0x01], buffer[..written]);
        Assert.False(ips.TrySnapshot(buffer.AsSpan(0, 1), out written));
        Assert.Equal(0, written);

        var ports = new NodePortAllocator(PortRange.Default, new Random(1));
        Assert.Equal(346, ports.MaxSnapshotLength);
        ports.Allocate(32767);
        var full = new byte[ports.MaxSnapshotLength];
        Assert.True(ports.TrySnapshot(full, out written));
        Assert.Equal(ports.MaxSnapshotLength, written);
        Assert.Equal(ports.Snapshot().Data.AsSpan().ToArray(), full);
    }
}
