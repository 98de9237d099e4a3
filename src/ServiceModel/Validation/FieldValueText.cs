using System.Collections;
using System.Globalization;
using System.Text;
using ServiceModel.Internal;

namespace ServiceModel.Validation;

// Renders values the way apimachinery's field.Error prints a bad value: simple numbers and bools
// with %v, strings with Go's %q, everything else as Go's encoding/json would marshal it.
//
// Unlike upstream, a value is printed bounded, by the library's one rule (GoText.MaxShownLength): a
// long string shows its first characters and how many were left out, and a list stops once that many
// characters of it are written. Upstream quotes the whole value in every error about it.
internal static class FieldValueText
{
    public static string Format(object? value) => value switch
    {
        null => "null",
        string s => GoText.Quote(s),
        int or long or bool => Simple(value),
        _ => Json(value),
    };

    // A map key inside a field path (spec.selector[key]), bounded like a value.
    public static string PathKey(string key) => GoText.Excerpt(key);

    // Also used by the types that print themselves (IFieldValueJson) for their members.
    public static string Json(object? value) => value switch
    {
        null => "null",
        string s => JsonString(s),
        int or long or bool => Simple(value),
        Enum e => GoText.JsonString(e.ToString()),
        IFieldValueJson own => own.ToFieldValueJson(),
        IEnumerable items => JsonList(items),
        _ => JsonString(value.ToString() ?? ""),
    };

    public static string JsonString(string s)
    {
        var shown = GoText.Shown(s);
        return shown.Length == s.Length
            ? GoText.JsonString(s)
            : GoText.JsonString(shown.ToString()) + GoText.OmittedNote(s.Length - shown.Length);
    }

    private static string JsonList(IEnumerable items)
    {
        var text = new StringBuilder("[");
        var first = true;
        foreach (var item in items)
        {
            if (text.Length > GoText.MaxShownLength)
            {
                return text.Append(",...]").ToString();
            }

            text.Append(first ? "" : ",").Append(Json(item));
            first = false;
        }

        return text.Append(']').ToString();
    }

    private static string Simple(object value) => value switch
    {
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
