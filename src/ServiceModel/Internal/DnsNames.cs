using System.Buffers;
using System.Text;

namespace ServiceModel.Internal;

// apimachinery's util/validation name checks (IsDNS1123Label, IsDNS1123Subdomain, IsDNS1035Label)
// with their v1.35 texts, shared by every folder that names things: label key prefixes (Labels),
// object names and namespaces (Services, Networking, Traffic). It lives here, not in Labels, so
// Networking can use it without pointing up the stack. Lengths are counted in UTF-8 bytes (Go's
// len) but worded in characters, as util/validation words them.
internal static class DnsNames
{
    public const int MaxLabelLength = 63;

    public const int MaxSubdomainLength = 253;

    private const string LabelRegex = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private const string SubdomainRegex = LabelRegex + "(\\." + LabelRegex + ")*";
    private const string Dns1035Regex = "[a-z]([-a-z0-9]*[a-z0-9])?";

    private const string LabelMessage =
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";

    private const string SubdomainMessage =
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";

    private const string Dns1035Message =
        "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character";

    private static readonly SearchValues<char> s_dns1035Chars = SearchValues.Create("-0123456789abcdefghijklmnopqrstuvwxyz");

    public static bool IsLabel(ReadOnlySpan<char> value) => value.Length <= MaxLabelLength && IsLabelSyntax(value);

    public static bool IsSubdomain(ReadOnlySpan<char> value) => value.Length <= MaxSubdomainLength && IsSubdomainSyntax(value);

    // IsDNS1123Label's messages (port names, namespaces).
    public static List<string> LabelErrors(string value)
    {
        var errors = new List<string>(2);
        if (IsOverByteLimit(value, MaxLabelLength))
        {
            errors.Add(FieldLength(MaxLabelLength));
        }

        if (!IsLabelSyntax(value))
        {
            // A well-formed subdomain that is not a label can only be failing on its dots.
            errors.Add(IsSubdomainSyntax(value)
                ? "must not contain dots"
                : RegexError(LabelMessage, LabelRegex, "my-name", "123-abc"));
        }

        return errors;
    }

    // IsDNS1123Subdomain's messages; a label key's prefix words its length error in bytes, hence lengthError.
    public static List<string> SubdomainErrors(string value, Func<int, string> lengthError)
    {
        var errors = new List<string>(2);
        if (IsOverByteLimit(value, MaxSubdomainLength))
        {
            errors.Add(lengthError(MaxSubdomainLength));
        }

        if (!IsSubdomainSyntax(value))
        {
            errors.Add(RegexError(SubdomainMessage, SubdomainRegex, "example.com"));
        }

        return errors;
    }

    // IsDNS1035Label, for Service names: RegexError's example list with the comma it leaves before " or ".
    public static List<string> Dns1035LabelErrors(string value)
    {
        var errors = new List<string>(2);
        if (IsOverByteLimit(value, MaxLabelLength))
        {
            errors.Add(FieldLength(MaxLabelLength));
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

    // util/validation.MaxLenError, which still says characters in v1.35.
    public static string FieldLength(int length) => $"must be no more than {length} characters";

    // Kubernetes measures strings in bytes (Go's len), so non-ASCII text counts its UTF-8 length.
    // A UTF-16 unit is one to three UTF-8 bytes, so the length alone decides most cases without a count.
    public static bool IsOverByteLimit(string value, int limit)
        => value.Length > limit || (value.Length * 3 > limit && Encoding.UTF8.GetByteCount(value) > limit);

    // util/validation.RegexError: the message, the examples, the pattern.
    public static string RegexError(string message, string regex, params ReadOnlySpan<string> examples)
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

    private static bool IsLabelSyntax(ReadOnlySpan<char> label)
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

    private static bool IsSubdomainSyntax(ReadOnlySpan<char> value)
    {
        foreach (var range in value.Split('.'))
        {
            if (!IsLabelSyntax(value[range]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsLowerAlphanumeric(char c) => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c);
}
