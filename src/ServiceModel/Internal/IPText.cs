using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;

namespace ServiceModel.Internal;

/// <summary>Which spelling of an IP address a reader accepts.</summary>
internal enum IPTextRule
{
    /// <summary>
    /// Today's Go reading (<c>netip.ParseAddr</c>): IPv4 octets without leading zeros. What
    /// <c>ServiceCidr</c> accepts.
    /// </summary>
    Strict,

    /// <summary>
    /// The Service fields' legacy reading (<c>netutils.ParseIPSloppy</c>, which v1.35 still applies to
    /// <c>spec.clusterIP(s)</c>, <c>externalIPs</c>, <c>loadBalancerIP</c>, pod and endpoint IPs while the
    /// StrictIPCIDRValidation gate is off by default): IPv4 octets may carry any number of leading
    /// zeros and are read as decimal (<c>"010.001.2.3"</c> is 10.1.2.3).
    /// </summary>
    LegacyField,
}

/// <summary>Why CIDR text was refused.</summary>
internal enum CidrTextError
{
    None,
    Empty,
    NoSlash,
    BadAddress,
    BadPrefix,
    PrefixTooLong,
}

// The library's one reader of IP and CIDR text. IPv4 is read by hand because IPAddress.Parse
// accepts forms Kubernetes refuses ("1", "0x7f.1", octal octets); IPv6 goes to IPAddress once the
// text is known to hold nothing but hex digits, ':' and '.', so zones, brackets, ports and spaces
// never reach it.
internal static class IPText
{
    // "ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255": no IPv6 spelling Kubernetes accepts is longer.
    private const int MaxIPv6Length = 45;

    private static readonly SearchValues<char> s_ipv6Chars = SearchValues.Create("0123456789abcdefABCDEF:.");

    /// <summary>Reads an address as the Service fields do (<see cref="IPTextRule.LegacyField"/>).</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out IPAddress? address)
    {
        if (text is null || !TryParse(text.AsSpan(), IPTextRule.LegacyField, out var value, out var isIPv6))
        {
            address = null;
            return false;
        }

        address = ToAddress(value, isIPv6);
        return true;
    }

