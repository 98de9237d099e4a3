using System.Collections;
using System.Globalization;
using System.Text;
using ServiceModel.Services;

namespace ServiceModel.Internal;

// Renders values the way apimachinery's field.Error prints a bad value: simple numbers and bools
// with %v, strings with Go's %q, everything else as Go's encoding/json would marshal it.
internal static class GoText
{
    public static string FormatValue(object? value) => value switch
    {
        null => "null",
        string s => Quote(s),
        int or long or bool => Simple(value),
        _ => Json(value),
    };

    // strconv.Quote for the characters Kubernetes values contain in practice.
    public static string Quote(string value) => Escape(value, json: false);

    public static string Json(object? value) => value switch
    {
        null => "null",
        string s => JsonString(s),
        int or long or bool => Simple(value),
        Enum e => JsonString(e.ToString()),
        IntOrString ios => ios.IsString ? JsonString(ios.StringValue!) : Simple(ios.IntValue),
        ServicePort port => ServicePortJson(port),
        IEnumerable items => "[" + string.Join(",", items.Cast<object?>().Select(Json)) + "]",
        _ => JsonString(value.ToString() ?? ""),
    };

    private static string Simple(object value) => value switch
    {
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    // The internal core.ServicePort has no JSON tags, so Go marshals it with its Go field names.
    private static string ServicePortJson(ServicePort port)
        => "{\"Name\":" + JsonString(port.Name ?? "")
            + ",\"Protocol\":" + Json(port.Protocol)
            + ",\"AppProtocol\":" + Json(port.AppProtocol)
            + ",\"Port\":" + Simple(port.Port)
            + ",\"TargetPort\":" + Json(port.TargetPort)
            + ",\"NodePort\":" + Simple(port.NodePort) + "}";

    private static string JsonString(string value) => Escape(value, json: true);

    // Go's %q and encoding/json agree on the common escapes; they differ on other control
    // characters (\x.. vs \u00..) and json also escapes HTML-significant characters.
    private static string Escape(string value, bool json)
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
                    if (json && (c < 0x20 || c is '<' or '>' or '&' or '\u2028' or '\u2029'))
                    {
                        text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else if (!json && (c < 0x20 || c == 0x7f))
                    {
                        text.Append(c switch
                        {
                            '\a' => "\\a",
                            '\b' => "\\b",
                            '\f' => "\\f",
                            '\v' => "\\v",
                            _ => "\\x" + ((int)c).ToString("x2", CultureInfo.InvariantCulture),
                        });
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
}
