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
    private readonly RangeAllocatorCore<PortRange, int, Kind> _core;

    /// <summary>Creates an empty allocator over <paramref name="range"/>.</summary>
    /// <param name="range">The ports; every one of them can be allocated.</param>
    /// <param name="random">
    /// The source of <see cref="AllocateNext"/>'s random scan start; a seeded instance makes the
    /// sequence reproducible. Default: a new unseeded <see cref="Random"/>.
    /// </param>
    public NodePortAllocator(PortRange range, Random? random = null)
        => _core = new(range, random);

    private NodePortAllocator(RangeAllocatorCore<PortRange, int, Kind> core) => _core = core;

    /// <summary>The range ports are allocated from.</summary>
    public PortRange Range => _core.Range;

    /// <summary>How many ports the range holds.</summary>
    public int Capacity => _core.Capacity;

    /// <summary>How many ports are allocated.</summary>
    public int Used => _core.Used;

    /// <summary>How many ports are free (<see cref="Capacity"/> - <see cref="Used"/>).</summary>
    public int Free => Capacity - Used;

    /// <summary>
    /// The size of the static band: the lowest ports, which <see cref="AllocateNext"/> takes only when
    /// the rest of the range is full. Upstream's <c>min(max(16, size/32), 128)</c>, and 0 when the
    /// range has at most 16 ports (86 for the default range).
    /// </summary>
    public int StaticBandSize => _core.StaticBandSize;

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
    public bool TryAllocate(int port, out AllocationError error) => _core.TryAllocate(port, out error);

    /// <summary>Allocates a free port chosen like upstream: random within the dynamic band, then the static band.</summary>
    /// <returns>The allocated port.</returns>
    /// <exception cref="AllocationException"><see cref="AllocationError.Full"/> ("range is full").</exception>
    public int AllocateNext()
        => TryAllocateNext(out var port) ? port : throw new AllocationException(AllocationError.Full, "range is full");

    /// <summary>Allocates a free port; returns false when the range is full.</summary>
    /// <param name="port">The allocated port, or 0 when full.</param>
    public bool TryAllocateNext(out int port) => _core.TryAllocateNext(out port);

    /// <summary>Releases a port. Releasing a port that is not allocated, or not in range, is a harmless false.</summary>
    /// <param name="port">The port.</param>
    /// <returns>True if the port was allocated.</returns>
    public bool Release(int port) => _core.Release(port);

    /// <summary>Whether <paramref name="port"/> is allocated (false when it is not in range).</summary>
    /// <param name="port">The port.</param>
    public bool IsAllocated(int port) => _core.IsAllocated(port);

    /// <summary>The allocated ports in ascending order, as of the call (later changes are not seen).</summary>
    public IEnumerable<int> EnumerateAllocated() => _core.EnumerateAllocated();

    /// <summary>A snapshot byte-compatible with the <c>RangeAllocation</c> Kubernetes stores: range = <c>"first-last"</c>.</summary>
    public RangeAllocation Snapshot() => _core.Snapshot();

    /// <summary>
    /// The most bytes <see cref="TrySnapshot"/> writes: one bit per port of <see cref="Capacity"/>,
    /// rounded up to whole bytes (346 for the default range). A buffer this long never fails.
    /// </summary>
    public int MaxSnapshotLength => _core.MaxSnapshotLength;

    /// <summary>
    /// Writes the <see cref="RangeAllocation.Data"/> that <see cref="Snapshot"/> would return into
    /// <paramref name="destination"/>, allocating nothing: the form for callers that snapshot often
    /// and reuse one buffer. The matching <see cref="RangeAllocation.Range"/> is <c>Range.ToString()</c>.
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
    /// <see cref="AllocationError.CorruptSnapshot"/> when the range text is not a port range or the
    /// data sets bits beyond the range (upstream would silently keep them).
    /// </exception>
    public static NodePortAllocator Restore(RangeAllocation snapshot, Random? random = null)
        => new(RangeAllocatorCore<PortRange, int, Kind>.Restore(snapshot, random));

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
        => new(RangeAllocatorCore<PortRange, int, Kind>.RestoreFor(range, snapshot, random));

    // Port p is offset p - First; every port of the range can be allocated.
    private readonly struct Kind : IRangeKind<PortRange, int>
    {
        public static string Unit => "ports";

        public static string MismatchMessage => "the provided port range does not match the current port range";

        public static int CapacityOf(PortRange range) => range.Size;

        public static int StaticBandSizeOf(PortRange range)
        {
            const int Min = 16;
            const int Max = 128;
            const int Step = 32;
            return range.Size <= Min ? 0 : Math.Clamp(range.Size / Step, Min, Max);
        }

        public static long OffsetOf(PortRange range, int value) => range.Contains(value) ? value - range.First : -1;

        public static int ValueAt(PortRange range, int offset) => range.First + offset;
    }
}
