using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace ServiceModel.Labels;

// Renders errors the way apimachinery prints them (field.Error, utilerrors.Aggregate, Go's %q and
// %#v), so messages compare equal to the API server's byte for byte.
internal static class UpstreamText
{
    internal static string OperatorText(SelectorOperator op) => op switch
    {
        SelectorOperator.Equals => "=",
        SelectorOperator.DoubleEquals => "==",
        SelectorOperator.NotEquals => "!=",
        SelectorOperator.In => "in",
        SelectorOperator.NotIn => "notin",
        SelectorOperator.Exists => "exists",
        SelectorOperator.DoesNotExist => "!",
        SelectorOperator.GreaterThan => "gt",
        SelectorOperator.LessThan => "lt",
        _ => ((int)op).ToString(CultureInfo.InvariantCulture),
    };

    // field.Invalid(path, value, detail).Error()
    internal static string Invalid(string path, string quotedValue, string detail)
        => path + ": Invalid value: " + quotedValue + ": " + detail;

    // utilerrors.NewAggregate(errs).Error(): one message alone, several de-duplicated in brackets.
    internal static string Aggregate(List<string> messages)
    {
        if (messages.Count == 1)
        {
            return messages[0];
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var text = new StringBuilder();
        foreach (var message in messages)
        {
            if (seen.Add(message))
            {
                if (seen.Count > 1)
                {
                    text.Append(", ");
                }

                text.Append(message);
            }
        }

        return seen.Count == 1 ? text.ToString() : "[" + text + "]";
    }

    // Go's %#v of a []string.
    internal static string GoStringSlice(ImmutableArray<string> values)
    {
        if (values.IsDefault)
        {
            return "[]string(nil)";
        }

        var text = new StringBuilder("[]string{");
        for (var i = 0; i < values.Length; i++)
        {
            if (i > 0)
            {
                text.Append(", ");
            }

            AppendQuoted(text, values[i]);
        }

        return text.Append('}').ToString();
    }

    // Go's strconv.Quote (%q): printable runes as they are, everything else escaped.
    internal static string Quote(string value)
    {
        var text = new StringBuilder(value.Length + 2);
        AppendQuoted(text, value);
        return text.ToString();
    }

    private static void AppendQuoted(StringBuilder text, string value)
    {
        text.Append('"');
        foreach (var rune in value.EnumerateRunes())
        {
            var c = rune.Value;
            switch (c)
            {
                case '"':
                    text.Append("\\\"");
                    continue;
                case '\\':
                    text.Append("\\\\");
                    continue;
                case '\a':
                    text.Append("\\a");
                    continue;
                case '\b':
                    text.Append("\\b");
                    continue;
                case '\f':
                    text.Append("\\f");
                    continue;
                case '\n':
                    text.Append("\\n");
                    continue;
                case '\r':
                    text.Append("\\r");
                    continue;
                case '\t':
                    text.Append("\\t");
                    continue;
                case '\v':
                    text.Append("\\v");
                    continue;
                default:
                    break;
            }

            if (IsGoPrintable(rune))
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

    // unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space.
    private static bool IsGoPrintable(Rune rune)
    {
        if (rune.Value == ' ')
        {
            return true;
        }

        return Rune.GetUnicodeCategory(rune) switch
        {
            UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or
            UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator or
            UnicodeCategory.ParagraphSeparator or UnicodeCategory.SpaceSeparator => false,
            _ => true,
        };
    }
}
