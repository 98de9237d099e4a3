using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.InteropServices;

namespace ServiceModel.Allocation;

/// <summary>
/// The allocation engine: one bit per offset in <c>[0, Capacity)</c> over a <c>ulong[]</c>, bit i of
/// the range is bit (i % 64) of word i / 64. Single-threaded (the public allocators lock around it)
/// and allocation-free except <see cref="ToSnapshotData"/>.
/// </summary>
/// <remarks>
/// <see cref="TryAllocateNext"/> follows upstream's random scan with offset: the offsets below
/// <see cref="StaticBandSize"/> are the static band, kept for callers that ask for a specific value;
/// a dynamic allocation starts at a random offset of the upper (dynamic) band, takes the first free
/// one at or after it, wrapping within the band, and only when that band is full does the same in
/// the static band. Bits at or above <see cref="Capacity"/> in the last word are never set.
/// </remarks>
internal sealed class AllocationBitmap
{
    private const int BitsPerWord = 64;

    private readonly ulong[] _words;
    private readonly Random _random;
    private int _count;

    public AllocationBitmap(int capacity, int staticBandSize, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        ArgumentOutOfRangeException.ThrowIfNegative(staticBandSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(staticBandSize, Math.Max(0, capacity - 1));
        Capacity = capacity;
        StaticBandSize = staticBandSize;
        _random = random;
        _words = new ulong[(capacity + BitsPerWord - 1) / BitsPerWord];
    }

    /// <summary>The number of offsets.</summary>
    public int Capacity { get; }

    /// <summary>Offsets below this form the static band, used by dynamic allocation only as a last resort.</summary>
    public int StaticBandSize { get; }

    /// <summary>Offsets currently set.</summary>
    public int Count => _count;

    public bool IsSet(int offset) => (uint)offset < (uint)Capacity && (_words[offset >> 6] & (1UL << offset)) != 0;

    /// <summary>Sets the bit; false (nothing changed) when it was already set or the offset is outside the range.</summary>
    public bool TrySet(int offset)
    {
        if ((uint)offset >= (uint)Capacity)
        {
            return false;
        }

        ref var word = ref _words[offset >> 6];
        var bit = 1UL << offset;
        if ((word & bit) != 0)
        {
            return false;
        }

        word |= bit;
        _count++;
        return true;
    }

    /// <summary>Clears the bit; false when it was not set or the offset is outside the range.</summary>
    public bool Clear(int offset)
    {
        if ((uint)offset >= (uint)Capacity)
        {
            return false;
        }

        ref var word = ref _words[offset >> 6];
        var bit = 1UL << offset;
        if ((word & bit) == 0)
        {
            return false;
        }

        word &= ~bit;
        _count--;
        return true;
    }

    /// <summary>Sets a free bit chosen like upstream's random scan with offset; -1 when every offset is taken.</summary>
    public int TryAllocateNext()
    {
        if (_count >= Capacity)
        {
            return -1;
        }

        var found = FindFreeCyclic(StaticBandSize, Capacity);
        if (found < 0)
        {
            found = FindFreeCyclic(0, StaticBandSize);
        }

        // The count says a bit is free, so one of the two bands has it.
        TrySet(found);
        return found;
    }

    /// <summary>First free offset at or after a random start in <c>[from, to)</c>, wrapping to <paramref name="from"/>.</summary>
    private int FindFreeCyclic(int from, int to)
    {
        if (to <= from)
        {
            return -1;
        }

        var start = from + _random.Next(to - from);
        var found = FindFree(start, to);
        return found >= 0 ? found : FindFree(from, start);
    }

    /// <summary>The lowest clear offset in <c>[from, to)</c>, or -1.</summary>
    internal int FindFree(int from, int to)
    {
        if (from >= to)
        {
            return -1;
        }

        var first = from >> 6;
        var last = (to - 1) >> 6;
        var lowMask = ulong.MaxValue << from;
        var highMask = ulong.MaxValue >> (BitsPerWord - 1 - ((to - 1) & 63));
        if (first == last)
        {
            return FirstClear(_words[first] | ~(lowMask & highMask), first);
        }

        var head = FirstClear(_words[first] | ~lowMask, first);
        if (head >= 0)
        {
            return head;
        }

        // Whole words in between: a vectorised search for any word with a clear bit.
        var middle = _words.AsSpan(first + 1, last - first - 1);
        var index = middle.IndexOfAnyExcept(ulong.MaxValue);
        if (index >= 0)
        {
            return FirstClear(middle[index], first + 1 + index);
        }

        return FirstClear(_words[last] | ~highMask, last);
    }

    private static int FirstClear(ulong word, int wordIndex)
        => word == ulong.MaxValue ? -1 : (wordIndex << 6) + BitOperations.TrailingZeroCount(~word);

    /// <summary>Appends the set offsets in ascending order.</summary>
    public void CopySetOffsetsTo(List<int> offsets)
    {
        for (var w = 0; w < _words.Length; w++)
        {
            var word = _words[w];
            while (word != 0)
            {
                offsets.Add((w << 6) + BitOperations.TrailingZeroCount(word));
                word &= word - 1;
            }
        }
    }

    /// <summary>
    /// The bitmap as Kubernetes stores it: a big-endian unsigned integer with bit i = offset i and
    /// no leading zero bytes (Go's <c>big.Int.Bytes()</c>); empty when nothing is set.
    /// </summary>
    public byte[] ToSnapshotData()
    {
        var length = SnapshotDataLength;
        if (length == 0)
        {
            return [];
        }

        // Every byte is written below, so skip the zeroing (a /12 snapshot is 128 KiB).
        var data = GC.AllocateUninitializedArray<byte>(length);
        WriteSnapshotData(data, length);
        return data;
    }

    /// <summary>The length of <see cref="ToSnapshotData"/>'s result: 0 when nothing is set.</summary>
    public int SnapshotDataLength
    {
        get
        {
            var top = _words.AsSpan().LastIndexOfAnyExcept(0UL);
            return top < 0 ? 0 : (top * 8) + ((BitsPerWord - BitOperations.LeadingZeroCount(_words[top]) + 7) / 8);
        }
    }

    /// <summary>Writes the snapshot data into the first <paramref name="length"/> bytes of <paramref name="destination"/>; <paramref name="length"/> is <see cref="SnapshotDataLength"/>.</summary>
    public void WriteSnapshotData(Span<byte> destination, int length)
    {
        var data = destination[..length];
        if (BitConverter.IsLittleEndian)
        {
            // The words' little-endian bytes are the integer least significant byte first: one
            // reversing copy gives big-endian.
            ReverseCopy(MemoryMarshal.AsBytes(_words.AsSpan()).Slice(0, length), data);
        }
        else
        {
            for (var k = 0; k < length; k++)
            {
                data[length - 1 - k] = (byte)(_words[k >> 3] >> ((k & 7) * 8));
            }
        }
    }

    /// <summary>Writes <paramref name="source"/> back to front: <c>destination[i] = source[^(i + 1)]</c>, in one pass.</summary>
    private static void ReverseCopy(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        var length = source.Length;
        ref var from = ref MemoryMarshal.GetReference(source);
        ref var to = ref MemoryMarshal.GetReference(destination[..length]);
        var i = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            var reversed = Vector128.Create((byte)15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0);
            for (; i + 32 <= length; i += 32)
            {
                var high = Vector128.LoadUnsafe(ref from, (nuint)(length - i - 16));
                var low = Vector128.LoadUnsafe(ref from, (nuint)(length - i - 32));
                Vector128.Shuffle(high, reversed).StoreUnsafe(ref to, (nuint)i);
                Vector128.Shuffle(low, reversed).StoreUnsafe(ref to, (nuint)(i + 16));
            }
        }

        for (; i < length; i++)
        {
            Unsafe.Add(ref to, i) = Unsafe.Add(ref from, length - 1 - i);
        }
    }

