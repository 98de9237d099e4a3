using System.Diagnostics.CodeAnalysis;
using System.Net;
using ServiceModel.Networking;

namespace ServiceModel.Allocation;

// One family of a ServiceCidrAllocator, as the Service allocation transaction sees it.
internal sealed class ServiceCidrFamilyAllocator(ServiceCidrAllocator serviceCidrs, IPFamily family) : IClusterIPFamilyAllocator
{
    public IPFamily Family => family;

    public void Allocate(IPAddress ip, ParentReference parent) => serviceCidrs.Allocate(ip, parent);

    public bool TryAllocateNext(ParentReference parent, [NotNullWhen(true)] out IPAddress? ip) => serviceCidrs.TryAllocateNext(family, out ip, parent);

    public bool Release(IPAddress ip) => serviceCidrs.Release(ip);

    public bool IsAllocated(IPAddress ip) => serviceCidrs.IsAllocated(ip);
}
