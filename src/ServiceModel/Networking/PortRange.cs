using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using ServiceModel.Internal;

namespace ServiceModel.Networking;

/// <summary>
/// A contiguous, inclusive range of ports such as the API server's <c>--service-node-port-range</c>
/// (default <c>30000-32767</c>).
/// </summary>
/// <remarks>
/// Text follows apimachinery's <c>ParsePortRange</c>: <c>"first-last"</c>, <c>"first+offset"</c>
/// (last = first + offset) or a single <c>"port"</c>; surrounding white space is trimmed and nothing
/// else is tolerated. Ports are 0-65535. Unlike upstream, empty text is rejected rather than read as
/// an unset range. The text form is always <c>"first-last"</c> (a single port prints <c>"a-a"</c>).
/// The default value is the empty range, which contains nothing and prints as an empty string,
/// as upstream's zero <c>PortRange</c> does.
/// </remarks>
public readonly struct PortRange : IEquatable<PortRange>, ISpanParsable<PortRange>, ISpanFormattable
{
    /// <summary>The highest port number.</summary>
    public const int MaxPort = 65535;

    private readonly int _first;
    private readonly int _size;

    /// <summary>Creates the range of <paramref name="size"/> ports starting at <paramref name="first"/>.</summary>
    /// <param name="first">The first port, 0-65535.</param>
    /// <param name="size">The number of ports, at least 1; the last port must not exceed 65535.</param>
    /// <exception cref="ArgumentOutOfRangeException">A bound is outside 0-65535 or <paramref name="size"/> is below 1.</exception>
    public PortRange(int first, int size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(first);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(first, MaxPort);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, MaxPort + 1 - first);
        _first = first;
        _size = size;
    }

    /// <summary>Kubernetes' default NodePort range, <c>30000-32767</c> (2,768 ports).</summary>
    public static PortRange Default { get; } = new(30000, 2768);

    /// <summary>The first port.</summary>
    public int First => _first;

    /// <summary>The last port (inclusive); <see cref="First"/> - 1 for the empty default value.</summary>
    public int Last => _first + _size - 1;

    /// <summary>The number of ports.</summary>
    public int Size => _size;

    /// <summary>Whether <paramref name="port"/> lies in the range.</summary>
    /// <param name="port">Any integer.</param>
    public bool Contains(int port) => port >= _first && port - _first < _size;

    /// <summary>Parses <c>"first-last"</c>, <c>"first+offset"</c> or <c>"port"</c>.</summary>
    /// <param name="s">The text.</param>
    /// <exception cref="ArgumentNullException"><paramref name="s"/> is null.</exception>
    /// <exception cref="FormatException">The text is not a valid port range; the message says why and what is allowed.</exception>
    public static PortRange Parse(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return Parse(s.AsSpan());
    }

    /// <summary>Parses <c>"first-last"</c>, <c>"first+offset"</c> or <c>"port"</c>.</summary>
    /// <param name="s">The text.</param>
    /// <exception cref="FormatException">The text is not a valid port range.</exception>
    public static PortRange Parse(ReadOnlySpan<char> s)
    {
        var error = TryParseCore(s, out var result);
        return error is null ? result : throw new FormatException(
            $"'{GoText.Excerpt(s)}' is not a valid port range: {error}. Expected \"first-last\", \"first+offset\" or a single "
            + "\"port\" (e.g. \"30000-32767\", \"30000+2767\", \"30000\"), ports 0-65535, last not below first.");
    }

    /// <summary>Parses a port range; returns false (never throws) when the text is not valid.</summary>
    /// <param name="s">The text, or null.</param>
    /// <param name="result">The range, or the default value on failure.</param>
    public static bool TryParse([NotNullWhen(true)] string? s, out PortRange result)
        => TryParse(s.AsSpan(), out result) && s is not null;

    /// <summary>Parses a port range; returns false (never throws) when the text is not valid.</summary>
    /// <param name="s">The text.</param>
    /// <param name="result">The range, or the default value on failure.</param>
    public static bool TryParse(ReadOnlySpan<char> s, out PortRange result) => TryParseCore(s, out result) is null;

    /// <inheritdoc cref="Parse(string)"/>
    /// <param name="s">The text.</param>
    /// <param name="provider">Ignored: the format is culture-independent.</param>
    public static PortRange Parse(string s, IFormatProvider? provider) => Parse(s);

    /// <inheritdoc cref="Parse(ReadOnlySpan{char})"/>
    /// <param name="s">The text.</param>
    /// <param name="provider">Ignored: the format is culture-independent.</param>
    public static PortRange Parse(ReadOnlySpan<char> s, IFormatProvider? provider) => Parse(s);

    /// <inheritdoc cref="TryParse(string, out PortRange)"/>
    /// <param name="s">The text, or null.</param>
    /// <param name="provider">Ignored: the format is culture-independent.</param>
    /// <param name="result">The range, or the default value on failure.</param>
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out PortRange result)
        => TryParse(s, out result);

    /// <inheritdoc cref="TryParse(ReadOnlySpan{char}, out PortRange)"/>
    /// <param name="s">The text.</param>
    /// <param name="provider">Ignored: the format is culture-independent.</param>
    /// <param name="result">The range, or the default value on failure.</param>
    public static bool TryParse(ReadOnlySpan<char> s, IFormatProvider? provider, out PortRange result)
        => TryParse(s, out result);

    /// <summary>Returns null on success, otherwise what is wrong (Kubernetes' wording where it has one).</summary>
    private static string? TryParseCore(ReadOnlySpan<char> s, out PortRange result)
    {
        result = default;
        s = s.Trim();
        if (s.IsEmpty)
        {
            return "the text is empty";
        }

        // Upstream decides the notation by which separators occur anywhere in the text, so "1-2+3"
        // is neither notation, and each side is read like Go's strconv.Atoi (optional sign).
        var hyphen = s.IndexOf('-');
        var plus = s.IndexOf('+');
        long low;
        long high;
        if (hyphen >= 0 && plus >= 0)
        {
            return "unable to parse port range";
        }
        else if (hyphen >= 0)
        {
            if (!TryParseAtoi(s[..hyphen], out low) || !TryParseAtoi(s[(hyphen + 1)..], out high))
            {
                return "a bound is not a number";
            }
        }
        else if (plus >= 0)
        {
            if (!TryParseAtoi(s[..plus], out low) || !TryParseAtoi(s[(plus + 1)..], out var offset))
            {
                return "a bound is not a number";
            }

            high = low + offset;
        }
        else
        {
            if (!TryParseAtoi(s, out low))
            {
                return "the port is not a number";
            }

            high = low;
        }

        if (low > MaxPort || high > MaxPort)
        {
            return "the port range cannot be greater than 65535";
        }

        if (high < low)
        {
            return "end port cannot be less than start port";
        }

        result = new PortRange((int)low, (int)(high - low + 1));
        return null;
    }

    private static bool TryParseAtoi(ReadOnlySpan<char> s, out long value)
    {
        // Go's Atoi takes ASCII digits after an optional sign; .NET would also take white space.
        var digits = s.Length > 0 && s[0] is '+' or '-' ? s[1..] : s;
        value = 0;
        if (digits.IsEmpty || digits.ContainsAnyExceptInRange('0', '9'))
        {
            return false;
        }

        return long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>The text form <c>"first-last"</c>, e.g. <c>"30000-32767"</c>; empty for the default value.</summary>
    public override string ToString() => _size == 0 ? string.Empty : $"{_first}-{Last}";

    /// <summary>The text form; <paramref name="format"/> and <paramref name="formatProvider"/> are ignored.</summary>
    /// <param name="format">Ignored.</param>
    /// <param name="formatProvider">Ignored.</param>
    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();

    /// <summary>Writes the text form into <paramref name="destination"/>.</summary>
    /// <param name="destination">The buffer.</param>
    /// <param name="charsWritten">Characters written.</param>
    /// <param name="format">Ignored.</param>
    /// <param name="provider">Ignored.</param>
    /// <returns>False when the buffer is too small.</returns>
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
    {
        if (_size == 0)
        {
            charsWritten = 0;
            return true;
        }

        return destination.TryWrite(CultureInfo.InvariantCulture, $"{_first}-{Last}", out charsWritten);
    }

    /// <summary>Value equality: same first port and size.</summary>
    /// <param name="other">The other range.</param>
    public bool Equals(PortRange other) => _first == other._first && _size == other._size;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is PortRange other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_first, _size);

    /// <summary>Value equality.</summary>
    /// <param name="left">A range.</param>
    /// <param name="right">Another range.</param>
    public static bool operator ==(PortRange left, PortRange right) => left.Equals(right);

    /// <summary>Value inequality.</summary>
    /// <param name="left">A range.</param>
    /// <param name="right">Another range.</param>
    public static bool operator !=(PortRange left, PortRange right) => !left.Equals(right);
}
