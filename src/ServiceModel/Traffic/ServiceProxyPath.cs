using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using ServiceModel.Labels;
using ServiceModel.Services;

namespace ServiceModel.Traffic;

/// <summary>
/// The API server path that proxies to a Service, as <c>kubectl proxy</c> and
/// <c>kubectl cluster-info</c> use it:
/// <c>/api/v1/namespaces/{namespace}/services/{[scheme:]name[:port]}/proxy{path}</c>.
/// </summary>
/// <remarks>
/// <para>
/// The <c>[scheme:]name[:port]</c> segment follows apimachinery's <c>SplitSchemeNamePort</c> and
/// <c>JoinSchemeNamePort</c>: the scheme is <c>http</c>, <c>https</c> or absent; the name is
/// required; with a scheme the port part is always written, even when empty
/// (<c>https:web:</c>); without a scheme an empty port is left out (<c>web</c>). The port is a
/// number (1-65535) or a port name.
/// </para>
/// <para>
/// Escaping: <see cref="Path"/> holds the unescaped path below the proxy subresource and always
/// starts with <c>'/'</c>. <see cref="ToString"/> percent-encodes (UTF-8, upper-case hex) every
/// character that RFC 3986 does not allow literally in a path segment, so <c>'%'</c>, <c>'?'</c>,
/// <c>'#'</c>, spaces and non-ASCII text come out escaped while <c>'/'</c>, <c>':'</c>, <c>'@'</c>
/// and the sub-delimiters stay as they are. Parsing decodes every escape (as the API server does
/// before routing), also in the namespace and <c>[scheme:]name[:port]</c> segments; a path that
/// ends at <c>/proxy</c> parses like <c>/proxy/</c> (the API server redirects a GET of the former to
/// the latter). Query strings are not part of the path: a literal <c>'?'</c> or <c>'#'</c> is rejected.
/// </para>
/// <para>
/// Namespace and service name must be lowercase RFC 1123 labels. Immutable and thread-safe;
/// equality compares every member.
/// </para>
/// </remarks>
public sealed record ServiceProxyPath : ISpanParsable<ServiceProxyPath>
{
    private const string ApiPrefix = "/api/v1/namespaces/";
    private const string ServicesSegment = "services";
    private const string ProxySegment = "proxy";
    private const string Expected = "expected /api/v1/namespaces/{namespace}/services/{[scheme:]name[:port]}/proxy/{path}";

    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Creates the proxy path of a service.</summary>
    /// <param name="namespace">The Service's namespace; a lowercase RFC 1123 label.</param>
    /// <param name="serviceName">The Service's name; a lowercase RFC 1123 label.</param>
    /// <param name="port">The port number or port name; <see langword="null"/> or empty (the default) for none.</param>
    /// <param name="scheme">The scheme; default <see cref="ServiceProxyScheme.Unspecified"/>.</param>
    /// <param name="path">The unescaped path below the proxy subresource; a missing leading <c>'/'</c> is added. Default <c>"/"</c>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="namespace"/> or <paramref name="serviceName"/> is null.</exception>
    /// <exception cref="ArgumentException">A part is not valid, or <paramref name="path"/> is not valid UTF-16 (a lone surrogate has no
    /// UTF-8 form, so it could not be escaped and read back); the message says which and what is allowed.</exception>
    public ServiceProxyPath(string @namespace, string serviceName, string? port = null, ServiceProxyScheme scheme = ServiceProxyScheme.Unspecified, string? path = "/")
    {
        ArgumentNullException.ThrowIfNull(@namespace, nameof(@namespace));
        ArgumentNullException.ThrowIfNull(serviceName);
        var error = ValidateParts(@namespace, serviceName, port ?? string.Empty, scheme) ?? ValidatePath(path);
        if (error is not null)
        {
            throw new ArgumentException(error);
        }

        Namespace = @namespace;
        ServiceName = serviceName;
        Port = port ?? string.Empty;
        Scheme = scheme;
        Path = NormalizePath(path);
    }

    /// <summary>The Service's namespace.</summary>
    public string Namespace { get; }

    /// <summary>The Service's name.</summary>
    public string ServiceName { get; }

    /// <summary>The port number or port name as written; empty when the path names no port.</summary>
    public string Port { get; }

    /// <summary>The scheme; <see cref="ServiceProxyScheme.Unspecified"/> when the path has none.</summary>
    public ServiceProxyScheme Scheme { get; }

