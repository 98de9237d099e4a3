namespace ServiceModel.Allocation;

// One band of a range: the static (lower) band or the dynamic (upper) band of KEP-3070. It counts
// the allocated addresses that fall in it (whichever range they were allocated through) and picks
// a free one in O(1) expected time at any fill:
// - sparse (fewer than half taken): uniform random probes into the shared address set, each of
//   which succeeds with probability above 1/2, so fewer than 2 probes are expected;
// - dense (half taken or more, or a band of at most 65,536 addresses): a hierarchical bitmap of
//   the band, searched for the first free address at or after a uniform random start, wrapping,
//   as upstream scans; the bitmap costs at most 2 bits per allocated address once the band is
//   large, so memory still follows the allocated count, not the band size.
// A large band drops its bitmap again below 1/8 fill; the gap between 1/2 and 1/8 makes a rebuild
// (O(band size)) happen at most once per (band size)/4 operations, amortized O(1).
internal sealed class AddressBand
{
    // Bands this small keep their bitmap for life (at most 8 KiB).
    internal const ulong AlwaysDenseSize = 65536;

    // Bands larger than this are never dense: half of them allocated would not fit in memory anyway.
    internal const ulong MaxDenseSize = 1UL << 30;

    private HierarchicalBitmap? _dense;

    public AddressBand(UInt128 first, ulong size)
    {
        First = first;
        Size = size;
    }

    public UInt128 First { get; }

    public ulong Size { get; }

    public ulong Used { get; private set; }

    public bool IsDense => _dense is not null;

    public bool Contains(UInt128 address) => address >= First && address - First < Size;

    /// <summary>Counts what <paramref name="set"/> already holds in the band (a range added over live addresses).</summary>
    public void Load(SparseAddressSet set)
    {
        Used = Size == 0 ? 0 : set.CountBetween(First, Size);
        _dense = null;
        if (Size != 0 && (Size <= AlwaysDenseSize || ShouldBecomeDense))
        {
            BuildDense(set);
        }
    }

    public void OnAllocated(UInt128 address, SparseAddressSet set)
    {
        Used++;
        if (_dense is { } dense)
        {
            dense.Set((int)(ulong)(address - First));
        }
        else if (ShouldBecomeDense)
        {
            BuildDense(set);
        }
    }

    public void OnReleased(UInt128 address)
    {
        Used--;
        if (_dense is { } dense)
        {
            dense.Clear((int)(ulong)(address - First));
            if (Size > AlwaysDenseSize && Used * 8 < Size)
            {
                _dense = null;
            }
        }
    }

    /// <summary>Picks a free address of the band without taking it; false when the band is full.</summary>
    public bool TryPick(AddressRandom random, SparseAddressSet set, out UInt128 address)
    {
        if (Used >= Size)
        {
            address = UInt128.Zero;
            return false;
        }

        var offset = random.NextBelow(Size);
        if (_dense is { } dense)
        {
            var free = dense.FindClearFrom((int)offset);
            address = First + (ulong)free;
            return free >= 0;
        }

        while (set.Contains(First + offset))
        {
            offset = random.NextBelow(Size);
        }

        address = First + offset;
        return true;
    }

    private bool ShouldBecomeDense => Size <= MaxDenseSize && Used * 2 >= Size;

    private void BuildDense(SparseAddressSet set)
    {
        var dense = new HierarchicalBitmap((int)Size);
        set.ForEachBetween(First, Size, offset => dense.Set((int)offset));
        _dense = dense;
    }
}
