using ServiceModel.Networking;

namespace ServiceModel.Allocation;

// One band of a range: the static (lower) band or the dynamic (upper) band of KEP-3070. It counts
// the allocated addresses that fall in it (whichever range they were allocated through) and picks
// a free one in O(1) expected time at any fill. A band is one of two kinds:
// - a store band (its range is small enough, see FamilyAddresses.StoreLimit): a hierarchical bitmap
//   that is where the band's addresses live (they are not in the family's hash set), searched for
//   the first free address at or after a uniform random start, wrapping, as upstream scans;
// - a sparse band (a large range): its addresses live in the family's hash set. Below half full it
//   draws random candidates, each free with probability above 1/2, so fewer than 2 are expected;
//   bands of 2^62 addresses or more (a /64) draw them near the previous draw's slot of the hash set
//   (SparseAddressSet.TryDrawNear), so a draw touches memory the last one warmed. From half full
//   (or always, for a band of at most 65,536 addresses) it keeps a hierarchical bitmap beside the
//   set as a search index; the index is dropped again below 1/8 fill, and the gap between 1/2 and
//   1/8 makes a rebuild (O(band size)) happen at most once per (band size)/4 operations.
internal sealed class AddressBand
{
    // Sparse bands this small keep their index for life (at most 8 KiB).
    internal const ulong AlwaysDenseSize = 65536;

    // Sparse bands larger than this never get an index: half of them allocated would not fit in memory anyway.
    internal const ulong MaxDenseSize = 1UL << 30;

    // Sparse bands at least this large draw candidates near the set's last draw (acceptance at least 1/4).
    internal const ulong LocalDrawSize = 1UL << 62;

    private readonly bool _drawsNear;
    private HierarchicalBitmap? _bitmap;

    public AddressBand(UInt128 first, ulong size, bool isStore)
    {
        First = first;
        Size = size;
        IsStore = isStore;

        // The draw inverts the set's hash for one 2^64-aligned block; a band crossing blocks cannot use it.
        _drawsNear = !isStore && size >= LocalDrawSize && (first >> 64) == ((first + (size - 1)) >> 64);
    }

    public UInt128 First { get; }

    public ulong Size { get; }

    public ulong Used { get; private set; }

    /// <summary>Whether the band's bitmap holds its addresses (rather than the family's hash set).</summary>
    public bool IsStore { get; }

    public bool IsDense => _bitmap is not null;

    public bool Contains(UInt128 address) => address >= First && address - First < Size;

    /// <summary>
    /// Counts what <paramref name="family"/> already holds in the band (a range added over live
    /// addresses) and, for a store band, copies those addresses into its bitmap. Called before the
    /// range joins the family.
    /// </summary>
    public void Load(FamilyAddresses family)
    {
        Used = Size == 0 ? 0 : family.CountBetween(First, Size);
        _bitmap = null;
        if (Size != 0 && (IsStore || Size <= AlwaysDenseSize || ShouldBecomeDense))
        {
            BuildBitmap(family);
        }
    }

    /// <summary>Whether a store band holds <paramref name="address"/> (which it contains).</summary>
    public bool IsSet(UInt128 address) => _bitmap!.IsSet(Offset(address));

    /// <summary>Records <paramref name="address"/> in a store band's bitmap.</summary>
    public void Mark(UInt128 address) => _bitmap!.Set(Offset(address));

    /// <summary>Removes <paramref name="address"/> from a store band's bitmap.</summary>
    public void Unmark(UInt128 address) => _bitmap!.Clear(Offset(address));

    public void OnAllocated(UInt128 address, FamilyAddresses family)
    {
        Used++;
        if (IsStore)
        {
            return;
        }

        if (_bitmap is { } dense)
        {
            dense.Set(Offset(address));
        }
        else if (ShouldBecomeDense)
        {
            BuildBitmap(family);
        }
    }

    public void OnReleased(UInt128 address)
    {
        Used--;
        if (!IsStore && _bitmap is { } dense)
        {
            dense.Clear(Offset(address));
            if (Size > AlwaysDenseSize && Used * 8 < Size)
            {
                _bitmap = null;
            }
        }
    }

    /// <summary>Counts a store band's addresses in [first, first + size).</summary>
    public ulong CountStored(UInt128 first, ulong size)
        => Overlap(first, size, out var from, out var to) ? (ulong)_bitmap!.CountSetBetween(from, to) : 0;

    /// <summary>Calls <paramref name="action"/> with the offset from <paramref name="first"/> of each of a store band's addresses in [first, first + size).</summary>
    public void ForEachStored(UInt128 first, ulong size, Action<ulong> action)
    {
        if (Overlap(first, size, out var from, out var to))
        {
            var bandFirst = First;
            _bitmap!.ForEachSetBetween(from, to, offset => action((ulong)(bandFirst + (ulong)offset - first)));
        }
    }

    /// <summary>
    /// Allocates a free address of the band through <paramref name="family"/> (which records it in
    /// every range holding it); false when the band is full. A candidate found taken is drawn again,
    /// so the membership test and the insertion are one probe.
    /// </summary>
    public bool TryAllocate(AddressRandom random, FamilyAddresses family, ParentReference? parent, out UInt128 address)
    {
        if (Used >= Size)
        {
            address = UInt128.Zero;
            return false;
        }

        if (_bitmap is { } bitmap)
        {
            var free = bitmap.FindClearFrom((int)random.NextBelow(Size));
            address = First + (ulong)free;

            // A bitmap band's free bit is a free address: its bits are the family's (store) or mirror them (index).
            return free >= 0 && family.Add(address, parent);
        }

        if (_drawsNear)
        {
            while (!family.Set.TryDrawNear(First, Size, random, out address) || !family.Add(address, parent))
            {
            }

            return true;
        }

        address = First + random.NextBelow(Size);
        while (!family.Add(address, parent))
        {
            address = First + random.NextBelow(Size);
        }

        return true;
    }

    private bool ShouldBecomeDense => Size <= MaxDenseSize && Used * 2 >= Size;

    private int Offset(UInt128 address) => (int)(ulong)(address - First);

    // The part of [first, first + size) inside a store band, as bitmap positions [from, to). Ends
    // are compared inclusive: the band ending a /64 at the top of the address space ends at 2^128.
    private bool Overlap(UInt128 first, ulong size, out int from, out int to)
    {
        from = to = 0;
        if (_bitmap is null || size == 0)
        {
            return false;
        }

        var start = UInt128.Max(first, First);
        var last = UInt128.Min(first + (size - 1), First + (Size - 1));
        if (start > last)
        {
            return false;
        }

        from = (int)(ulong)(start - First);
        to = (int)(ulong)(last - First) + 1;
        return true;
    }

    private void BuildBitmap(FamilyAddresses family)
    {
        var bitmap = new HierarchicalBitmap((int)Size);
        family.ForEachBetween(First, Size, offset => bitmap.Set((int)offset));
        _bitmap = bitmap;
    }
}
