using System.Globalization;
using System.Text;

namespace ServiceModel.Internal;

// Go's text conventions that Kubernetes' messages are made of (%q, encoding/json strings,
// utilerrors.Aggregate), shared so every layer prints values the way the API server does.
internal static class GoText
{
    /// <summary>
    /// The most characters of one value a message shows. Longer values (only ever invalid ones:
    /// the longest valid label key is 317 characters) show their first 512 characters and how many
    /// were left out, so a message about a 1 MB value stays about 1 KB instead of repeating the megabyte.
    /// The API server's own answer to this is <c>field.TooLong</c>'s <c>"&lt;value omitted&gt;"</c>.
    /// </summary>
    public const int MaxShownLength = 512;

    // strconv.Quote (%q): printable runes as they are, everything else escaped; bounded (MaxShownLength).
    public static string Quote(string value)
    {
        var text = new StringBuilder(Math.Min(value.Length, MaxShownLength) + 2);
        AppendQuoted(text, value);
        return text.ToString();
    }

    // Text shown unquoted in a message, bounded like Quote.
    public static string Excerpt(ReadOnlySpan<char> value)
    {
        var shown = Shown(value);
        return shown.Length == value.Length
            ? value.ToString()
            : string.Concat(shown, OmittedNote(value.Length - shown.Length));
    }

    public static void AppendQuoted(StringBuilder text, string value)
    {
        var shown = Shown(value);
        AppendQuotedCore(text, shown);
        if (shown.Length < value.Length)
        {
            text.Append(OmittedNote(value.Length - shown.Length));
        }
    }

    // The part of a value a message shows: all of it, or its first MaxShownLength characters.
    public static ReadOnlySpan<char> Shown(ReadOnlySpan<char> value)
    {
        if (value.Length <= MaxShownLength)
        {
            return value;
        }

        // Never cut a surrogate pair in two.
        var cut = char.IsHighSurrogate(value[MaxShownLength - 1]) ? MaxShownLength - 1 : MaxShownLength;
        return value[..cut];
    }

    public static string OmittedNote(int omitted)
        => "... (" + omitted.ToString(CultureInfo.InvariantCulture) + " more characters omitted)";

    private static void AppendQuotedCore(StringBuilder text, ReadOnlySpan<char> value)
    {
        text.Append('"');
        foreach (var rune in value.EnumerateRunes())
        {
            var c = rune.Value;
            var escape = c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\a' => "\\a",
                '\b' => "\\b",
                '\f' => "\\f",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\v' => "\\v",
                _ => null,
            };
            if (escape is not null)
            {
                text.Append(escape);
            }
            else if (IsGoPrintable(rune))
            {
                text.Append(rune.ToString());
            }
            else if (c < ' ' || c == 0x7F)
            {
                text.Append("\\x").Append(c.ToString("x2", CultureInfo.InvariantCulture));
            }
            else if (c < 0x10000)
            {
                text.Append("\\u").Append(c.ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                text.Append("\\U").Append(c.ToString("x8", CultureInfo.InvariantCulture));
            }
        }

        text.Append('"');
    }

    // A string as encoding/json marshals it: it agrees with %q on the common escapes but writes other
    // control characters as \u00XX and also escapes the HTML-significant characters.
    public static string JsonString(string value)
    {
        var text = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                default:
                    if (c < 0x20 || c is '<' or '>' or '&' or '\u2028' or '\u2029')
                    {
                        text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        text.Append(c);
                    }

                    break;
            }
        }

        return text.Append('"').ToString();
    }

    // utilerrors.NewAggregate(errs).Error(): one message alone, several de-duplicated in brackets.
    public static string Aggregate(IEnumerable<string> messages)
    {
        var distinct = messages.Distinct(StringComparer.Ordinal).ToList();
        return distinct.Count == 1 ? distinct[0] : "[" + string.Join(", ", distinct) + "]";
    }

    // unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space.
    private static bool IsGoPrintable(Rune rune)
        => rune.Value == ' ' || Rune.GetUnicodeCategory(rune) switch
        {
            UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or
            UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator or
            UnicodeCategory.ParagraphSeparator or UnicodeCategory.SpaceSeparator => false,
            _ => true,
        };
}
