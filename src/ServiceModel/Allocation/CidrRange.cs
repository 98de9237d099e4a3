using ServiceModel.Networking;

namespace ServiceModel.Allocation;

// One distinct CIDR of the multi-CIDR allocator, shared by every ServiceCIDR object that names it
// (as upstream keeps one allocator per prefix). Allocatable addresses are those of upstream's
// per-CIDR allocator: from the network address + 1 to the last address, less the IPv4 broadcast;
// the lowest min(max(16, n/16), 256) of them form the static band, taken last. A range of at most
// storeLimit addresses keeps its addresses in its bands' bitmaps (a store range); a larger one leaves
// them in the family's hash set.
internal sealed class CidrRange
{
    public CidrRange(ServiceCidr cidr, ulong storeLimit)
    {
        Cidr = cidr;
        var isIPv6 = cidr.Family == IPFamily.IPv6;
        var hostBits = (isIPv6 ? 128 : 32) - cidr.PrefixLength;
        First = cidr.Base;
        Count = AllocatableCount(hostBits, isIPv6);
        var staticSize = Math.Min((ulong)StaticBandSize(hostBits, isIPv6), Count);
        IsStore = Count != 0 && Count <= storeLimit;
        Lower = new AddressBand(First, staticSize, IsStore);
        Upper = new AddressBand(First + staticSize, Count - staticSize, IsStore);
    }

    public ServiceCidr Cidr { get; }

    public UInt128 First { get; }

    /// <summary>How many addresses the range hands out (up to 2^64 - 1 for a /64).</summary>
    public ulong Count { get; }

    /// <summary>Whether the range's bitmaps hold its addresses (see <see cref="AddressBand.IsStore"/>).</summary>
    public bool IsStore { get; }

    /// <summary>The last address handed out (meaningful when <see cref="Count"/> is not 0).</summary>
    public UInt128 Last => First + (Count - 1);

    public AddressBand Lower { get; }

    public AddressBand Upper { get; }

    /// <summary>The ServiceCIDR objects naming this CIDR, by name.</summary>
    public SortedSet<string> Owners { get; } = new(StringComparer.Ordinal);

    /// <summary>Whether new addresses may come from this range (some owner is ready).</summary>
    public bool Ready { get; set; }

    public ulong Used => Lower.Used + Upper.Used;

    public bool Contains(UInt128 address) => address >= First && address - First < Count;

    public void Load(FamilyAddresses family)
    {
        Lower.Load(family);
        Upper.Load(family);
    }

    public bool IsSet(UInt128 address) => BandOf(address).IsSet(address);

    /// <summary>Counts an allocated address; <paramref name="mark"/> also sets its bit (a store range holding it).</summary>
    public void OnAllocated(UInt128 address, FamilyAddresses family, bool mark)
    {
        var band = BandOf(address);
        if (mark)
        {
            band.Mark(address);
        }

        band.OnAllocated(address, family);
    }

    /// <summary>Counts a released address; <paramref name="unmark"/> also clears its bit.</summary>
    public void OnReleased(UInt128 address, bool unmark)
    {
        var band = BandOf(address);
        if (unmark)
        {
            band.Unmark(address);
        }

        band.OnReleased(address);
    }

    /// <summary>Counts a store range's addresses in [first, first + size).</summary>
    public ulong CountStored(UInt128 first, ulong size) => Lower.CountStored(first, size) + Upper.CountStored(first, size);

    /// <summary>Calls <paramref name="action"/> with the offset from <paramref name="first"/> of a store range's addresses in [first, first + size).</summary>
    public void ForEachStored(UInt128 first, ulong size, Action<ulong> action)
    {
        Lower.ForEachStored(first, size, action);
        Upper.ForEachStored(first, size, action);
    }

    /// <summary>Whether this range's addresses are all inside <paramref name="other"/>'s (CIDRs nest or are disjoint, and so do these intervals).</summary>
    public bool IsInside(CidrRange other) => other.First <= First && Last <= other.Last;

    /// <summary>Allocates a free address: the dynamic band first, then the static band, as upstream.</summary>
    public bool TryAllocate(AddressRandom random, FamilyAddresses family, ParentReference? parent, out UInt128 address)
        => Upper.TryAllocate(random, family, parent, out address) || Lower.TryAllocate(random, family, parent, out address);

    private AddressBand BandOf(UInt128 address) => address - First < Lower.Size ? Lower : Upper;

    // Upstream's hostsPerNetwork: 2^h less the network address and, for IPv4, the broadcast.
    internal static ulong AllocatableCount(int hostBits, bool isIPv6)
    {
        if (hostBits >= 64)
        {
            return ulong.MaxValue;
        }

        var total = 1UL << hostBits;
        var excluded = isIPv6 ? 1UL : 2UL;
        return total > excluded ? total - excluded : 0;
    }

    // Upstream's calculateRangeOffset over RangeSize (0 for IPv4 /0-/1, capped at 2^63 - 1 from 63
    // host bits on): min(max(16, n/16), 256), or 0 when n is at most 16.
    internal static int StaticBandSize(int hostBits, bool isIPv6)
    {
        long rangeSize;
        if (hostBits >= (isIPv6 ? 127 : 31))
        {
            rangeSize = 0;
        }
        else if (hostBits >= 63)
        {
            rangeSize = long.MaxValue;
        }
        else
        {
            rangeSize = 1L << hostBits;
        }

        return rangeSize <= 16 ? 0 : (int)Math.Clamp(rangeSize / 16, 16, 256);
    }
}