    /// <summary>Reads an address under <paramref name="rule"/> as an integer (IPv4 in the low 32 bits).</summary>
    public static bool TryParse(ReadOnlySpan<char> text, IPTextRule rule, out UInt128 value, out bool isIPv6)
    {
        value = UInt128.Zero;
        isIPv6 = text.Contains(':');
        if (!isIPv6)
        {
            var ok = TryParseIPv4(text, rule, out var v4);
            value = v4;
            return ok;
        }

        if (text.Length > MaxIPv6Length || text.ContainsAnyExcept(s_ipv6Chars)
            || !IPAddress.TryParse(text, out var v6) || v6.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[16];
        v6.TryWriteBytes(bytes, out _);
        value = BinaryPrimitives.ReadUInt128BigEndian(bytes);
        return true;
    }

    /// <summary>
    /// Reads <c>address/prefix</c> under <paramref name="rule"/>; host bits are not checked here.
    /// Under <see cref="IPTextRule.LegacyField"/> the prefix length may carry leading zeros as well.
    /// </summary>
    public static CidrTextError TryParseCidr(
        ReadOnlySpan<char> text, IPTextRule rule, out UInt128 address, out bool isIPv6, out int prefixLength)
    {
        address = UInt128.Zero;
        isIPv6 = false;
        prefixLength = 0;
        if (text.IsEmpty)
        {
            return CidrTextError.Empty;
        }

        var slash = text.IndexOf('/');
        if (slash < 0)
        {
            return CidrTextError.NoSlash;
        }

        if (!TryParse(text[..slash], rule, out address, out isIPv6))
        {
            return CidrTextError.BadAddress;
        }

        if (!TryParseDecimal(text[(slash + 1)..], rule, out prefixLength))
        {
            return CidrTextError.BadPrefix;
        }

        return prefixLength > (isIPv6 ? 128 : 32) ? CidrTextError.PrefixTooLong : CidrTextError.None;
    }

    /// <summary>Whether <paramref name="text"/> is a CIDR as the Service fields read it (<c>ParseCIDRSloppy</c>); host bits may be set.</summary>
    public static bool IsValidCidr(string text) => TryParseCidr(text, IPTextRule.LegacyField, out _, out _, out _) == CidrTextError.None;

    public static IPAddress AsComparable(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    /// <summary>The address of an integer value (IPv4 in the low 32 bits).</summary>
    public static IPAddress ToAddress(UInt128 value, bool isIPv6)
    {
        if (isIPv6)
        {
            Span<byte> bytes = stackalloc byte[16];
            BinaryPrimitives.WriteUInt128BigEndian(bytes, value);
            return new IPAddress(bytes);
        }

        Span<byte> v4 = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(v4, (uint)value);
        return new IPAddress(v4);
    }

    /// <summary>
    /// The text Go prints for an address (<c>netip.Addr.String</c>): IPv4 dotted, an IPv4-mapped
    /// IPv6 address as <c>::ffff:a.b.c.d</c>, other IPv6 in RFC 5952 form without dotted quads
    /// (<c>::102:304</c>, where <see cref="IPAddress.ToString"/> prints <c>::1.2.3.4</c>).
    /// </summary>
    public static string Format(IPAddress address)
    {
        Span<char> buffer = stackalloc char[MaxIPv6Length];
        return TryFormat(address, buffer, out var written) ? buffer[..written].ToString() : address.ToString();
    }

    /// <summary>Writes <see cref="Format(IPAddress)"/>'s text into <paramref name="destination"/>; false when it does not fit.</summary>
    public static bool TryFormat(IPAddress address, Span<char> destination, out int charsWritten)
    {
        charsWritten = 0;
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.TryFormat(destination, out charsWritten);
        }

        Span<byte> bytes = stackalloc byte[16];
        Span<char> buffer = stackalloc char[MaxIPv6Length];
        address.TryWriteBytes(bytes, out _);
        var value = BinaryPrimitives.ReadUInt128BigEndian(bytes);
        int written;
        if ((value >> 32) == 0xFFFF)
        {
            "::ffff:".AsSpan().CopyTo(buffer);
            written = 7 + WriteIPv4(buffer[7..], (uint)value);
        }
        else
        {
            written = WriteIPv6(buffer, value);
        }

        if (written > destination.Length)
        {
            return false;
        }

        buffer[..written].CopyTo(destination);
        charsWritten = written;
        return true;
    }

    /// <summary>
    /// The text Go's <c>ParseIPSloppy(text).String()</c> produces, which is how the endpoint
    /// controllers write pod IPs since v1.33: IPv4 without leading zeros, an IPv4-mapped IPv6
    /// address as plain IPv4, other IPv6 in lowercase RFC 5952 form without dotted quads. Returns
    /// <paramref name="text"/> itself when it is already canonical or cannot be read at all (the API
    /// validates pod IPs, so the second case is a hand-made model value kept as written).
    /// </summary>
    public static string ToCanonical(string text)
    {
        if (!TryParse(text.AsSpan(), IPTextRule.LegacyField, out var value, out var isIPv6))
        {
            return text;
        }

        Span<char> buffer = stackalloc char[MaxIPv6Length];
        int written;
        if (!isIPv6 || (value >> 32) == 0xFFFF)
        {
            if (!isIPv6 && TryParse(text.AsSpan(), IPTextRule.Strict, out _, out _))
            {
                return text;
            }

            written = WriteIPv4(buffer, (uint)value);
        }
        else
        {
            written = WriteIPv6(buffer, value);
        }

        var canonical = buffer[..written];
        return canonical.SequenceEqual(text.AsSpan()) ? text : canonical.ToString();
    }

    private static int WriteIPv4(Span<char> destination, uint value)
    {
        var length = 0;
        for (var shift = 24; shift >= 0; shift -= 8)
        {
            if (shift != 24)
            {
                destination[length++] = '.';
            }

            ((value >> shift) & 0xFF).TryFormat(destination[length..], out var n, provider: System.Globalization.CultureInfo.InvariantCulture);
            length += n;
        }

        return length;
    }

    // RFC 5952 as Go prints it: the longest run of two or more zero groups (the first of equal
    // runs) becomes "::"; groups in lowercase hex without leading zeros.
    private static int WriteIPv6(Span<char> destination, UInt128 value)
    {
        Span<ushort> groups = stackalloc ushort[8];
        for (var i = 0; i < 8; i++)
        {
            groups[i] = (ushort)(value >> (112 - (16 * i)));
        }

        int bestStart = -1, bestLength = 0;
        for (var i = 0; i < 8;)
        {
            var j = i;
            while (j < 8 && groups[j] == 0)
            {
                j++;
            }

            if (j - i > bestLength)
            {
                bestStart = i;
                bestLength = j - i;
            }

            i = j == i ? i + 1 : j;
        }

        if (bestLength < 2)
        {
            bestStart = -1;
        }

        var length = 0;
        for (var i = 0; i < 8; i++)
        {
            if (i == bestStart)
            {
                destination[length++] = ':';
                destination[length++] = ':';
                i += bestLength - 1;
                continue;
            }

            if (i > 0 && i != bestStart + bestLength)
            {
                destination[length++] = ':';
            }

            groups[i].TryFormat(destination[length..], out var n, "x", System.Globalization.CultureInfo.InvariantCulture);
            length += n;
        }

        return length;
    }

    private static bool TryParseIPv4(ReadOnlySpan<char> s, IPTextRule rule, out uint value)
    {
        value = 0;
        for (var octet = 0; octet < 4; octet++)
        {
            if (octet > 0)
            {
                if (s.IsEmpty || s[0] != '.')
                {
                    return false;
                }

                s = s[1..];
            }

            var length = s.IndexOfAnyExceptInRange('0', '9');
            if (length < 0)
            {
                length = s.Length;
            }

            if (!TryParseDecimal(s[..length], rule, out var part) || part > 255)
            {
                return false;
            }

            value = (value << 8) | (uint)part;
            s = s[length..];
        }

        return s.IsEmpty;
    }

    // Decimal digits only, no sign, value below 1000. Strict: no leading zero except "0" itself;
    // legacy: any number of leading zeros (Go's old dtoi).
    private static bool TryParseDecimal(ReadOnlySpan<char> s, IPTextRule rule, out int value)
    {
        value = 0;
        if (s.IsEmpty || s.ContainsAnyExceptInRange('0', '9'))
        {
            return false;
        }

        if (s.Length > 1 && s[0] == '0')
        {
            if (rule == IPTextRule.Strict)
            {
                return false;
            }

            s = s.TrimStart('0');
        }

        if (s.Length > 3)
        {
            return false;
        }

        foreach (var c in s)
        {
            value = (value * 10) + (c - '0');
        }

        return true;
    }
}
