using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using ServiceModel.Internal;

namespace ServiceModel.Labels;

// Renders selector errors the way apimachinery prints them (field.Error, operator text, Go's %#v;
// %q and aggregates come from Internal/GoText), so messages compare equal to the API server's byte for byte.
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

    // The most values a message lists; a longer list ends with how many were left out.
    internal const int MaxShownValues = 16;

    // Go's %#v of a []string, bounded (MaxShownValues, and each value as GoText.Quote bounds it).
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

            if (i == MaxShownValues)
            {
                text.Append("... (").Append(values.Length - i).Append(" more values omitted)");
                break;
            }

            GoText.AppendQuoted(text, values[i]);
        }

        return text.Append('}').ToString();
    }
}
