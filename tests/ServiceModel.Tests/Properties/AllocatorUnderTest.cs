using System.Net;
using ServiceModel.Allocation;
using ServiceModel.Networking;

namespace ServiceModel.Tests.Properties;

/// <summary>
/// Either public allocator seen through offsets, so one model drives both. Index -1 and Capacity
/// name values just outside the allocatable range (for IPs: the network and broadcast addresses).
/// </summary>
public abstract class AllocatorUnderTest
{
    public abstract int Capacity { get; }

    public abstract int StaticBandSize { get; }

    public abstract long Used { get; }

    public abstract long Free { get; }

    public abstract bool TryAllocate(int index, out AllocationError error);

    public abstract int? TryAllocateNext();

    public abstract bool Release(int index);

    public abstract bool IsAllocated(int index);

    public abstract IReadOnlyList<int> Allocated();

    /// <summary>
    /// Replaces the allocator with one restored from its own snapshot (same Random); throws when the
    /// buffer form (<c>TrySnapshot</c>) does not write the snapshot's bytes.
    /// </summary>
    public abstract void SnapshotAndRestore();

    private protected static RangeAllocation CheckedSnapshot(RangeAllocation snapshot, int maxLength, TrySnapshot trySnapshot)
    {
        var buffer = new byte[maxLength + 1];
        buffer.AsSpan().Fill(0xEE);
        if (!trySnapshot(buffer, out var written) || !buffer.AsSpan(0, written).SequenceEqual(snapshot.Data.AsSpan())
            || buffer.AsSpan(written).ContainsAnyExcept((byte)0xEE))
        {
            throw new InvalidOperationException("TrySnapshot wrote other bytes than Snapshot().Data");
        }

        if (written > 0 && (trySnapshot(buffer.AsSpan(0, written - 1), out var none) || none != 0))
        {
            throw new InvalidOperationException("TrySnapshot reported success into a buffer one byte short");
        }

        return snapshot;
    }

    private protected delegate bool TrySnapshot(Span<byte> destination, out int bytesWritten);

    public static AllocatorUnderTest ClusterIPs(string cidr, Random random) => new ClusterIPAdapter(ServiceCidr.Parse(cidr), random);

    public static AllocatorUnderTest NodePorts(string range, Random random) => new NodePortAdapter(PortRange.Parse(range), random);

    private sealed class ClusterIPAdapter(ServiceCidr cidr, Random random) : AllocatorUnderTest
    {
        private ClusterIPAllocator _allocator = new(cidr, random);

        public override int Capacity => (int)_allocator.Capacity;

        public override int StaticBandSize => (int)_allocator.StaticBandSize;

        public override long Used => _allocator.Used;

        public override long Free => _allocator.Free;

        private IPAddress At(int index)
        {
            if (index >= 0 && index < cidr.Size)
            {
                return cidr.AddressAt(index);
            }

            // Network address, or the address after the last allocatable one (IPv4: broadcast).
            var bytes = cidr.NetworkAddress.GetAddressBytes();
            var add = index < 0 ? 0 : cidr.Size + 1;
            for (var i = bytes.Length - 1; i >= 0 && add > 0; i--)
            {
                var sum = bytes[i] + (add & 0xff);
                bytes[i] = (byte)sum;
                add = (add >> 8) + (sum >> 8);
            }

            return new IPAddress(bytes);
        }

        public override bool TryAllocate(int index, out AllocationError error) => _allocator.TryAllocate(At(index), out error);

        public override int? TryAllocateNext() => _allocator.TryAllocateNext(out var ip) ? (int)cidr.OffsetOf(ip) : null;

        public override bool Release(int index) => _allocator.Release(At(index));

        public override bool IsAllocated(int index) => _allocator.IsAllocated(At(index));

        public override IReadOnlyList<int> Allocated() => [.. _allocator.EnumerateAllocated().Select(ip => (int)cidr.OffsetOf(ip))];

        public override void SnapshotAndRestore()
            => _allocator = ClusterIPAllocator.Restore(
                CheckedSnapshot(_allocator.Snapshot(), _allocator.MaxSnapshotLength, _allocator.TrySnapshot), random);

        public override string ToString() => cidr.ToString();
    }

    private sealed class NodePortAdapter(PortRange range, Random random) : AllocatorUnderTest
    {
        private NodePortAllocator _allocator = new(range, random);

        public override int Capacity => _allocator.Capacity;

        public override int StaticBandSize => _allocator.StaticBandSize;

        public override long Used => _allocator.Used;

        public override long Free => _allocator.Free;

        public override bool TryAllocate(int index, out AllocationError error) => _allocator.TryAllocate(range.First + index, out error);

        public override int? TryAllocateNext() => _allocator.TryAllocateNext(out var port) ? port - range.First : null;

        public override bool Release(int index) => _allocator.Release(range.First + index);

        public override bool IsAllocated(int index) => _allocator.IsAllocated(range.First + index);

        public override IReadOnlyList<int> Allocated() => [.. _allocator.EnumerateAllocated().Select(port => port - range.First)];

        public override void SnapshotAndRestore()
            => _allocator = NodePortAllocator.Restore(
                CheckedSnapshot(_allocator.Snapshot(), _allocator.MaxSnapshotLength, _allocator.TrySnapshot), random);

        public override string ToString() => range.ToString();
    }
}
