using ServiceModel.Networking;

namespace ServiceModel.Allocation;

/// <summary>
/// Allocates NodePorts from a <see cref="PortRange"/> the way Kubernetes does
/// (<c>pkg/registry/core/service/portallocator</c>, the classic bitmap allocator): a static band
/// at the bottom of the range that dynamic allocation uses last (KEP-3668), and
/// <see cref="RangeAllocation"/> snapshots byte-compatible with upstream's.
/// </summary>
/// <threadsafety>
/// All members are thread-safe: every operation takes an internal lock and is atomic. A failed
/// operation changes nothing. The injected <see cref="Random"/> is only used under that lock.
/// </threadsafety>
public sealed class NodePortAllocator
{
    private readonly SynchronizedBitmap _bitmap;

    /// <summary>Creates an empty allocator over <paramref name="range"/>.</summary>
    /// <param name="range">The ports; every one of them can be allocated.</param>
    /// <param name="random">
    /// The source of <see cref="AllocateNext"/>'s random scan start; a seeded instance makes the
    /// sequence reproducible. Default: a new unseeded <see cref="Random"/>.
    /// </param>
    public NodePortAllocator(PortRange range, Random? random = null)
    {
        Range = range;
        _bitmap = new SynchronizedBitmap(range.Size, StaticBandSizeOf(range), random);
    }

    /// <summary>The range ports are allocated from.</summary>
    public PortRange Range { get; }

    /// <summary>How many ports the range holds.</summary>
    public int Capacity => _bitmap.Capacity;

    /// <summary>How many ports are allocated.</summary>
    public int Used => _bitmap.Used;

    /// <summary>How many ports are free (<see cref="Capacity"/> - <see cref="Used"/>).</summary>
    public int Free => Capacity - Used;

    /// <summary>
    /// The size of the static band: the lowest ports, which <see cref="AllocateNext"/> takes only when
    /// the rest of the range is full. Upstream's <c>min(max(16, size/32), 128)</c>, and 0 when the
    /// range has at most 16 ports (86 for the default range).
    /// </summary>
    public int StaticBandSize => _bitmap.StaticBandSize;

    /// <summary>Upstream's <c>calculateRangeOffset</c> for a port range.</summary>
    internal static int StaticBandSizeOf(PortRange range)
    {
        const int Min = 16;
        const int Max = 128;
        const int Step = 32;
        return range.Size <= Min ? 0 : Math.Clamp(range.Size / Step, Min, Max);
    }

    /// <summary>Allocates a specific port (e.g. a Service's requested <c>nodePort</c>).</summary>
    /// <param name="port">The port.</param>
    /// <exception cref="AllocationException">
    /// <see cref="AllocationError.NotInRange"/> ("provided port is not in the valid range. The range
    /// of valid ports is 30000-32767") or <see cref="AllocationError.AlreadyAllocated"/> ("provided
    /// port is already allocated").
    /// </exception>
    public void Allocate(int port)
    {
        if (!TryAllocate(port, out var error))
        {
            throw new AllocationException(error, error == AllocationError.NotInRange
                ? $"provided port is not in the valid range. The range of valid ports is {Range}"
                : "provided port is already allocated");
        }
    }

    /// <summary>Allocates a specific port; returns false (never throws) when it is out of range or taken.</summary>
    /// <param name="port">The port.</param>
    /// <param name="error">Why it failed; meaningless when the method returns true.</param>
    public bool TryAllocate(int port, out AllocationError error)
    {
        if (!Range.Contains(port))
        {
            error = AllocationError.NotInRange;
            return false;
        }

        error = AllocationError.AlreadyAllocated;
        return _bitmap.TrySet(port - Range.First);
    }

    /// <summary>Allocates a free port chosen like upstream: random within the dynamic band, then the static band.</summary>
    /// <returns>The allocated port.</returns>
    /// <exception cref="AllocationException"><see cref="AllocationError.Full"/> ("range is full").</exception>
    public int AllocateNext()
        => TryAllocateNext(out var port) ? port : throw new AllocationException(AllocationError.Full, "range is full");

    /// <summary>Allocates a free port; returns false when the range is full.</summary>
    /// <param name="port">The allocated port, or 0 when full.</param>
    public bool TryAllocateNext(out int port)
    {
        var offset = _bitmap.TryAllocateNext();
        port = offset < 0 ? 0 : Range.First + offset;
        return offset >= 0;
    }

    /// <summary>Releases a port. Releasing a port that is not allocated, or not in range, is a harmless false.</summary>
    /// <param name="port">The port.</param>
    /// <returns>True if the port was allocated.</returns>
    public bool Release(int port) => Range.Contains(port) && _bitmap.Clear(port - Range.First);

    /// <summary>Whether <paramref name="port"/> is allocated (false when it is not in range).</summary>
    /// <param name="port">The port.</param>
    public bool IsAllocated(int port) => Range.Contains(port) && _bitmap.IsSet(port - Range.First);

    /// <summary>The allocated ports in ascending order, as of the call (later changes are not seen).</summary>
    public IEnumerable<int> EnumerateAllocated()
    {
        var first = Range.First;
        return _bitmap.SetOffsets().Select(offset => first + offset);
    }

    /// <summary>A snapshot byte-compatible with the <c>RangeAllocation</c> Kubernetes stores: range = <c>"first-last"</c>.</summary>
    public RangeAllocation Snapshot() => _bitmap.Snapshot(Range.ToString());

    /// <summary>Rebuilds an allocator from a snapshot, over the range the snapshot names.</summary>
    /// <param name="snapshot">The snapshot.</param>
    /// <param name="random">As for the constructor.</param>
    /// <exception cref="ArgumentNullException"><paramref name="snapshot"/> is null.</exception>
    /// <exception cref="AllocationException">
    /// <see cref="AllocationError.CorruptSnapshot"/> when the range text is not a port range or the
    /// data sets bits beyond the range (upstream would silently keep them).
    /// </exception>
    public static NodePortAllocator Restore(RangeAllocation snapshot, Random? random = null)
    {
        return RestoreFor(SynchronizedBitmap.ReadRange<PortRange>(snapshot, null, string.Empty), snapshot, random);
    }

    /// <summary>Rebuilds an allocator over <paramref name="range"/> from a snapshot that must name the same range.</summary>
    /// <param name="range">The expected range.</param>
    /// <param name="snapshot">The snapshot.</param>
    /// <param name="random">As for the constructor.</param>
    /// <exception cref="ArgumentNullException"><paramref name="snapshot"/> is null.</exception>
    /// <exception cref="AllocationException">
    /// <see cref="AllocationError.RangeMismatch"/> ("the provided port range does not match the
    /// current port range") or <see cref="AllocationError.CorruptSnapshot"/>.
    /// </exception>
    public static NodePortAllocator RestoreFor(PortRange range, RangeAllocation snapshot, Random? random = null)
    {
        SynchronizedBitmap.ReadRange(snapshot, (PortRange?)range, "the provided port range does not match the current port range");

        var allocator = new NodePortAllocator(range, random);
        allocator._bitmap.Load(snapshot, "ports");
        return allocator;
    }
}
