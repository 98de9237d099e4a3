using System.Diagnostics.CodeAnalysis;
using System.Net;
using ServiceModel.Networking;

namespace ServiceModel.Allocation;

// The ClusterIPs of one IP family as the Service allocation transaction uses them, whichever
// allocator holds them: a classic bitmap (ClusterIPAllocator, one range) or the ServiceCIDR
// allocator (every ready ServiceCIDR of the family). A dry run needs no member of its own: the
// transaction allocates and then releases, which both allocators undo exactly.
internal interface IClusterIPFamilyAllocator
{
    IPFamily Family { get; }

    // Throws AllocationException with the allocator's upstream text; the parent is recorded where
    // the allocator keeps owners (IPAddress objects), ignored by the bitmap.
    void Allocate(IPAddress ip, ParentReference parent);

    bool TryAllocateNext(ParentReference parent, [NotNullWhen(true)] out IPAddress? ip);

    bool Release(IPAddress ip);

    bool IsAllocated(IPAddress ip);
}
