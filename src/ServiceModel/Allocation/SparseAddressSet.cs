using System.Runtime.CompilerServices;

namespace ServiceModel.Allocation;

// The allocated addresses of one IP family, as an open-addressing hash set of 128-bit integers
// with linear probing. Memory is one 16-byte slot per 1.4 to 6.7 addresses (the load factor stays
// between 0.15 and 0.7; the gap keeps add/remove at a boundary from resizing), whatever the size
// of the ranges, so a /64 costs what its allocated addresses cost. The value 0 marks an empty slot:
// the all-zero address is the network address of every range that holds it, so it is never
// allocated. Deletion shifts the following cluster back instead of leaving tombstones, so lookups
// stay O(1) expected after any mix of adds and removes.
// With a million addresses the table is 32 MB, so a lookup of a fresh random address misses the
// caches and the TLB. TryDrawNear avoids that for the largest bands: it chooses the candidate's
// slot (a few slots past the previous draw's, the start random) and inverts the hash to get the
// address, so successive draws walk the table forward and touch memory the last ones warmed. The
// hash mixes the low half with an odd multiplier, which is invertible, so every address of the
// block stays equally likely over a walk round the table.
// Not thread-safe: the owning allocator serializes access.
internal sealed class SparseAddressSet
{
    private const int MinimumBits = 4;

    private const ulong HighMultiplier = 0xC2B2AE3D27D4EB4FUL;
    private const ulong LowMultiplier = 0x9E3779B97F4A7C15UL;

    // How far (in slots) the draw cursor moves per draw: far enough that the slots it walks past
    // gain only 1/8 of an address each per walk round the table (the load stays even), near
    // enough that a 4 KiB page serves 32 draws.
    private const int DrawStrideSlots = 8;

    private static readonly ulong InverseLowMultiplier = Inverse(LowMultiplier);

    private UInt128[] _slots;
    private int _bits;
    private int _count;
    private ulong _cursor;
    private bool _cursorStarted;

    public SparseAddressSet()
    {
        _bits = MinimumBits;
        _slots = new UInt128[1 << MinimumBits];
    }

    public int Count => _count;

    public int SlotCount => _slots.Length;

    public bool Contains(UInt128 value)
    {
        var slots = _slots;
        var mask = slots.Length - 1;
        for (var i = Home(value, _bits); ; i = (i + 1) & mask)
        {
            var slot = slots[i];
            if (slot == value)
            {
                return true;
            }

            if (slot == UInt128.Zero)
            {
                return false;
            }
        }
    }

    // One probe pass finds the value or the empty slot it goes in; only a resize probes again.
    public bool Add(UInt128 value)
    {
        var slots = _slots;
        var mask = slots.Length - 1;
        var i = Home(value, _bits);
        while (true)
        {
            var slot = slots[i];
            if (slot == value)
            {
                return false;
            }

            if (slot == UInt128.Zero)
            {
                break;
            }

            i = (i + 1) & mask;
        }

        if ((_count + 1) * 10L > slots.Length * 7L)
        {
            Resize(_bits + 1);
            Insert(_slots, _bits, value);
        }
        else
        {
            slots[i] = value;
        }

        _count++;
        return true;
    }

    public bool Remove(UInt128 value)
    {
        var slots = _slots;
        var mask = slots.Length - 1;
        var i = Home(value, _bits);
        while (true)
        {
            var slot = slots[i];
            if (slot == UInt128.Zero)
            {
                return false;
            }

            if (slot == value)
            {
                break;
            }

            i = (i + 1) & mask;
        }

        // Backward-shift deletion: move every later member of the cluster whose home is not
        // between the hole and its own slot into the hole, so no probe sequence is broken.
        var hole = i;
        var j = i;
        while (true)
        {
            j = (j + 1) & mask;
            var slot = slots[j];
            if (slot == UInt128.Zero)
            {
                break;
            }

            var home = Home(slot, _bits);
            var movable = hole <= j ? home <= hole || home > j : home <= hole && home > j;
            if (movable)
            {
                slots[hole] = slot;
                hole = j;
            }
        }

        slots[hole] = UInt128.Zero;
        _count--;
        if (_bits > MinimumBits && _count * 20L < _slots.Length * 3L)
        {
            Resize(_bits - 1);
        }

        return true;
    }

