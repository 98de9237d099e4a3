using System.Buffers;
using ServiceModel.Internal;

namespace ServiceModel.Labels;

/// <summary>
/// Kubernetes' syntax rules for label keys, label values and RFC 1123 DNS names, with the API
/// server's own error texts.
/// </summary>
/// <remarks>
/// <para>
/// The messages are Kubernetes v1.35's. Lengths are counted in UTF-8 bytes (Go's <c>len</c>) and the
/// two halves of apimachinery word them differently: label keys and values (and a key's DNS prefix)
/// are checked by <c>k8s.io/apimachinery/pkg/api/validate/content</c> and say
/// <c>"must be no more than 63 bytes"</c>, while the DNS-1123 label and subdomain checks that API
/// fields such as port names, namespaces and <c>externalName</c> use
/// (<c>k8s.io/apimachinery/pkg/util/validation</c>) still say <c>"must be no more than 63 characters"</c>.
/// A key with more than one <c>'/'</c> is reported as "a valid label key …" (releases before the
/// content package said "a qualified name …").
/// </para>
/// <para>
/// Each <c>Validate…</c> method returns an empty list for a valid input, otherwise every problem
/// found, in upstream's order. The <c>IsValid…</c> forms answer the same question without
/// allocating. All members are pure and thread-safe.
/// </para>
/// </remarks>
public static class LabelValidation
{
    /// <summary>The longest name part of a label key (after any prefix and <c>'/'</c>), in bytes (63).</summary>
    public const int MaxNameLength = 63;

    /// <summary>The longest label value, in bytes (63).</summary>
    public const int MaxValueLength = 63;

    /// <summary>The longest RFC 1123 label, in bytes (63).</summary>
    public const int MaxDns1123LabelLength = 63;

    /// <summary>The longest RFC 1123 subdomain (and label key prefix), in bytes (253).</summary>
    public const int MaxDns1123SubdomainLength = 253;

    private const string NameRegex = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    private const string ValueRegex = "(" + NameRegex + ")?";

    private const string NameCharsMessage =
        "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

    private const string ValueCharsMessage =
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";


    private const string EmptyMessage = "must be non-empty";


    private const int ShortNameLength = 16;

    // 1 for the characters of a name (alphanumerics, '-', '_', '.'), indexed by ASCII code.
    private static ReadOnlySpan<byte> NameCharTable =>
    [
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0,
        0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 1,
        0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
    ];

    private static readonly SearchValues<char> s_nameChars =
        SearchValues.Create("-.0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz");

    private static readonly string s_nameRegexError = DnsNames.RegexError(NameCharsMessage, NameRegex, "MyName", "my.name", "123-abc");