    /// <summary>The unescaped path below the proxy subresource, starting with <c>'/'</c>.</summary>
    public string Path { get; }

    /// <summary>True when the path names a port.</summary>
    public bool HasPort => Port.Length > 0;

    /// <summary>The port number when <see cref="Port"/> is one; <see langword="null"/> for a port name or no port.</summary>
    public int? PortNumber => PortNameRules.TryParseNumber(Port, out var number) ? number : null;

    /// <summary>
    /// The <c>[scheme:]name[:port]</c> segment, built as apimachinery's <c>JoinSchemeNamePort</c>
    /// does: <c>web</c>, <c>web:http</c>, <c>https:web:443</c>, <c>https:web:</c>.
    /// </summary>
    public string ServiceSegment => Scheme switch
    {
        ServiceProxyScheme.Http => "http:" + ServiceName + ":" + Port,
        ServiceProxyScheme.Https => "https:" + ServiceName + ":" + Port,
        _ => Port.Length > 0 ? ServiceName + ":" + Port : ServiceName,
    };

    /// <summary>Creates the proxy path of <paramref name="service"/>.</summary>
    /// <param name="service">The Service; its namespace and name are used.</param>
    /// <param name="port">The port number or port name; <see langword="null"/> (the default) for none.</param>
    /// <param name="scheme">The scheme; default <see cref="ServiceProxyScheme.Unspecified"/>.</param>
    /// <param name="path">The unescaped path below the proxy subresource. Default <c>"/"</c>.</param>
    /// <returns>The proxy path.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="service"/> is null.</exception>
    /// <exception cref="ArgumentException">A part is not valid.</exception>
    public static ServiceProxyPath For(Service service, string? port = null, ServiceProxyScheme scheme = ServiceProxyScheme.Unspecified, string? path = "/")
    {
        ArgumentNullException.ThrowIfNull(service);
        return new ServiceProxyPath(service.Namespace, service.Name, port, scheme, path);
    }

    /// <summary>
    /// Parses a proxy path, or an absolute <c>http(s)://host</c> URL whose path is one.
    /// </summary>
    /// <param name="s">The text, e.g. <c>/api/v1/namespaces/kube-system/services/https:kube-dns:dns/proxy/</c>.</param>
    /// <returns>The parsed path.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="s"/> is null.</exception>
    /// <exception cref="FormatException">The text is not a service proxy path, or not valid UTF-16 (a lone surrogate);
    /// the message says why and what is allowed.</exception>
    public static ServiceProxyPath Parse(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return Parse(s.AsSpan());
    }

    /// <inheritdoc cref="Parse(string)"/>
    public static ServiceProxyPath Parse(ReadOnlySpan<char> s)
        => TryParseCore(s, out var result, out var error) ? result : throw new FormatException(error);

    /// <summary>Parses a proxy path; returns false (never throws) when the text is not one.</summary>
    /// <param name="s">The text.</param>
    /// <param name="result">The parsed path, or <see langword="null"/>.</param>
    /// <returns>True when the text is a valid service proxy path.</returns>
    public static bool TryParse([NotNullWhen(true)] string? s, [MaybeNullWhen(false)] out ServiceProxyPath result)
    {
        if (s is null)
        {
            result = null;
            return false;
        }

        return TryParseCore(s, out result, out _);
    }

    /// <inheritdoc cref="TryParse(string, out ServiceProxyPath)"/>
    public static bool TryParse(ReadOnlySpan<char> s, [MaybeNullWhen(false)] out ServiceProxyPath result)
        => TryParseCore(s, out result, out _);

    // The generic-parsing interfaces are served explicitly: the provider means nothing for a path,
    // so callers who name the type use the overloads above.
    static ServiceProxyPath IParsable<ServiceProxyPath>.Parse(string s, IFormatProvider? provider) => Parse(s);

    static ServiceProxyPath ISpanParsable<ServiceProxyPath>.Parse(ReadOnlySpan<char> s, IFormatProvider? provider) => Parse(s);

