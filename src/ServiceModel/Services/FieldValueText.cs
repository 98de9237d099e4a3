using System.Collections;
using System.Globalization;
using System.Text;
using ServiceModel.Internal;

namespace ServiceModel.Services;

// Renders values the way apimachinery's field.Error prints a bad value: simple numbers and bools
// with %v, strings with Go's %q, everything else as Go's encoding/json would marshal it.
//
// Unlike upstream, a value is printed bounded: a string longer than MaxChars is cut to its first
// MaxChars characters and marked with its full length, and a list stops once MaxChars of it are
// written. Upstream quotes the whole value in every error about it (a 1 MB key yields megabytes of
// message); the API server only escapes that through its request size limit and field.TooLong's
// "<value omitted>", which this library cannot rely on for every caller.
internal static class FieldValueText
{
    /// <summary>The most characters of a bad value an error prints before cutting it.</summary>
    public const int MaxChars = 1024;

    public static string Format(object? value) => value switch
    {
        null => "null",
        string s => s.Length <= MaxChars ? GoText.Quote(s) : GoText.Quote(Prefix(s)) + Cut(s),
        int or long or bool => Simple(value),
        _ => Json(value),
    };

    private static string Json(object? value) => value switch
    {
        null => "null",
        string s => s.Length <= MaxChars ? GoText.JsonString(s) : GoText.JsonString(Prefix(s)) + Cut(s),
        int or long or bool => Simple(value),
        Enum e => GoText.JsonString(e.ToString()),
        IntOrString ios => ios.IsString ? Json(ios.StringValue!) : Simple(ios.IntValue),
        ServicePort port => ServicePortJson(port),
        IEnumerable items => JsonList(items),
        _ => Json(value.ToString() ?? ""),
    };

    private static string JsonList(IEnumerable items)
    {
        var text = new StringBuilder("[");
        var first = true;
        foreach (var item in items)
        {
            if (text.Length > MaxChars)
            {
                return text.Append(",...]").ToString();
            }

            text.Append(first ? "" : ",").Append(Json(item));
            first = false;
        }

        return text.Append(']').ToString();
    }

    // A map key inside a field path (spec.selector[key]), cut like a value so the path stays bounded.
    public static string PathKey(string key) => key.Length <= MaxChars ? key : Prefix(key) + Cut(key);

    // Never ends inside a surrogate pair, so the printed prefix stays valid text.
    private static string Prefix(string s)
        => s[..(char.IsHighSurrogate(s[MaxChars - 1]) ? MaxChars - 1 : MaxChars)];

    private static string Cut(string s) => "...(" + s.Length.ToString(CultureInfo.InvariantCulture) + " characters)";

    private static string Simple(object value) => value switch
    {
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    // The internal core.ServicePort has no JSON tags, so Go marshals it with its Go field names.
    private static string ServicePortJson(ServicePort port)
        => "{\"Name\":" + Json(port.Name ?? "")
            + ",\"Protocol\":" + Json(port.Protocol)
            + ",\"AppProtocol\":" + Json(port.AppProtocol)
            + ",\"Port\":" + Simple(port.Port)
            + ",\"TargetPort\":" + Json(port.TargetPort)
            + ",\"NodePort\":" + Simple(port.NodePort) + "}";
}
