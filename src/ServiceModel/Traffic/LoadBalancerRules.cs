using System.Buffers.Binary;
using System.Net;
using ServiceModel.Internal;
using ServiceModel.Networking;
using ServiceModel.Services;

namespace ServiceModel.Traffic;

/// <summary>What kube-proxy's firewall chain decides for a connection to a load balancer IP.</summary>
internal enum SourceRangeVerdict
{
    /// <summary>No range of the connection's family, or one of them covers everything: no firewall chain.</summary>
    NoFilter,

    /// <summary>The client's address is inside a range.</summary>
    Allowed,

    /// <summary>The client's address is outside every range: the packet is dropped.</summary>
    Denied,

    /// <summary>Ranges apply but the request names no client, so nothing could be checked.</summary>
    Unchecked,
}

// How kube-proxy treats a load balancer ingress: it installs rules only for ingress IPs of the
// connection's family in VIP mode (ipMode VIP, or unset), and filters traffic to them by
// spec.loadBalancerSourceRanges of that family (the annotation form is not read). Everything here
// reads the Service directly and allocates nothing unless a client address must be parsed, so
// one-off and prepared routing share it unchanged.
internal static class LoadBalancerRules
{
    public const string VipMode = "VIP";

    /// <summary>True when some ingress IP of <paramref name="family"/> is in VIP mode, so kube-proxy has rules for it.</summary>
    public static bool HasVirtualIP(Service service, IPFamily family)
    {
        foreach (var ingress in service.Status.LoadBalancer.Ingress)
        {
            if (ingress?.IP is { Length: > 0 } ip
                && (ingress.IPMode is null || string.Equals(ingress.IPMode, VipMode, StringComparison.Ordinal))
                && IPText.TryParse(ip.AsSpan(), IPTextRule.LegacyField, out _, out var isIPv6)
                && isIPv6 == (family == IPFamily.IPv6))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Checks <paramref name="clientIP"/> against the Service's source ranges of <paramref name="family"/>.</summary>
    public static SourceRangeVerdict Check(ServiceSpec spec, IPFamily family, string? clientIP)
    {
        var wantIPv6 = family == IPFamily.IPv6;
        var any = false;
        foreach (var text in spec.LoadBalancerSourceRanges)
        {
            if (TryRange(text, wantIPv6, out _, out var prefix))
            {
                if (prefix == 0)
                {
                    // kube-proxy reads a zero-length prefix as "allow any" and drops the whole list.
                    return SourceRangeVerdict.NoFilter;
                }

                any = true;
            }
        }

        if (!any)
        {
            return SourceRangeVerdict.NoFilter;
        }

        if (clientIP is null)
        {
            return SourceRangeVerdict.Unchecked;
        }

        if (!TryClient(clientIP, out var client, out var clientIsIPv6) || clientIsIPv6 != wantIPv6)
        {
            return SourceRangeVerdict.Denied;
        }

        var bits = wantIPv6 ? 128 : 32;
        foreach (var text in spec.LoadBalancerSourceRanges)
        {
            if (TryRange(text, wantIPv6, out var network, out var prefix)
                && (client >> (bits - prefix)) == (network >> (bits - prefix)))
            {
                return SourceRangeVerdict.Allowed;
            }
        }

        return SourceRangeVerdict.Denied;
    }

    /// <summary>The ranges of <paramref name="family"/> as written (trimmed), for messages.</summary>
    public static string ListRanges(ServiceSpec spec, IPFamily family)
        => string.Join(", ", spec.LoadBalancerSourceRanges.Where(r => TryRange(r, family == IPFamily.IPv6, out _, out _)).Select(r => r.Trim()));

    // Ranges are read as validation reads them (padding trimmed, legacy spelling); one that does not
    // parse is skipped, as kube-proxy skips it.
    private static bool TryRange(string? text, bool wantIPv6, out UInt128 network, out int prefix)
    {
        network = UInt128.Zero;
        prefix = 0;
        return text is not null
            && IPText.TryParseCidr(text.AsSpan().Trim(), IPTextRule.LegacyField, out network, out var isIPv6, out prefix) == CidrTextError.None
            && isIPv6 == wantIPv6;
    }

    private static bool TryClient(string text, out UInt128 value, out bool isIPv6)
    {
        if (IPText.TryParse(text.AsSpan(), IPTextRule.LegacyField, out value, out isIPv6))
        {
            return true;
        }

        // The request accepts any text IPAddress reads; fall back to it for forms IPText refuses.
        if (!IPAddress.TryParse(text, out var address))
        {
            return false;
        }

        address = IPText.AsComparable(address);
        isIPv6 = IPFamilies.FamilyOf(address) == IPFamily.IPv6;
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out var written);
        value = written == 4 ? BinaryPrimitives.ReadUInt32BigEndian(bytes) : BinaryPrimitives.ReadUInt128BigEndian(bytes);
        return true;
    }
}