    static bool IParsable<ServiceProxyPath>.TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, [MaybeNullWhen(false)] out ServiceProxyPath result)
        => TryParse(s, out result);

    static bool ISpanParsable<ServiceProxyPath>.TryParse(ReadOnlySpan<char> s, IFormatProvider? provider, [MaybeNullWhen(false)] out ServiceProxyPath result)
        => TryParse(s, out result);

    /// <summary>
    /// Splits a <c>[scheme:]name[:port]</c> segment as apimachinery's <c>SplitSchemeNamePort</c> does:
    /// one to three <c>':'</c>-separated parts, a non-empty name, and a scheme of <c>http</c>, <c>https</c> or nothing.
    /// Only the shape is checked here, not whether the name or port are valid.
    /// </summary>
    /// <param name="segment">The segment, e.g. <c>https:web:443</c>.</param>
    /// <param name="scheme">The scheme.</param>
    /// <param name="name">The name.</param>
    /// <param name="port">The port text; empty when absent.</param>
    /// <returns>False for the shapes upstream rejects (more than three parts, empty name, other schemes).</returns>
    internal static bool TrySplitServiceSegment(ReadOnlySpan<char> segment, out ServiceProxyScheme scheme, out string name, out string port)
    {
        scheme = ServiceProxyScheme.Unspecified;
        name = string.Empty;
        port = string.Empty;
        Span<Range> parts = stackalloc Range[4];
        var count = segment.Split(parts, ':');
        ReadOnlySpan<char> schemeText = default, nameText, portText = default;
        switch (count)
        {
            case 1:
                nameText = segment[parts[0]];
                break;
            case 2:
                nameText = segment[parts[0]];
                portText = segment[parts[1]];
                break;
            case 3:
                schemeText = segment[parts[0]];
                nameText = segment[parts[1]];
                portText = segment[parts[2]];
                break;
            default:
                return false;
        }

        if (nameText.IsEmpty || !TryParseScheme(schemeText, out scheme))
        {
            scheme = ServiceProxyScheme.Unspecified;
            return false;
        }

        name = nameText.ToString();
        port = portText.ToString();
        return true;
    }

    /// <summary>
    /// Finds the Service port this path's port refers to, as the API server's service
    /// <c>ResourceLocation</c> does: a port number selects the declared port with that number
    /// (and from then on its name); a name or no port selects the port with that name (an
    /// unnamed port for no port).
    /// </summary>
    /// <param name="service">The Service the path names.</param>
    /// <returns>The matching port.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="service"/> is null.</exception>
    /// <exception cref="ArgumentException">The Service is not the one the path names, or it has no matching port:
    /// <c>no service port 8080 found for service "web"</c>, or
    /// <c>no endpoints available for service "web:metrics"</c> followed by why.</exception>
    public ServicePort ResolvePort(Service service)
        => TryResolvePortCore(service, out var port, out var error) ? port : throw new ArgumentException(error, nameof(service));

    /// <summary>Finds the Service port this path's port refers to; returns false (never throws) when there is none.</summary>
    /// <param name="service">The Service the path names.</param>
    /// <param name="port">The matching port, or <see langword="null"/>.</param>
    /// <returns>True when the Service is the one named and has the port.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="service"/> is null.</exception>
    public bool TryResolvePort(Service service, [NotNullWhen(true)] out ServicePort? port)
        => TryResolvePortCore(service, out port, out _);

    /// <summary>The escaped path, e.g. <c>/api/v1/namespaces/default/services/https:web:443/proxy/healthz</c>.</summary>
    /// <returns>The path text; <see cref="Parse(string)"/> reads it back to an equal value.</returns>
    public override string ToString()
    {
        var builder = new StringBuilder(ApiPrefix.Length + Namespace.Length + ServiceName.Length + Port.Length + Path.Length + 32);
        builder.Append(ApiPrefix).Append(Namespace).Append('/').Append(ServicesSegment).Append('/')
            .Append(ServiceSegment).Append('/').Append(ProxySegment);
        AppendEscaped(builder, Path);
        return builder.ToString();
    }

    private bool TryResolvePortCore(Service service, [NotNullWhen(true)] out ServicePort? port, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(service);
        port = null;
        if (!string.Equals(service.Namespace, Namespace, StringComparison.Ordinal) || !string.Equals(service.Name, ServiceName, StringComparison.Ordinal))
        {
            error = string.Create(CultureInfo.InvariantCulture, $"the path names service \"{Namespace}/{ServiceName}\", not \"{Bounded(service.Namespace + "/" + service.Name)}\"");
            return false;
        }

        var ports = service.Spec.Ports.IsDefault ? [] : service.Spec.Ports.AsSpan();
        if (PortNumber is { } number)
        {
            foreach (var candidate in ports)
            {
                if (candidate.Port == number)
                {
                    port = candidate;
                    error = null;
                    return true;
                }
            }

            error = string.Create(CultureInfo.InvariantCulture, $"no service port {number} found for service \"{ServiceName}\"");
            return false;
        }

        foreach (var candidate in ports)
        {
            if (string.Equals(candidate.Name ?? string.Empty, Port, StringComparison.Ordinal))
            {
                port = candidate;
                error = null;
                return true;
            }
        }

        var why = Port.Length == 0
            ? "the path names no port and the service has no unnamed port"
            : $"the service has no port named \"{Port}\"";
        error = $"no endpoints available for service \"{ServiceSegment}\": {why}";
        return false;
    }

    private static string? ValidateParts(string @namespace, string serviceName, string port, ServiceProxyScheme scheme)
    {
        if (!Enum.IsDefined(scheme))
        {
            return $"scheme {(int)scheme} is not valid: must be Unspecified, Http or Https";
        }

        var nsErrors = LabelValidation.ValidateDns1123Label(@namespace);
        if (nsErrors.Count > 0)
        {
            return $"namespace \"{Bounded(@namespace)}\": {string.Join("; ", nsErrors)}";
        }

        var nameErrors = LabelValidation.ValidateDns1123Label(serviceName);
        if (nameErrors.Count > 0)
        {
            return $"service name \"{Bounded(serviceName)}\": {string.Join("; ", nameErrors)}";
        }

        if (port.Length > 0)
        {
            var portErrors = PortNameRules.Validate(port);
            if (portErrors.Count > 0)
            {
                return $"port \"{Bounded(port)}\": {string.Join("; ", portErrors)}; a port is a number 1-65535 or a port name";
            }
        }

        return null;
    }

    private static string? ValidatePath(string? path)
    {
        var bad = IndexOfInvalidUtf16(path);
        return bad < 0
            ? null
            : string.Create(CultureInfo.InvariantCulture,
                $"path: not valid UTF-16 (a lone surrogate U+{(int)path![bad]:X4} at index {bad}); a path must be Unicode text, which is escaped as UTF-8");
    }

    // The index of the first surrogate that is not half of a pair; -1 when the text is well-formed.
    private static int IndexOfInvalidUtf16(ReadOnlySpan<char> text)
    {
        var i = text.IndexOfAnyInRange('\uD800', '\uDFFF');
        if (i < 0)
        {
            return -1;
        }

        while (true)
        {
            if (Rune.DecodeFromUtf16(text[i..], out _, out var consumed) != OperationStatus.Done)
            {
                return i;
            }

            i += consumed;
            var next = text[i..].IndexOfAnyInRange('\uD800', '\uDFFF');
            if (next < 0)
            {
                return -1;
            }

            i += next;
        }
    }

    // At most 100 characters of the caller's text (never half a surrogate pair), so a huge input cannot make a huge message.
    private static string Bounded(ReadOnlySpan<char> text)
    {
        const int Limit = 100;
        if (text.Length <= Limit)
        {
            return text.ToString();
        }

        var cut = char.IsLowSurrogate(text[Limit]) ? Limit - 1 : Limit;
        return string.Concat(text[..cut], "...");
    }

    private static bool TryParseCore(ReadOnlySpan<char> s, [NotNullWhen(true)] out ServiceProxyPath? result, [NotNullWhen(false)] out string? error)
    {
        result = null;
        if (IndexOfInvalidUtf16(s) is var bad and >= 0)
        {
            error = string.Create(CultureInfo.InvariantCulture,
                $"the text is not a service proxy path: it is not valid UTF-16 (a lone surrogate U+{(int)s[bad]:X4} at index {bad}); paths are Unicode text, escaped as UTF-8");
            return false;
        }

        var text = StripOrigin(s);
        if (text.IndexOfAny('?', '#') >= 0)
        {
            error = $"\"{Bounded(s)}\" is not a service proxy path: a query or fragment ('?', '#') is not part of it; escape them as %3F and %23 in the path";
            return false;
        }

        if (!text.StartsWith(ApiPrefix, StringComparison.Ordinal))
        {
            error = $"\"{Bounded(s)}\" is not a service proxy path: {Expected}";
            return false;
        }

        var rest = text[ApiPrefix.Length..];
        if (!TryTakeSegment(ref rest, out var nsRaw) || !TryTakeSegment(ref rest, out var services)
            || !TryTakeSegment(ref rest, out var idRaw) || !TryTakeSegment(ref rest, out var proxy)
            || !services.SequenceEqual(ServicesSegment) || !proxy.SequenceEqual(ProxySegment))
        {
            error = $"\"{Bounded(s)}\" is not a service proxy path: {Expected}";
            return false;
        }

        if (!TryUnescape(nsRaw, out var @namespace, out error) || !TryUnescape(idRaw, out var id, out error)
            || !TryUnescape(rest, out var path, out error))
        {
            error = $"\"{Bounded(s)}\" is not a service proxy path: {error}";
            return false;
        }

        if (!TrySplitServiceSegment(id, out var scheme, out var name, out var port))
        {
            error = $"invalid service request \"{Bounded(id)}\": expected name, name:port or scheme:name:port with scheme http or https";
            return false;
        }

        error = ValidateParts(@namespace, name, port, scheme);
        if (error is not null)
        {
            error = $"\"{Bounded(s)}\" is not a service proxy path: {error}";
            return false;
        }

        result = new ServiceProxyPath(@namespace, name, port, scheme, path);
        return true;
    }

    private static ReadOnlySpan<char> StripOrigin(ReadOnlySpan<char> s)
    {
        var schemeEnd = s.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd < 0)
        {
            return s;
        }

        var scheme = s[..schemeEnd];
        if (!scheme.Equals("http", StringComparison.OrdinalIgnoreCase) && !scheme.Equals("https", StringComparison.OrdinalIgnoreCase))
        {
            return s;
        }

        var afterAuthority = s[(schemeEnd + 3)..];
        var slash = afterAuthority.IndexOf('/');
        return slash < 0 ? [] : afterAuthority[slash..];
    }

    // Takes the segment after an optional leading '/'; the rest keeps its leading '/' so the final remainder is the proxied path.
    private static bool TryTakeSegment(ref ReadOnlySpan<char> rest, out ReadOnlySpan<char> segment)
    {
        if (rest.StartsWith('/'))
        {
            rest = rest[1..];
        }

        var slash = rest.IndexOf('/');
        segment = slash < 0 ? rest : rest[..slash];
        rest = slash < 0 ? [] : rest[slash..];
        return !segment.IsEmpty;
    }

    private static bool TryParseScheme(ReadOnlySpan<char> text, out ServiceProxyScheme scheme)
    {
        scheme = text switch
        {
            "" => ServiceProxyScheme.Unspecified,
            "http" => ServiceProxyScheme.Http,
            "https" => ServiceProxyScheme.Https,
            _ => (ServiceProxyScheme)(-1),
        };
        return scheme >= 0;
    }

    private static string NormalizePath(string? path)
        => string.IsNullOrEmpty(path) ? "/" : path[0] == '/' ? path : "/" + path;

    // RFC 3986 pchar plus '/': unreserved, sub-delims, ':' and '@' stay literal.
    private static bool IsLiteral(char c)
        => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~' or '!' or '$' or '&' or '\'' or '(' or ')'
            or '*' or '+' or ',' or ';' or '=' or ':' or '@' or '/';

    private static void AppendEscaped(StringBuilder builder, string path)
    {
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < path.Length; i++)
        {
            var c = path[i];
            if (IsLiteral(c))
            {
                builder.Append(c);
                continue;
            }

            // The constructor admits only well-formed UTF-16, so every rune decodes.
            _ = Rune.DecodeFromUtf16(path.AsSpan(i), out var rune, out var consumed);
            i += consumed - 1;
            var length = rune.EncodeToUtf8(utf8);
            foreach (var b in utf8[..length])
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }
    }

    private static bool TryUnescape(ReadOnlySpan<char> text, out string value, [NotNullWhen(false)] out string? error)
    {
        error = null;
        if (!text.Contains('%'))
        {
            value = text.ToString();
            return true;
        }

        value = string.Empty;
        var bytes = new List<byte>(text.Length);
        Span<byte> scratch = stackalloc byte[4];
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '%')
            {
                if (i + 2 >= text.Length || !byte.TryParse(text.Slice(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var b))
                {
                    error = "'%' must be followed by two hex digits";
                    return false;
                }

                bytes.Add(b);
                i += 2;
                continue;
            }

            _ = Rune.DecodeFromUtf16(text[i..], out var rune, out var consumed);
            i += consumed - 1;
            var length = rune.EncodeToUtf8(scratch);
            for (var k = 0; k < length; k++)
            {
                bytes.Add(scratch[k]);
            }
        }

        try
        {
            value = s_strictUtf8.GetString([.. bytes]);
            return true;
        }
        catch (DecoderFallbackException)
        {
            error = "percent-escapes must encode UTF-8 text";
            return false;
        }
    }
}