    /// <summary>Whether <paramref name="key"/> is a valid label key: an optional RFC 1123 subdomain prefix and <c>'/'</c>, then a name of 1-63 characters.</summary>
    /// <param name="key">The key to check.</param>
    /// <returns><see langword="true"/> when <see cref="ValidateKey"/> would report nothing.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is <see langword="null"/>.</exception>
    public static bool IsValidKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return IsValidKey(key.AsSpan());
    }

    /// <summary>Whether <paramref name="key"/> is a valid label key (see <see cref="IsValidKey(string)"/>).</summary>
    /// <param name="key">The key to check.</param>
    /// <returns><see langword="true"/> when the key is valid.</returns>
    public static bool IsValidKey(ReadOnlySpan<char> key)
    {
        if (IsValidName(key))
        {
            // The common case, a key without a prefix: no '/' can be in a valid name.
            return true;
        }

        var slash = key.IndexOf('/');
        if (slash < 0)
        {
            return false;
        }

        var prefix = key[..slash];
        var name = key[(slash + 1)..];
        return prefix.Length > 0 && DnsNames.IsSubdomain(prefix) && IsValidName(name);
    }

    /// <summary>Whether <paramref name="value"/> is a valid label value: empty, or 1-63 characters that are alphanumeric, <c>'-'</c>, <c>'_'</c> or <c>'.'</c>, starting and ending with an alphanumeric.</summary>
    /// <param name="value">The value to check.</param>
    /// <returns><see langword="true"/> when <see cref="ValidateValue"/> would report nothing.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public static bool IsValidValue(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return IsValidValue(value.AsSpan());
    }

    /// <summary>Whether <paramref name="value"/> is a valid label value (see <see cref="IsValidValue(string)"/>).</summary>
    /// <param name="value">The value to check.</param>
    /// <returns><see langword="true"/> when the value is valid.</returns>
    public static bool IsValidValue(ReadOnlySpan<char> value) => value.IsEmpty || IsValidName(value);

    /// <summary>Whether <paramref name="value"/> is a lowercase RFC 1123 label (at most 63 characters of <c>[a-z0-9-]</c>, alphanumeric at both ends).</summary>
    /// <param name="value">The text to check.</param>
    /// <returns><see langword="true"/> when <see cref="ValidateDns1123Label"/> would report nothing.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public static bool IsValidDns1123Label(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return DnsNames.IsLabel(value);
    }

    /// <summary>Whether <paramref name="value"/> is a lowercase RFC 1123 subdomain (at most 253 characters of dot-separated RFC 1123 labels).</summary>
    /// <param name="value">The text to check.</param>
    /// <returns><see langword="true"/> when <see cref="ValidateDns1123Subdomain"/> would report nothing.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public static bool IsValidDns1123Subdomain(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return DnsNames.IsSubdomain(value);
    }

    /// <summary>
    /// The problems with <paramref name="key"/> as a label key, in Kubernetes' words
    /// (<c>IsLabelKey</c>/<c>IsQualifiedName</c>); empty when it is valid.
    /// </summary>
    /// <param name="key">The key to check.</param>
    /// <returns>Every message Kubernetes reports, in its order; an empty list for a valid key.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is <see langword="null"/>.</exception>
    /// <example><c>ValidateKey("a/b/c")</c> reports one message starting "a valid label key must consist of …".</example>
    public static IReadOnlyList<string> ValidateKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (IsValidKey(key.AsSpan()))
        {
            return [];
        }

        var errors = new List<string>(2);
        var name = key;
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            name = key[(slash + 1)..];
            if (name.Contains('/', StringComparison.Ordinal))
            {
                errors.Add("a valid label key " + s_nameRegexError +
                    " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
                return errors;
            }

            var prefix = key[..slash];
            if (prefix.Length == 0)
            {
                errors.Add("prefix part " + EmptyMessage);
            }
            else
            {
                foreach (var message in DnsNames.SubdomainErrors(prefix, ContentLength))
                {
                    errors.Add("prefix part " + message);
                }
            }
        }

        if (name.Length == 0)
        {
            errors.Add("name part " + EmptyMessage);
        }
        else if (DnsNames.IsOverByteLimit(name, MaxNameLength))
        {
            errors.Add("name part " + ContentLength(MaxNameLength));
        }

        if (!IsNameSyntax(name))
        {
            errors.Add("name part " + s_nameRegexError);
        }

        return errors;
    }

    /// <summary>
    /// The problems with <paramref name="value"/> as a label value, in Kubernetes' words
    /// (<c>IsLabelValue</c>/<c>IsValidLabelValue</c>); empty when it is valid.
    /// </summary>
    /// <param name="value">The value to check.</param>
    /// <returns>Every message Kubernetes reports, in its order; an empty list for a valid value.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public static IReadOnlyList<string> ValidateValue(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (IsValidValue(value.AsSpan()))
        {
            return [];
        }

        var errors = new List<string>(2);
        if (DnsNames.IsOverByteLimit(value, MaxValueLength))
        {
            errors.Add(ContentLength(MaxValueLength));
        }

        if (value.Length > 0 && !IsNameSyntax(value))
        {
            errors.Add(DnsNames.RegexError(ValueCharsMessage, ValueRegex, "MyValue", "my_value", "12345"));
        }

        return errors;
    }

    /// <summary>
    /// The problems with <paramref name="value"/> as a lowercase RFC 1123 label, in Kubernetes'
    /// words (<c>IsDNS1123Label</c>): used for port names, IANA service names and similar fields.
    /// </summary>
    /// <param name="value">The text to check.</param>
    /// <returns>Every message Kubernetes reports, in its order; an empty list for a valid label.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public static IReadOnlyList<string> ValidateDns1123Label(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return DnsNames.IsLabel(value) ? [] : DnsNames.LabelErrors(value);
    }

    /// <summary>
    /// The problems with <paramref name="value"/> as a lowercase RFC 1123 subdomain, in
    /// Kubernetes' words (<c>IsDNS1123Subdomain</c>): used for label key prefixes and object names.
    /// </summary>
    /// <param name="value">The text to check.</param>
    /// <returns>Every message Kubernetes reports, in its order; an empty list for a valid subdomain.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public static IReadOnlyList<string> ValidateDns1123Subdomain(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return DnsNames.IsSubdomain(value) ? [] : DnsNames.SubdomainErrors(value, DnsNames.FieldLength);
    }

    private static bool IsValidName(ReadOnlySpan<char> name) => name.Length <= MaxNameLength && IsNameSyntax(name);

    private static bool IsNameSyntax(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty || !char.IsAsciiLetterOrDigit(name[0]) || !char.IsAsciiLetterOrDigit(name[^1]))
        {
            return false;
        }

        // Most keys and values are a few characters long, where a plain loop beats the vectorized
        // search's set-up (measured: about 4 ns against 1 ns for "app"); longer ones use the search.
        if (name.Length > ShortNameLength)
        {
            return !name.ContainsAnyExcept(s_nameChars);
        }

        var table = NameCharTable;
        foreach (var c in name)
        {
            if (c >= (uint)table.Length || table[c] == 0)
            {
                return false;
            }
        }

        return true;
    }

    // content.MaxLenError (label keys and values, v1.35).
    private static string ContentLength(int length) => $"must be no more than {length} bytes";
}
