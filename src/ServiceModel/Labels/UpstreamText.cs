using System.Globalization;

namespace ServiceModel.Labels;

// Renders selector errors the way apimachinery v1.35 prints them (field.Error, operator text; values
// come from Internal/FieldValueText, %q and aggregates from Internal/GoText), so messages compare equal
// to the API server's byte for byte.
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

    // The most bad values a message reports one by one; past it, one line counts the rest.
    internal const int MaxShownValues = 16;
}
