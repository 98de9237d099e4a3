using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ServiceModel.Allocation;

/// <summary>
/// An <see cref="AllocationBitmap"/> behind a lock: the shared core of the public allocators, which
/// translate their values (addresses, ports) to offsets and back.
/// </summary>
/// <remarks>
/// The lock is a <see cref="SpinGate"/>: every critical section is a few bit operations (a snapshot
/// or listing is the longest). It is not reentrant; no member calls another under it.
/// </remarks>
internal sealed class SynchronizedBitmap
{
    private readonly AllocationBitmap _bitmap;

    private SpinGate _gate;

    public SynchronizedBitmap(int capacity, int staticBandSize, Random? random)
        => _bitmap = new AllocationBitmap(capacity, staticBandSize, random ?? new Random());

    public int Capacity => _bitmap.Capacity;

    public int StaticBandSize => _bitmap.StaticBandSize;

    public int Used
    {
        get
        {
            Enter();
            try
            {
                return _bitmap.Count;
            }
            finally
            {
                Exit();
            }
        }
    }

    /// <summary>Sets an in-range offset; false when it was already set.</summary>
    public bool TrySet(int offset)
    {
        Enter();
        try
        {
            return _bitmap.TrySet(offset);
        }
        finally
        {
            Exit();
        }
    }

    /// <summary>A dynamically chosen offset, or -1 when full.</summary>
    public int TryAllocateNext()
    {
        Enter();
        try
        {
            return _bitmap.TryAllocateNext();
        }
        finally
        {
            Exit();
        }
    }

    public bool Clear(int offset)
    {
        Enter();
        try
        {
            return _bitmap.Clear(offset);
        }
        finally
        {
            Exit();
        }
    }

    public bool IsSet(int offset)
    {
        Enter();
        try
        {
            return _bitmap.IsSet(offset);
        }
        finally
        {
            Exit();
        }
    }

    /// <summary>The set offsets, ascending, copied under the lock.</summary>
    public List<int> SetOffsets()
    {
        var offsets = new List<int>();
        Enter();
        try
        {
            offsets.Capacity = _bitmap.Count;
            _bitmap.CopySetOffsetsTo(offsets);
        }
        finally
        {
            Exit();
        }

        return offsets;
    }

    public RangeAllocation Snapshot(string range)
    {
        byte[] data;
        Enter();
        try
        {
            data = _bitmap.ToSnapshotData();
        }
        finally
        {
            Exit();
        }

        return new RangeAllocation(range, ImmutableCollectionsMarshal.AsImmutableArray(data));
    }

    /// <summary>Writes the snapshot data into <paramref name="destination"/>; false (nothing written) when it is too short.</summary>
    public bool TryWriteSnapshot(Span<byte> destination, out int bytesWritten)
    {
        Enter();
        try
        {
            var length = _bitmap.SnapshotDataLength;
            if (length > destination.Length)
            {
                bytesWritten = 0;
                return false;
            }

            _bitmap.WriteSnapshotData(destination, length);
            bytesWritten = length;
            return true;
        }
        finally
        {
            Exit();
        }
    }

    /// <summary>Loads snapshot data into this (new, unshared) bitmap or throws <see cref="AllocationError.CorruptSnapshot"/>.</summary>
    public void Load(RangeAllocation snapshot, string rangeDescription)
    {
        Enter();
        try
        {
            var highest = _bitmap.TryLoadSnapshotData(snapshot.Data.AsSpan());
            if (highest >= 0)
            {
                throw new AllocationException(
                    AllocationError.CorruptSnapshot,
                    $"the snapshot data sets offset {highest}, but range {snapshot.Range} has only "
                    + $"{_bitmap.Capacity} {rangeDescription} ({Offsets(_bitmap.Capacity)}); the data does not belong to this range");
            }
        }
        finally
        {
            Exit();
        }
    }

    // A range may be empty (a /32 has no allocatable address), and "offsets 0--1" says nothing.
    private static string Offsets(int capacity)
        => capacity switch
        {
            0 => "no offsets",
            1 => "offset 0 only",
            _ => $"offsets 0-{capacity - 1}",
        };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Enter() => _gate.Enter();

    private void Exit() => _gate.Exit();
}
