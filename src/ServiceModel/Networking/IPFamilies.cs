using System.Net;
using System.Net.Sockets;

namespace ServiceModel.Networking;

// The family of an address as Kubernetes decides it (Go's To4: an IPv4-mapped IPv6 address counts
// as IPv4). Here rather than in Internal's IP text reader, which must not depend on Networking.
internal static class IPFamilies
{
    public static IPFamily FamilyOf(IPAddress address)
        => address.AddressFamily == AddressFamily.InterNetwork || address.IsIPv4MappedToIPv6 ? IPFamily.IPv4 : IPFamily.IPv6;
}