    public void Clear()
    {
        _bits = MinimumBits;
        _slots = new UInt128[1 << MinimumBits];
        _count = 0;
    }

    /// <summary>Copies the members into <paramref name="destination"/> (unordered).</summary>
    public void CopyTo(List<UInt128> destination)
    {
        foreach (var slot in _slots)
        {
            if (slot != UInt128.Zero)
            {
                destination.Add(slot);
            }
        }
    }

    /// <summary>Counts the members in [first, first + size).</summary>
    public ulong CountBetween(UInt128 first, ulong size)
    {
        ulong count = 0;
        if (size <= (ulong)_slots.Length)
        {
            for (ulong offset = 0; offset < size; offset++)
            {
                count += Contains(first + offset) ? 1UL : 0UL;
            }

            return count;
        }

        foreach (var slot in _slots)
        {
            if (slot != UInt128.Zero && slot >= first && slot - first < size)
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>Calls <paramref name="action"/> with the offset of every member in [first, first + size).</summary>
    public void ForEachBetween(UInt128 first, ulong size, Action<ulong> action)
    {
        if (size <= (ulong)_slots.Length)
        {
            for (ulong offset = 0; offset < size; offset++)
            {
                if (Contains(first + offset))
                {
                    action(offset);
                }
            }

            return;
        }

        foreach (var slot in _slots)
        {
            if (slot != UInt128.Zero && slot >= first && slot - first < size)
            {
                action((ulong)(slot - first));
            }
        }
    }

    /// <summary>
    /// Draws a candidate address (not checked for membership) whose slot is just past the previous
    /// draw's; false when the candidate falls outside [first, first + size), which must lie in one
    /// 2^64-aligned block (the caller draws again: for a band of at least 2^62 addresses that
    /// happens with probability below 3/4).
    /// </summary>
    public bool TryDrawNear(UInt128 first, ulong size, AddressRandom random, out UInt128 value)
    {
        if (!_cursorStarted)
        {
            _cursor = random.NextUInt64();
            _cursorStarted = true;
        }

        var window = (1UL << (64 - _bits)) * DrawStrideSlots;
        var mixed = _cursor + random.NextBelow(window);
        _cursor += window;
        var high = (ulong)(first >> 64);
        var low = (mixed * InverseLowMultiplier) ^ (high * HighMultiplier);
        value = new UInt128(high, low);
        return low - (ulong)first < size;
    }

    private void Resize(int bits)
    {
        var old = _slots;
        var slots = new UInt128[1 << bits];
        foreach (var slot in old)
        {
            if (slot != UInt128.Zero)
            {
                Insert(slots, bits, slot);
            }
        }

        _slots = slots;
        _bits = bits;
    }

    private static void Insert(UInt128[] slots, int bits, UInt128 value)
    {
        var mask = slots.Length - 1;
        var i = Home(value, bits);
        while (slots[i] != UInt128.Zero)
        {
            i = (i + 1) & mask;
        }

        slots[i] = value;
    }

    // Fibonacci hashing of both halves: consecutive addresses (the common case in small ranges)
    // spread over the table instead of filling one cluster.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Home(UInt128 value, int bits)
    {
        var low = (ulong)value;
        var high = (ulong)(value >> 64);
        var mixed = (low ^ (high * HighMultiplier)) * LowMultiplier;
        return (int)(mixed >> (64 - bits));
    }

    // The multiplicative inverse modulo 2^64 of an odd number (Newton's iteration doubles the correct bits).
    private static ulong Inverse(ulong odd)
    {
        var inverse = odd;
        for (var i = 0; i < 5; i++)
        {
            inverse *= 2 - (odd * inverse);
        }

        return inverse;
    }
}
