using System.Diagnostics.CodeAnalysis;
using System.Net;
using ServiceModel.Networking;

namespace ServiceModel.Allocation;

/// <summary>
/// Allocates ClusterIPs from a <see cref="ServiceCidr"/> the way Kubernetes' classic bitmap
/// allocator does (<c>pkg/registry/core/service/ipallocator</c>): never the network address or the
/// IPv4 broadcast, a static band at the bottom of the range that dynamic allocation uses last
/// (KEP-3070), and <see cref="RangeAllocation"/> snapshots byte-compatible with upstream's.
/// </summary>
/// <threadsafety>
/// All members are thread-safe: every operation takes an internal lock and is atomic. A failed
/// operation changes nothing. The injected <see cref="Random"/> is only used under that lock.
/// </threadsafety>
public sealed class ClusterIPAllocator : IClusterIPFamilyAllocator
{
    private readonly RangeAllocatorCore<ServiceCidr, IPAddress, Kind> _core;

    /// <summary>Creates an empty allocator over <paramref name="cidr"/>.</summary>
    /// <param name="cidr">The range; its <see cref="ServiceCidr.Size"/> is the capacity.</param>
    /// <param name="random">
    /// The source of <see cref="AllocateNext"/>'s random scan start; a seeded instance makes the
    /// sequence reproducible. Default: a new unseeded <see cref="Random"/>.
    /// </param>
    public ClusterIPAllocator(ServiceCidr cidr, Random? random = null)
        => _core = new(cidr, random);

    private ClusterIPAllocator(RangeAllocatorCore<ServiceCidr, IPAddress, Kind> core) => _core = core;

    /// <summary>The range addresses are allocated from.</summary>
    public ServiceCidr Cidr => _core.Range;

    /// <summary>How many addresses the range can hand out (<see cref="ServiceCidr.Size"/>).</summary>
    public long Capacity => _core.Capacity;

    /// <summary>How many addresses are allocated.</summary>
    public long Used => _core.Used;

    /// <summary>How many addresses are free (<see cref="Capacity"/> - <see cref="Used"/>).</summary>
    public long Free => Capacity - Used;

    /// <summary>
    /// The size of the static band: the lowest offsets, which <see cref="AllocateNext"/> takes only
    /// when the rest of the range is full. Upstream's <c>min(max(16, n/16), 256)</c> where n is the
    /// CIDR's address count (IPv6 capped at 65,536), and 0 when n is at most 16.
    /// </summary>
    public long StaticBandSize => _core.StaticBandSize;

    /// <summary>Allocates a specific address (e.g. a Service's requested <c>spec.clusterIP</c>).</summary>
    /// <param name="ip">The address.</param>
    /// <exception cref="ArgumentNullException"><paramref name="ip"/> is null.</exception>
    /// <exception cref="AllocationException">
    /// <see cref="AllocationError.NotInRange"/> ("the provided IP (10.0.1.1) is not in the valid range.
    /// The range of valid IPs is 10.0.0.0/24") or <see cref="AllocationError.AlreadyAllocated"/>
    /// ("provided IP is already allocated").
    /// </exception>
    public void Allocate(IPAddress ip)
    {
        if (!TryAllocate(ip, out var error))
        {
            throw new AllocationException(error, error == AllocationError.NotInRange
                ? $"the provided IP ({ip}) is not in the valid range. The range of valid IPs is {Cidr}"
                : "provided IP is already allocated");
        }
    }

    /// <summary>Allocates a specific address; returns false (never throws for these) when it is out of range or taken.</summary>
    /// <param name="ip">The address.</param>
    /// <param name="error">Why it failed; meaningless when the method returns true.</param>
    /// <exception cref="ArgumentNullException"><paramref name="ip"/> is null.</exception>
    public bool TryAllocate(IPAddress ip, out AllocationError error)
    {
        ArgumentNullException.ThrowIfNull(ip);
        return _core.TryAllocate(ip, out error);
    }

