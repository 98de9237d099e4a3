using System.Buffers;
using System.Text;

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
    private const string Dns1123LabelRegex = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private const string Dns1123SubdomainRegex = Dns1123LabelRegex + "(\\." + Dns1123LabelRegex + ")*";

    private const string NameCharsMessage =
        "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

    private const string ValueCharsMessage =
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

    private const string Dns1123LabelMessage =
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";

    private const string Dns1123SubdomainMessage =
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";

    private const string Dns1035Regex = "[a-z]([-a-z0-9]*[a-z0-9])?";

    private const string Dns1035Message =
        "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character";

    private const string EmptyMessage = "must be non-empty";

    private static readonly SearchValues<char> s_dns1035Chars = SearchValues.Create("-0123456789abcdefghijklmnopqrstuvwxyz");

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

    private static readonly string s_nameRegexError = RegexError(NameCharsMessage, NameRegex, "MyName", "my.name", "123-abc");

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
        return prefix.Length > 0 && IsValidDns1123Subdomain(prefix) && IsValidName(name);
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
        return value.Length <= MaxDns1123LabelLength && IsDns1123LabelSyntax(value);
    }

    /// <summary>Whether <paramref name="value"/> is a lowercase RFC 1123 subdomain (at most 253 characters of dot-separated RFC 1123 labels).</summary>
    /// <param name="value">The text to check.</param>
    /// <returns><see langword="true"/> when <see cref="ValidateDns1123Subdomain"/> would report nothing.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public static bool IsValidDns1123Subdomain(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return IsValidDns1123Subdomain(value.AsSpan());
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
                foreach (var message in Dns1123SubdomainErrors(prefix, ContentLength))
                {
                    errors.Add("prefix part " + message);
                }
            }
        }

        if (name.Length == 0)
        {
            errors.Add("name part " + EmptyMessage);
        }
        else if (IsOverByteLimit(name, MaxNameLength))
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
        if (IsOverByteLimit(value, MaxValueLength))
        {
            errors.Add(ContentLength(MaxValueLength));
        }

        if (value.Length > 0 && !IsNameSyntax(value))
        {
            errors.Add(RegexError(ValueCharsMessage, ValueRegex, "MyValue", "my_value", "12345"));
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
        if (IsValidDns1123Label(value))
        {
            return [];
        }

        var errors = new List<string>(2);
        if (IsOverByteLimit(value, MaxDns1123LabelLength))
        {
            errors.Add(FieldLength(MaxDns1123LabelLength));
        }

        if (!IsDns1123LabelSyntax(value))
        {
            // A well-formed subdomain that is not a label can only be failing on its dots.
            errors.Add(IsDns1123SubdomainSyntax(value)
                ? "must not contain dots"
                : RegexError(Dns1123LabelMessage, Dns1123LabelRegex, "my-name", "123-abc"));
        }

        return errors;
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
        if (IsValidDns1123Subdomain(value.AsSpan()))
        {
            return [];
        }

        return Dns1123SubdomainErrors(value, FieldLength);
    }

    // IsDNS1035Label (util/validation), for Service names: its length in bytes, worded in characters,
    // and RegexError's example list with the comma it leaves before " or ".
    internal static List<string> Dns1035LabelErrors(string value)
    {
        var errors = new List<string>(2);
        if (IsOverByteLimit(value, MaxDns1123LabelLength))
        {
            errors.Add(FieldLength(MaxDns1123LabelLength));
        }

        var syntax = value.Length > 0
            && char.IsAsciiLetterLower(value[0])
            && IsLowerAlphanumeric(value[^1])
            && value.AsSpan().IndexOfAnyExcept(s_dns1035Chars) < 0;
        if (!syntax)
        {
            errors.Add(RegexError(Dns1035Message, Dns1035Regex, "my-name", "abc-123"));
        }

        return errors;
    }

    private static bool IsValidName(ReadOnlySpan<char> name) => name.Length <= MaxNameLength && IsNameSyntax(name);

    private static bool IsValidDns1123Subdomain(ReadOnlySpan<char> value)
        => value.Length <= MaxDns1123SubdomainLength && IsDns1123SubdomainSyntax(value);

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

    private static bool IsDns1123LabelSyntax(ReadOnlySpan<char> label)
    {
        if (label.IsEmpty || !IsLowerAlphanumeric(label[0]) || !IsLowerAlphanumeric(label[^1]))
        {
            return false;
        }

        foreach (var c in label)
        {
            if (!IsLowerAlphanumeric(c) && c != '-')
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsDns1123SubdomainSyntax(ReadOnlySpan<char> value)
    {
        foreach (var range in value.Split('.'))
        {
            if (!IsDns1123LabelSyntax(value[range]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsLowerAlphanumeric(char c) => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c);

    // Kubernetes measures strings in bytes (Go's len), so non-ASCII text counts its UTF-8 length.
    // A UTF-16 unit is one to three UTF-8 bytes, so the length alone decides most cases without a count.
    private static bool IsOverByteLimit(string value, int limit)
        => value.Length > limit || (value.Length * 3 > limit && Encoding.UTF8.GetByteCount(value) > limit);

    // content.MaxLenError (label keys and values, v1.35).
    private static string ContentLength(int length) => $"must be no more than {length} bytes";

    // util/validation.MaxLenError (DNS names, port names), which still says characters in v1.35.
    internal static string FieldLength(int length) => $"must be no more than {length} characters";

    private static List<string> Dns1123SubdomainErrors(string value, Func<int, string> lengthError)
    {
        var errors = new List<string>(2);
        if (IsOverByteLimit(value, MaxDns1123SubdomainLength))
        {
            errors.Add(lengthError(MaxDns1123SubdomainLength));
        }

        if (!IsDns1123SubdomainSyntax(value))
        {
            errors.Add(RegexError(Dns1123SubdomainMessage, Dns1123SubdomainRegex, "example.com"));
        }

        return errors;
    }

    private static string RegexError(string message, string regex, params ReadOnlySpan<string> examples)
    {
        var text = new StringBuilder(message).Append(" (e.g. ");
        for (var i = 0; i < examples.Length; i++)
        {
            if (i > 0)
            {
                text.Append(" or ");
            }

            text.Append('\'').Append(examples[i]).Append("', ");
        }

        return text.Append("regex used for validation is '").Append(regex).Append("')").ToString();
    }
}
