using System.Runtime.InteropServices;
using ServiceModel.Networking;

namespace ServiceModel.Allocation;

// The allocated addresses of one family (upstream runs one allocator per family too), the ranges
// of that family in a stable order, and the parent references given at allocation time.
//
// Each address lives in one representation: an address inside a store range (one of at most
// StoreLimit addresses) is a bit in that range's bitmap, and in the bitmap of every other store
// range holding it (CIDRs nest, so those ranges form a chain and their bits agree); any other
// address (inside large ranges only, or inside no range at all after a restore or a removal) is in
// the hash set. Adding a store range moves the set's addresses inside it into its bitmap; removing
// one moves the addresses no other store range holds back into the set. Counting and listing read
// the set and the outermost store ranges, whose intervals are disjoint. Parents live beside both,
// so the engine's memory per address stays a bit or the set's slot share.
internal sealed class FamilyAddresses
{
    public FamilyAddresses(IPFamily family, ulong storeLimit)
    {
        Family = family;
        StoreLimit = storeLimit;
    }

    public IPFamily Family { get; }

    /// <summary>Ranges of at most this many addresses keep their addresses in bitmaps.</summary>
    public ulong StoreLimit { get; }

    /// <summary>The addresses no store range holds.</summary>
    public SparseAddressSet Set { get; } = new();

    /// <summary>How many addresses are allocated.</summary>
    public long Count { get; private set; }

    /// <summary>The ranges of the family: the store ranges, then the others.</summary>
    public List<CidrRange> Ranges { get; } = [];

    public Dictionary<UInt128, ParentReference> Parents { get; } = [];

    public bool Contains(UInt128 address)
        => StoreOf(address) is { } store ? store.IsSet(address) : Set.Contains(address);

    public bool Add(UInt128 address, ParentReference? parent) => Add(address, parent, StoreOf(address));

    /// <summary>Allocates a requested address: it must be handed out by a ready range and be free.</summary>
    public bool TryAddRequested(UInt128 address, ParentReference? parent, out AllocationError error)
    {
        // One pass finds both whether a ready range hands the address out and where it lives.
        CidrRange? store = null;
        var ready = false;
        foreach (var range in CollectionsMarshal.AsSpan(Ranges))
        {
            if (range.Contains(address))
            {
                ready |= range.Ready;
                store ??= range.IsStore ? range : null;
            }
        }

        error = ready ? AllocationError.AlreadyAllocated : AllocationError.NotInRange;
        return ready && Add(address, parent, store);
    }

    private bool Add(UInt128 address, ParentReference? parent, CidrRange? store)
    {
        if (store is null ? !Set.Add(address) : store.IsSet(address))
        {
            return false;
        }

        // Store ranges come first in Ranges, so every store bit is set before a sparse band that
        // builds its index on this allocation reads them.
        foreach (var range in CollectionsMarshal.AsSpan(Ranges))
        {
            if (range.Contains(address))
            {
                range.OnAllocated(address, this, store is not null && range.IsStore);
            }
        }

        Count++;
        if (parent is not null)
        {
            Parents[address] = parent;
        }

        return true;
    }

    public bool Remove(UInt128 address)
    {
        var store = StoreOf(address);
        if (store is null ? !Set.Remove(address) : !store.IsSet(address))
        {
            return false;
        }

        foreach (var range in CollectionsMarshal.AsSpan(Ranges))
        {
            if (range.Contains(address))
            {
                range.OnReleased(address, store is not null && range.IsStore);
            }
        }

        Count--;
        if (Parents.Count != 0)
        {
            Parents.Remove(address);
        }

        return true;
    }

    /// <summary>Adds a range over the live addresses: it counts them and, as a store range, takes over those it holds.</summary>
    public void Attach(CidrRange range)
    {
        range.Load(this);
        if (range.IsStore)
        {
            var moved = new List<UInt128>();
            Set.ForEachBetween(range.First, range.Count, offset => moved.Add(range.First + offset));
            foreach (var address in moved)
            {
                Set.Remove(address);
            }

            Ranges.Insert(0, range);
        }
        else
        {
            Ranges.Add(range);
        }
    }

    /// <summary>Removes a range; the addresses only it held as a store range go back to the set.</summary>
    public void Detach(CidrRange range)
    {
        Ranges.Remove(range);
        if (range.IsStore)
        {
            var orphans = new List<UInt128>();
            range.ForEachStored(range.First, range.Count, offset => orphans.Add(range.First + offset));
            foreach (var address in orphans)
            {
                if (StoreOf(address) is null)
                {
                    Set.Add(address);
                }
            }
        }
    }

    /// <summary>Counts the allocated addresses in [first, first + size).</summary>
    public ulong CountBetween(UInt128 first, ulong size)
    {
        var count = Set.CountBetween(first, size);
        foreach (var range in CollectionsMarshal.AsSpan(Ranges))
        {
            if (IsOutermostStore(range))
            {
                count += range.CountStored(first, size);
            }
        }

        return count;
    }

    /// <summary>Calls <paramref name="action"/> with the offset from <paramref name="first"/> of every allocated address in [first, first + size).</summary>
    public void ForEachBetween(UInt128 first, ulong size, Action<ulong> action)
    {
        Set.ForEachBetween(first, size, action);
        foreach (var range in CollectionsMarshal.AsSpan(Ranges))
        {
            if (IsOutermostStore(range))
            {
                range.ForEachStored(first, size, action);
            }
        }
    }

    /// <summary>Copies every allocated address into <paramref name="destination"/> (unordered).</summary>
    public void CopyTo(List<UInt128> destination)
    {
        Set.CopyTo(destination);
        foreach (var range in CollectionsMarshal.AsSpan(Ranges))
        {
            if (IsOutermostStore(range))
            {
                range.ForEachStored(range.First, range.Count, offset => destination.Add(range.First + offset));
            }
        }
    }

    // The first store range holding the address; its bit is every holding store range's bit.
    private CidrRange? StoreOf(UInt128 address)
    {
        foreach (var range in CollectionsMarshal.AsSpan(Ranges))
        {
            if (range.IsStore && range.Contains(address))
            {
                return range;
            }
        }

        return null;
    }

    private bool IsOutermostStore(CidrRange range)
    {
        if (!range.IsStore)
        {
            return false;
        }

        foreach (var other in CollectionsMarshal.AsSpan(Ranges))
        {
            if (other != range && other.IsStore && range.IsInside(other))
            {
                return false;
            }
        }

        return true;
    }
}