    /// <summary>Allocates a free address chosen like upstream: random within the dynamic band, then the static band.</summary>
    /// <returns>The allocated address.</returns>
    /// <exception cref="AllocationException"><see cref="AllocationError.Full"/> ("range is full").</exception>
    public IPAddress AllocateNext()
        => TryAllocateNext(out var ip) ? ip : throw new AllocationException(AllocationError.Full, "range is full");

    /// <summary>Allocates a free address; returns false when the range is full.</summary>
    /// <param name="ip">The allocated address, or null when full.</param>
    public bool TryAllocateNext([NotNullWhen(true)] out IPAddress? ip) => _core.TryAllocateNext(out ip);

    /// <summary>
    /// Allocates a free address like <see cref="TryAllocateNext"/> and returns its offset instead of
    /// an <see cref="IPAddress"/>: the allocation-free form for hot paths. Offsets are those of
    /// <see cref="ServiceCidr.AddressAt"/> and <see cref="ServiceCidr.OffsetOf(IPAddress)"/> (0 is the first
    /// allocatable address).
    /// </summary>
    /// <param name="offset">The allocated offset, or -1 when the range is full.</param>
    /// <returns><see langword="true"/> when an address was allocated; <see langword="false"/> when the range is full.</returns>
    public bool TryAllocateNextOffset(out long offset) => _core.TryAllocateNextOffset(out offset);

    /// <summary>Allocates the address at <paramref name="offset"/> (see <see cref="ServiceCidr.AddressAt"/>).</summary>
    /// <param name="offset">The offset to allocate.</param>
    /// <returns><see langword="false"/> when it is already allocated or outside <c>[0, Capacity)</c>; nothing changes then.</returns>
    public bool TryAllocateOffset(long offset) => _core.TryAllocateOffset(offset);

    /// <summary>Releases the address at <paramref name="offset"/>; like <see cref="Release"/>, a harmless false when it is not allocated or not in range.</summary>
    /// <param name="offset">The offset to release.</param>
    /// <returns><see langword="true"/> when it was allocated.</returns>
    public bool ReleaseOffset(long offset) => _core.ReleaseOffset(offset);

    /// <summary>Whether the address at <paramref name="offset"/> is allocated; false outside the range.</summary>
    /// <param name="offset">The offset to test.</param>
    /// <returns><see langword="true"/> when it is allocated.</returns>
    public bool IsAllocatedOffset(long offset) => _core.IsAllocatedOffset(offset);

    /// <summary>Releases an address. Releasing an address that is not allocated, or not in range, is a harmless false.</summary>
    /// <param name="ip">The address.</param>
    /// <returns>True if the address was allocated.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="ip"/> is null.</exception>
    public bool Release(IPAddress ip)
    {
        ArgumentNullException.ThrowIfNull(ip);
        return _core.Release(ip);
    }

    /// <summary>Whether <paramref name="ip"/> is allocated (false when it is not in range).</summary>
    /// <param name="ip">The address.</param>
    /// <exception cref="ArgumentNullException"><paramref name="ip"/> is null.</exception>
    public bool IsAllocated(IPAddress ip)
    {
        ArgumentNullException.ThrowIfNull(ip);
        return _core.IsAllocated(ip);
    }

    /// <summary>The allocated addresses in ascending order, as of the call (later changes are not seen).</summary>
    public IEnumerable<IPAddress> EnumerateAllocated() => _core.EnumerateAllocated();

    /// <summary>A snapshot byte-compatible with the <c>RangeAllocation</c> Kubernetes stores: range = the CIDR text.</summary>
    public RangeAllocation Snapshot() => _core.Snapshot();

    /// <summary>
    /// The most bytes <see cref="TrySnapshot"/> writes: one bit per address of <see cref="Capacity"/>,
    /// rounded up to whole bytes (131,072 for a <c>/12</c>). A buffer this long never fails.
    /// </summary>
    public int MaxSnapshotLength => _core.MaxSnapshotLength;

