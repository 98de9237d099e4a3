using System.Runtime.CompilerServices;

namespace ServiceModel.Allocation;

// The allocated addresses of one IP family, as an open-addressing hash set of 128-bit integers
// with linear probing. Memory is one 16-byte slot per 1.4 to 6.7 addresses (the load factor stays
// between 0.15 and 0.7; the gap keeps add/remove at a boundary from resizing), whatever the size
// of the ranges, so a /64 costs what its allocated addresses cost. The value 0 marks an empty slot:
// the all-zero address is the network address of every range that holds it, so it is never
// allocated. Deletion shifts the following cluster back instead of leaving tombstones, so lookups
// stay O(1) expected after any mix of adds and removes.
// Not thread-safe: the owning allocator serializes access.
internal sealed class SparseAddressSet
{
    private const int MinimumBits = 4;

    private UInt128[] _slots;
    private int _bits;
    private int _count;

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
        var mixed = (low ^ (high * 0xC2B2AE3D27D4EB4FUL)) * 0x9E3779B97F4A7C15UL;
        return (int)(mixed >> (64 - bits));
    }
}
