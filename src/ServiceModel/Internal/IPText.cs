using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using ServiceModel.Networking;

namespace ServiceModel.Internal;

// IP and CIDR text as Kubernetes' netutils.ParseIPSloppy / ParseCIDRSloppy accept it: dotted-quad
// IPv4 (leading zeros allowed and read as decimal) or IPv6 without zone or brackets. IPAddress.Parse
// alone is too lenient ("1" or "0x7f.1" would pass), hence the hand-written IPv4 path.
internal static class IPText
{
    public static bool TryParse(string? text, [NotNullWhen(true)] out IPAddress? address)
    {
        address = null;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        if (text.Contains(':', StringComparison.Ordinal))
        {
            if (text.AsSpan().IndexOfAny("%[]/ ") >= 0
                || !IPAddress.TryParse(text, out var v6)
                || v6.AddressFamily != AddressFamily.InterNetworkV6)
            {
                return false;
            }

            address = v6;
            return true;
        }

        Span<byte> bytes = stackalloc byte[4];
        var parts = text.Split('.');
        if (parts.Length != 4)
        {
            return false;
        }

        for (var i = 0; i < 4; i++)
        {
            var part = parts[i];
            if (part.Length is 0 or > 3 || !part.All(char.IsAsciiDigit))
            {
                return false;
            }

            var value = int.Parse(part, NumberStyles.None, CultureInfo.InvariantCulture);
            if (value > 255)
            {
                return false;
            }

            bytes[i] = (byte)value;
        }

        address = new IPAddress(bytes);
        return true;
    }

    public static bool IsValidCidr(string text)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || !TryParse(text[..slash], out var address))
        {
            return false;
        }

        var prefix = text[(slash + 1)..];
        if (prefix.Length is 0 or > 3 || !prefix.All(char.IsAsciiDigit))
        {
            return false;
        }

        var bits = int.Parse(prefix, NumberStyles.None, CultureInfo.InvariantCulture);
        return bits <= (address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128);
    }

    // Like Go, an IPv4-mapped IPv6 address counts as IPv4.
    public static IPFamily FamilyOf(IPAddress address)
        => address.AddressFamily == AddressFamily.InterNetwork || address.IsIPv4MappedToIPv6 ? IPFamily.IPv4 : IPFamily.IPv6;

    public static IPAddress AsComparable(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
