using System.Runtime.InteropServices;
using ServiceModel.Networking;

namespace ServiceModel.Allocation;

// The allocated addresses of one family (upstream runs one allocator per family too), the ranges
// of that family in a stable order, and the parent references given at allocation time. Parents
// live beside the set, not in it, so the engine's memory per address stays the set's slot share.
internal sealed class FamilyAddresses
{
    public FamilyAddresses(IPFamily family)
    {
        Family = family;
    }

    public IPFamily Family { get; }

    public SparseAddressSet Set { get; } = new();

    public List<CidrRange> Ranges { get; } = [];

    public Dictionary<UInt128, ParentReference> Parents { get; } = [];

    public bool Add(UInt128 address, ParentReference? parent)
    {
        if (!Set.Add(address))
        {
            return false;
        }

        foreach (var range in CollectionsMarshal.AsSpan(Ranges))
        {
            if (range.Contains(address))
            {
                range.OnAllocated(address, Set);
            }
        }

        if (parent is not null)
        {
            Parents[address] = parent;
        }

        return true;
    }

    public bool Remove(UInt128 address)
    {
        if (!Set.Remove(address))
        {
            return false;
        }

        foreach (var range in CollectionsMarshal.AsSpan(Ranges))
        {
            if (range.Contains(address))
            {
                range.OnReleased(address);
            }
        }

        if (Parents.Count != 0)
        {
            Parents.Remove(address);
        }

        return true;
    }

    /// <summary>Whether some ready range hands out <paramref name="address"/>.</summary>
    public bool InReadyRange(UInt128 address)
    {
        foreach (var range in CollectionsMarshal.AsSpan(Ranges))
        {
            if (range.Ready && range.Contains(address))
            {
                return true;
            }
        }

        return false;
    }
}
