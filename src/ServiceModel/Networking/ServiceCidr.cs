using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;
using ServiceModel.Internal;

namespace ServiceModel.Networking;

/// <summary>
/// A Service ClusterIP range such as <c>10.96.0.0/12</c> or <c>fd00:10:96::/108</c>
/// (the API server's <c>--service-cluster-ip-range</c>), with the address arithmetic of
/// Kubernetes' classic bitmap allocator.
/// </summary>
/// <remarks>
/// <para>
/// The allocatable addresses exclude the network address (both families) and the IPv4 broadcast
/// address, and an IPv6 range counts at most 65,536 addresses before the network address is
/// removed (so at most 65,535 are allocatable). Ranges of 2^31 or more IPv4 addresses (<c>/0</c>,
/// <c>/1</c>) and 2^127 or more IPv6 addresses (<c>/0</c>, <c>/1</c>) have no allocatable address,
/// as upstream's range size computation gives 0 for them. A <c>/32</c> and a <c>/31</c> IPv4 range
/// and a <c>/128</c> IPv6 range have none either. Offset 0 is the address after the network
/// address.
/// </para>
/// <para>
/// Text rule for host bits: the text must name the network address itself. <c>"10.0.0.1/24"</c> is
/// rejected with a <see cref="FormatException"/> naming the network (<c>10.0.0.0/24</c>); Kubernetes'
/// flag parsing would silently mask it, we refuse because it is almost always a typo.
/// IPv4 addresses must be dotted quads of decimal octets without leading zeros; IPv6 addresses may
/// not carry a zone (<c>%eth0</c>); the prefix length is decimal without leading zeros.
/// </para>
/// <para>The default value is <c>0.0.0.0/0</c>, which has no allocatable address.</para>
/// </remarks>
public readonly struct ServiceCidr : IEquatable<ServiceCidr>, ISpanParsable<ServiceCidr>, ISpanFormattable
{
    /// <summary>The most addresses an IPv6 range counts (before the network address is removed).</summary>
    private const long IPv6RangeCap = 65536;

    private readonly UInt128 _network;
    private readonly byte _prefixLength;
    private readonly bool _isIPv6;

    private ServiceCidr(UInt128 network, int prefixLength, bool isIPv6)
    {
        _network = network;
        _prefixLength = (byte)prefixLength;
        _isIPv6 = isIPv6;
    }

    /// <summary>Creates a range from its network address and prefix length.</summary>
    /// <param name="networkAddress">The network address; its host bits must be zero.</param>
    /// <param name="prefixLength">0-32 for IPv4, 0-128 for IPv6.</param>
    /// <exception cref="ArgumentNullException"><paramref name="networkAddress"/> is null.</exception>
    /// <exception cref="ArgumentException">The address is neither IPv4 nor IPv6, has a zone, or has host bits set.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="prefixLength"/> is outside the family's range.</exception>
    public ServiceCidr(IPAddress networkAddress, int prefixLength)
    {
        ArgumentNullException.ThrowIfNull(networkAddress);
        if (!TryToInteger(networkAddress, out var value, out var isIPv6))
        {
            throw new ArgumentException(
                $"'{networkAddress}' is not an IPv4 or IPv6 address without zone; a service CIDR needs one.",
                nameof(networkAddress));
        }

        var bits = isIPv6 ? 128 : 32;
        ArgumentOutOfRangeException.ThrowIfNegative(prefixLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(prefixLength, bits);
        if ((value & HostMask(bits, prefixLength)) != UInt128.Zero)
        {
            var masked = new ServiceCidr(value & ~HostMask(bits, prefixLength), prefixLength, isIPv6);
            throw new ArgumentException(
                $"'{networkAddress}/{prefixLength}' has host bits set; the network address is {masked}.",
                nameof(networkAddress));
        }

        _network = value;
        _prefixLength = (byte)prefixLength;
        _isIPv6 = isIPv6;
    }

    /// <summary>The IP family of the range.</summary>
    public IPFamily Family => _isIPv6 ? IPFamily.IPv6 : IPFamily.IPv4;

    /// <summary>The network address (the first address of the CIDR, never allocated). A new instance per call.</summary>
    public IPAddress NetworkAddress => ToAddress(_network);

    /// <summary>The prefix length: 0-32 for IPv4, 0-128 for IPv6.</summary>
    public int PrefixLength => _prefixLength;

    /// <summary>
    /// The number of addresses the allocator may hand out, after Kubernetes' exclusions (network
    /// address; IPv4 broadcast) and the IPv6 cap of 65,536 counted addresses. Never negative.
    /// </summary>
    public long Size
    {
        get
        {
            var counted = CountedSize;
            var excluded = _isIPv6 ? 1 : 2;
            return Math.Max(0, counted - excluded);
        }
    }

    /// <summary>
    /// Upstream's range size before exclusions: 2^(host bits), 0 for ranges of 2^31 (IPv4) or 2^127
    /// (IPv6) addresses and more, and capped at 65,536 for IPv6. The allocator's static band
    /// is computed from it.
    /// </summary>
    internal long CountedSize
    {
        get
        {
            var hostBits = HostBits;
            if (hostBits >= (_isIPv6 ? 127 : 31))
            {
                return 0;
            }

            return _isIPv6 && hostBits >= 16 ? IPv6RangeCap : 1L << hostBits;
        }
    }

    private int HostBits => (_isIPv6 ? 128 : 32) - _prefixLength;

    /// <summary>The first allocatable address (offset 0) as an integer: the network address plus one.</summary>
    internal UInt128 Base => _network + UInt128.One;

    /// <summary>Whether <paramref name="address"/> is one of the <see cref="Size"/> addresses the allocator may hand out.</summary>
    /// <param name="address">The address; an address of the other family (or null) is never contained.</param>
    public bool Contains(IPAddress? address) => OffsetOf(address) >= 0;

    /// <summary>The allocatable address at <paramref name="offset"/> (0 is the address after the network address).</summary>
    /// <param name="offset">0 to <see cref="Size"/> - 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="offset"/> is negative or not below <see cref="Size"/>.</exception>
    public IPAddress AddressAt(long offset)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(offset, Size);
        return ToAddress(Base + (ulong)offset);
    }

    /// <summary>
    /// The offset of an allocatable address (the inverse of <see cref="AddressAt"/>), or -1 when
    /// <paramref name="address"/> is null, of the other family, outside the CIDR, or one of the
    /// excluded addresses.
    /// </summary>
    /// <param name="address">The address to locate.</param>
    public long OffsetOf(IPAddress? address)
    {
        if (address is null || !TryToInteger(address, out var value, out var isIPv6) || isIPv6 != _isIPv6)
        {
            return -1;
        }

        return OffsetOf(value);
    }

    /// <summary>The offset of the address <paramref name="value"/> (same family), or -1.</summary>
    internal long OffsetOf(UInt128 value)
    {
        if (value < Base)
        {
            return -1;
        }

        var difference = value - Base;
        var size = Size;
        return difference < (ulong)size ? (long)(ulong)difference : -1;
    }

    /// <summary>Converts an address to its integer value (IPv4 in the low 32 bits) without allocating.</summary>
    internal static bool TryToInteger(IPAddress address, out UInt128 value, out bool isIPv6)
    {
        Span<byte> bytes = stackalloc byte[16];
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            address.TryWriteBytes(bytes, out _);
            value = BinaryPrimitives.ReadUInt32BigEndian(bytes);
            isIPv6 = false;
            return true;
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6 && address.ScopeId == 0)
        {
            address.TryWriteBytes(bytes, out _);
            value = BinaryPrimitives.ReadUInt128BigEndian(bytes);
            isIPv6 = true;
            return true;
        }

        value = UInt128.Zero;
        isIPv6 = false;
        return false;
    }

    /// <summary>Converts an integer value of this range's family to an address.</summary>
    internal IPAddress ToAddress(UInt128 value) => IPText.ToAddress(value, _isIPv6);

    private static UInt128 HostMask(int bits, int prefixLength)
    {
        var hostBits = bits - prefixLength;
        return hostBits == 128 ? UInt128.MaxValue : (UInt128.One << hostBits) - UInt128.One;
    }

    /// <summary>Parses a CIDR such as <c>"10.96.0.0/12"</c> or <c>"fd00::/108"</c>.</summary>
    /// <param name="s">The text; see the type remarks for the accepted form.</param>
    /// <exception cref="ArgumentNullException"><paramref name="s"/> is null.</exception>
    /// <exception cref="FormatException">The text is not a valid CIDR; the message says why and what is allowed.</exception>
    public static ServiceCidr Parse(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return Parse(s.AsSpan());
    }

    /// <summary>Parses a CIDR such as <c>"10.96.0.0/12"</c>.</summary>
    /// <param name="s">The text.</param>
    /// <exception cref="FormatException">The text is not a valid CIDR.</exception>
    public static ServiceCidr Parse(ReadOnlySpan<char> s)
    {
        var error = TryParseCore(s, out var result, out var hostBitsSet);
        return error == CidrTextError.None && !hostBitsSet ? result : throw new FormatException(Describe(error, s, result));
    }

    /// <summary>Parses a CIDR; returns false (never throws) when the text is not valid.</summary>
    /// <param name="s">The text, or null.</param>
    /// <param name="result">The range, or the default value on failure.</param>
    public static bool TryParse([NotNullWhen(true)] string? s, out ServiceCidr result)
        => TryParse(s.AsSpan(), out result) && s is not null;

    /// <summary>Parses a CIDR; returns false (never throws) when the text is not valid.</summary>
    /// <param name="s">The text.</param>
    /// <param name="result">The range, or the default value on failure.</param>
    public static bool TryParse(ReadOnlySpan<char> s, out ServiceCidr result)
    {
        if (TryParseCore(s, out result, out var hostBitsSet) == CidrTextError.None && !hostBitsSet)
        {
            return true;
        }

        result = default;
        return false;
    }

    /// <inheritdoc cref="Parse(string)"/>
    /// <param name="s">The text.</param>
    /// <param name="provider">Ignored: the format is culture-independent.</param>
    public static ServiceCidr Parse(string s, IFormatProvider? provider) => Parse(s);

    /// <inheritdoc cref="Parse(ReadOnlySpan{char})"/>
    /// <param name="s">The text.</param>
    /// <param name="provider">Ignored: the format is culture-independent.</param>
    public static ServiceCidr Parse(ReadOnlySpan<char> s, IFormatProvider? provider) => Parse(s);

    /// <inheritdoc cref="TryParse(string, out ServiceCidr)"/>
    /// <param name="s">The text, or null.</param>
    /// <param name="provider">Ignored: the format is culture-independent.</param>
    /// <param name="result">The range, or the default value on failure.</param>
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out ServiceCidr result)
        => TryParse(s, out result);

    /// <inheritdoc cref="TryParse(ReadOnlySpan{char}, out ServiceCidr)"/>
    /// <param name="s">The text.</param>
    /// <param name="provider">Ignored: the format is culture-independent.</param>
    /// <param name="result">The range, or the default value on failure.</param>
    public static bool TryParse(ReadOnlySpan<char> s, IFormatProvider? provider, out ServiceCidr result)
        => TryParse(s, out result);

    private static CidrTextError TryParseCore(ReadOnlySpan<char> s, out ServiceCidr result, out bool hostBitsSet)
    {
        result = default;
        hostBitsSet = false;
        var error = IPText.TryParseCidr(s, IPTextRule.Strict, out var value, out var isIPv6, out var prefixLength);
        if (error != CidrTextError.None)
        {
            return error;
        }

        var hostMask = HostMask(isIPv6 ? 128 : 32, prefixLength);
        result = new ServiceCidr(value & ~hostMask, prefixLength, isIPv6);
        hostBitsSet = (value & hostMask) != UInt128.Zero;
        return CidrTextError.None;
    }

    private static string Describe(CidrTextError error, ReadOnlySpan<char> s, ServiceCidr masked)
    {
        const string Allowed = "Expected a CIDR such as \"10.96.0.0/12\" or \"fd00:10:96::/108\": "
            + "a dotted-quad IPv4 address (decimal octets without leading zeros) or an IPv6 address "
            + "without zone or brackets, '/', and a prefix length of 0-32 (IPv4) or 0-128 (IPv6) naming the network address.";
        var slash = s.IndexOf('/');
        var what = error switch
        {
            CidrTextError.Empty => "the text is empty",
            CidrTextError.NoSlash => "there is no '/' and prefix length",
            CidrTextError.BadAddress => $"'{GoText.Excerpt(s[..slash])}' is not a valid IP address",
            CidrTextError.BadPrefix => $"the prefix length '{GoText.Excerpt(s[(slash + 1)..])}' is not a decimal number without leading zeros",
            CidrTextError.PrefixTooLong => $"the prefix length is longer than the address ({(s.Contains(':') ? 128 : 32)} bits)",
            _ => $"the address has host bits set; the network address is {masked}",
        };
        return $"'{GoText.Excerpt(s)}' is not a valid service CIDR: {what}. {Allowed}";
    }

    /// <summary>The canonical text, e.g. <c>"10.96.0.0/12"</c> or <c>"fd00::/108"</c> (IPv6 in RFC 5952 form as Go prints it: no dotted quad).</summary>
    public override string ToString() => $"{IPText.Format(NetworkAddress)}/{_prefixLength}";

    /// <summary>The canonical text; <paramref name="format"/> and <paramref name="formatProvider"/> are ignored.</summary>
    /// <param name="format">Ignored.</param>
    /// <param name="formatProvider">Ignored.</param>
    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();

    /// <summary>Writes the canonical text into <paramref name="destination"/>.</summary>
    /// <param name="destination">The buffer.</param>
    /// <param name="charsWritten">Characters written, 0 when the buffer is too small.</param>
    /// <param name="format">Ignored.</param>
    /// <param name="provider">Ignored.</param>
    /// <returns>False when the buffer is too small.</returns>
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
    {
        if (IPText.TryFormat(NetworkAddress, destination, out var written)
            && destination[written..].TryWrite($"/{_prefixLength}", out var tail))
        {
            charsWritten = written + tail;
            return true;
        }

        charsWritten = 0;
        return false;
    }

    /// <summary>Value equality: same family, network address and prefix length.</summary>
    /// <param name="other">The other range.</param>
    public bool Equals(ServiceCidr other)
        => _network == other._network && _prefixLength == other._prefixLength && _isIPv6 == other._isIPv6;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is ServiceCidr other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_network, _prefixLength, _isIPv6);

    /// <summary>Value equality.</summary>
    /// <param name="left">A range.</param>
    /// <param name="right">Another range.</param>
    public static bool operator ==(ServiceCidr left, ServiceCidr right) => left.Equals(right);

    /// <summary>Value inequality.</summary>
    /// <param name="left">A range.</param>
    /// <param name="right">Another range.</param>
    public static bool operator !=(ServiceCidr left, ServiceCidr right) => !left.Equals(right);
}