    /// <summary>
    /// Replaces the contents with snapshot data (leading zero bytes allowed, as Go's <c>SetBytes</c>
    /// allows). Returns the highest set offset when it lies at or beyond <see cref="Capacity"/>
    /// (nothing changes then), otherwise -1 after loading.
    /// </summary>
    public long TryLoadSnapshotData(ReadOnlySpan<byte> data)
    {
        var firstNonZero = data.IndexOfAnyExcept((byte)0);
        if (firstNonZero < 0)
        {
            Array.Clear(_words);
            _count = 0;
            return -1;
        }

        data = data[firstNonZero..];
        var highest = ((long)(data.Length - 1) * 8) + (7 - BitOperations.LeadingZeroCount((uint)data[0]) + 24);
        if (highest >= Capacity)
        {
            return highest;
        }

        Array.Clear(_words);
        Span<byte> chunk = stackalloc byte[8];
        var count = 0;
        for (var w = 0; w * 8 < data.Length; w++)
        {
            // Word w holds bytes [8w, 8w+8) counted from the least significant end.
            var end = data.Length - (w * 8);
            var start = Math.Max(0, end - 8);
            chunk.Clear();
            data[start..end].CopyTo(chunk[(8 - (end - start))..]);
            _words[w] = BinaryPrimitives.ReadUInt64BigEndian(chunk);
            count += BitOperations.PopCount(_words[w]);
        }

        _count = count;
        return -1;
    }
}
