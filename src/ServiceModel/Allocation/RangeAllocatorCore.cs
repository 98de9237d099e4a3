using System.Diagnostics.CodeAnalysis;

namespace ServiceModel.Allocation;

/// <summary>
/// The one implementation behind <see cref="ClusterIPAllocator"/> and <see cref="NodePortAllocator"/>:
/// a <see cref="SynchronizedBitmap"/> over a range, the value/offset translation of
/// <typeparamref name="TKind"/>, snapshots and restore. The public allocators are typed faces over it.
/// </summary>
internal sealed class RangeAllocatorCore<TRange, TValue, TKind>
    where TRange : struct, ISpanParsable<TRange>, IEquatable<TRange>
    where TKind : IRangeKind<TRange, TValue>
{
    private readonly SynchronizedBitmap _bitmap;

    // The snapshot's range text, formatted once: Snapshot() is on a hot path.
    private readonly string _rangeText;

    public RangeAllocatorCore(TRange range, Random? random)
    {
        Range = range;
        _rangeText = range.ToString() ?? string.Empty;
        _bitmap = new SynchronizedBitmap(TKind.CapacityOf(range), TKind.StaticBandSizeOf(range), random);
    }

    public TRange Range { get; }

    public int Capacity => _bitmap.Capacity;

    public int Used => _bitmap.Used;

    public int StaticBandSize => _bitmap.StaticBandSize;

    /// <summary>Bytes enough for any snapshot's data: one bit per value, rounded up to a byte.</summary>
    public int MaxSnapshotLength => (Capacity + 7) / 8;

    public bool TryAllocate(TValue value, out AllocationError error)
    {
        var offset = TKind.OffsetOf(Range, value);
        if (offset < 0)
        {
            error = AllocationError.NotInRange;
            return false;
        }

        error = AllocationError.AlreadyAllocated;
        return _bitmap.TrySet((int)offset);
    }

    public bool TryAllocateNext([MaybeNullWhen(false)] out TValue value)
    {
        var offset = _bitmap.TryAllocateNext();
        value = offset < 0 ? default : TKind.ValueAt(Range, offset);
        return offset >= 0;
    }

    public bool TryAllocateNextOffset(out long offset)
    {
        offset = _bitmap.TryAllocateNext();
        return offset >= 0;
    }

    public bool TryAllocateOffset(long offset) => offset is >= 0 and <= int.MaxValue && _bitmap.TrySet((int)offset);

    public bool ReleaseOffset(long offset) => offset is >= 0 and <= int.MaxValue && _bitmap.Clear((int)offset);

    public bool IsAllocatedOffset(long offset) => offset is >= 0 and <= int.MaxValue && _bitmap.IsSet((int)offset);

    public bool Release(TValue value)
    {
        var offset = TKind.OffsetOf(Range, value);
        return offset >= 0 && _bitmap.Clear((int)offset);
    }

    public bool IsAllocated(TValue value)
    {
        var offset = TKind.OffsetOf(Range, value);
        return offset >= 0 && _bitmap.IsSet((int)offset);
    }

    public IEnumerable<TValue> EnumerateAllocated()
    {
        var range = Range;
        return _bitmap.SetOffsets().Select(offset => TKind.ValueAt(range, offset));
    }

    public RangeAllocation Snapshot() => _bitmap.Snapshot(_rangeText);

    public bool TrySnapshot(Span<byte> destination, out int bytesWritten) => _bitmap.TryWriteSnapshot(destination, out bytesWritten);

    public static RangeAllocatorCore<TRange, TValue, TKind> Restore(RangeAllocation snapshot, Random? random)
        => Load(ReadRange(snapshot, expected: null), snapshot, random);

    public static RangeAllocatorCore<TRange, TValue, TKind> RestoreFor(TRange range, RangeAllocation snapshot, Random? random)
    {
        ReadRange(snapshot, range);
        return Load(range, snapshot, random);
    }

    private static RangeAllocatorCore<TRange, TValue, TKind> Load(TRange range, RangeAllocation snapshot, Random? random)
    {
        var core = new RangeAllocatorCore<TRange, TValue, TKind>(range, random);
        core._bitmap.Load(snapshot, TKind.Unit);
        return core;
    }

    /// <summary>
    /// Reads a snapshot's range text and checks it names <paramref name="expected"/> (when given):
    /// unreadable text is <see cref="AllocationError.CorruptSnapshot"/>, another range
    /// <see cref="AllocationError.RangeMismatch"/>.
    /// </summary>
    private static TRange ReadRange(RangeAllocation snapshot, TRange? expected)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        TRange range;
        try
        {
            range = TRange.Parse(snapshot.Range ?? string.Empty, null);
        }
        catch (FormatException e)
        {
            throw new AllocationException(AllocationError.CorruptSnapshot, $"the snapshot's range cannot be read: {e.Message}", e);
        }

        if (expected is { } wanted && !wanted.Equals(range))
        {
            throw new AllocationException(AllocationError.RangeMismatch, TKind.MismatchMessage);
        }

        return range;
    }
}
