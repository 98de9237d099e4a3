using System.Runtime.InteropServices;

namespace ServiceModel.Allocation;

/// <summary>
/// An <see cref="AllocationBitmap"/> behind a lock: the shared core of the public allocators, which
/// translate their values (addresses, ports) to offsets and back.
/// </summary>
internal sealed class SynchronizedBitmap
{
    private readonly Lock _lock = new();
    private readonly AllocationBitmap _bitmap;

    public SynchronizedBitmap(int capacity, int staticBandSize, Random? random)
        => _bitmap = new AllocationBitmap(capacity, staticBandSize, random ?? new Random());

    public int Capacity => _bitmap.Capacity;

    public int StaticBandSize => _bitmap.StaticBandSize;

    public int Used
    {
        get
        {
            lock (_lock)
            {
                return _bitmap.Count;
            }
        }
    }

    /// <summary>Sets an in-range offset; false when it was already set.</summary>
    public bool TrySet(int offset)
    {
        lock (_lock)
        {
            return _bitmap.TrySet(offset);
        }
    }

    /// <summary>A dynamically chosen offset, or -1 when full.</summary>
    public int TryAllocateNext()
    {
        lock (_lock)
        {
            return _bitmap.TryAllocateNext();
        }
    }

    public bool Clear(int offset)
    {
        lock (_lock)
        {
            return _bitmap.Clear(offset);
        }
    }

    public bool IsSet(int offset)
    {
        lock (_lock)
        {
            return _bitmap.IsSet(offset);
        }
    }

    /// <summary>The set offsets, ascending, copied under the lock.</summary>
    public List<int> SetOffsets()
    {
        var offsets = new List<int>();
        lock (_lock)
        {
            offsets.Capacity = _bitmap.Count;
            _bitmap.CopySetOffsetsTo(offsets);
        }

        return offsets;
    }

    public RangeAllocation Snapshot(string range)
    {
        byte[] data;
        lock (_lock)
        {
            data = _bitmap.ToSnapshotData();
        }

        return new RangeAllocation(range, ImmutableCollectionsMarshal.AsImmutableArray(data));
    }

    /// <summary>Loads snapshot data into this (new, unshared) bitmap or throws <see cref="AllocationError.CorruptSnapshot"/>.</summary>
    public void Load(RangeAllocation snapshot, string rangeDescription)
    {
        lock (_lock)
        {
            var highest = _bitmap.TryLoadSnapshotData(snapshot.Data.AsSpan());
            if (highest >= 0)
            {
                throw new AllocationException(
                    AllocationError.CorruptSnapshot,
                    $"the snapshot data sets offset {highest}, but range {snapshot.Range} has only "
                    + $"{_bitmap.Capacity} {rangeDescription} (offsets 0-{_bitmap.Capacity - 1}); the data does not belong to this range");
            }
        }
    }

    /// <summary>
    /// Reads a snapshot's range text and checks it names <paramref name="expected"/> (when given):
    /// unreadable text is <see cref="AllocationError.CorruptSnapshot"/>, another range
    /// <see cref="AllocationError.RangeMismatch"/> with <paramref name="mismatchMessage"/>.
    /// </summary>
    public static T ReadRange<T>(RangeAllocation snapshot, T? expected, string mismatchMessage)
        where T : struct, ISpanParsable<T>, IEquatable<T>
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        T range;
        try
        {
            range = T.Parse(snapshot.Range ?? string.Empty, null);
        }
        catch (FormatException e)
        {
            throw new AllocationException(AllocationError.CorruptSnapshot, $"the snapshot's range cannot be read: {e.Message}", e);
        }

        if (expected is { } wanted && !wanted.Equals(range))
        {
            throw new AllocationException(AllocationError.RangeMismatch, mismatchMessage);
        }

        return range;
    }
}