    /// <summary>
    /// Writes the <see cref="RangeAllocation.Data"/> that <see cref="Snapshot"/> would return into
    /// <paramref name="destination"/>, allocating nothing: the form for callers that snapshot often
    /// and reuse one buffer. The matching <see cref="RangeAllocation.Range"/> is <c>Cidr.ToString()</c>.
    /// </summary>
    /// <param name="destination">The buffer; <see cref="MaxSnapshotLength"/> bytes always suffice.</param>
    /// <param name="bytesWritten">The data's length (0 when nothing is allocated or the buffer is too short).</param>
    /// <returns><see langword="false"/> when <paramref name="destination"/> is shorter than the data; nothing is written then.</returns>
    public bool TrySnapshot(Span<byte> destination, out int bytesWritten) => _core.TrySnapshot(destination, out bytesWritten);

    /// <summary>Rebuilds an allocator from a snapshot, over the range the snapshot names.</summary>
    /// <param name="snapshot">The snapshot.</param>
    /// <param name="random">As for the constructor.</param>
    /// <exception cref="ArgumentNullException"><paramref name="snapshot"/> is null.</exception>
    /// <exception cref="AllocationException">
    /// <see cref="AllocationError.CorruptSnapshot"/> when the range text is not a CIDR or the data
    /// sets bits beyond the range (upstream would silently keep them).
    /// </exception>
    public static ClusterIPAllocator Restore(RangeAllocation snapshot, Random? random = null)
        => new(RangeAllocatorCore<ServiceCidr, IPAddress, Kind>.Restore(snapshot, random));

    /// <summary>Rebuilds an allocator over <paramref name="cidr"/> from a snapshot that must name the same range.</summary>
    /// <param name="cidr">The expected range.</param>
    /// <param name="snapshot">The snapshot.</param>
    /// <param name="random">As for the constructor.</param>
    /// <exception cref="ArgumentNullException"><paramref name="snapshot"/> is null.</exception>
    /// <exception cref="AllocationException">
    /// <see cref="AllocationError.RangeMismatch"/> ("the provided network does not match the current
    /// range") or <see cref="AllocationError.CorruptSnapshot"/>.
    /// </exception>
    public static ClusterIPAllocator RestoreFor(ServiceCidr cidr, RangeAllocation snapshot, Random? random = null)
        => new(RangeAllocatorCore<ServiceCidr, IPAddress, Kind>.RestoreFor(cidr, snapshot, random));

    // Addresses map to offsets through the CIDR (offset 0 is the address after the network address).
    private readonly struct Kind : IRangeKind<ServiceCidr, IPAddress>
    {
        public static string Unit => "addresses";

        public static string MismatchMessage => "the provided network does not match the current range";

        public static int CapacityOf(ServiceCidr range) => checked((int)range.Size);

        public static int StaticBandSizeOf(ServiceCidr range)
        {
            const long Min = 16;
            const long Max = 256;
            const long Step = 16;
            var counted = range.CountedSize;
            return counted <= Min ? 0 : (int)Math.Clamp(counted / Step, Min, Max);
        }

        public static long OffsetOf(ServiceCidr range, IPAddress value) => range.OffsetOf(value);

        public static IPAddress ValueAt(ServiceCidr range, int offset) => range.AddressAt(offset);
    }

    IPFamily IClusterIPFamilyAllocator.Family => Cidr.Family;

    // The bitmap keeps no owners: the parent is upstream's IPAddress object, which this allocator does not model.
    void IClusterIPFamilyAllocator.Allocate(IPAddress ip, ParentReference parent) => Allocate(ip);

    bool IClusterIPFamilyAllocator.TryAllocateNext(ParentReference parent, [NotNullWhen(true)] out IPAddress? ip) => TryAllocateNext(out ip);
}
