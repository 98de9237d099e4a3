using System.Collections;
using System.Globalization;
using ServiceModel.Internal;

namespace ServiceModel.Services;

// Renders values the way apimachinery's field.Error prints a bad value: simple numbers and bools
// with %v, strings with Go's %q, everything else as Go's encoding/json would marshal it.
internal static class FieldValueText
{
    public static string Format(object? value) => value switch
    {
        null => "null",
        string s => GoText.Quote(s),
        int or long or bool => Simple(value),
        _ => Json(value),
    };

    private static string Json(object? value) => value switch
    {
        null => "null",
        string s => GoText.JsonString(s),
        int or long or bool => Simple(value),
        Enum e => GoText.JsonString(e.ToString()),
        PortNumberOrName ios => ios.IsString ? GoText.JsonString(ios.StringValue!) : Simple(ios.IntValue),
        ServicePort port => ServicePortJson(port),
        IEnumerable items => "[" + string.Join(",", items.Cast<object?>().Select(Json)) + "]",
        _ => GoText.JsonString(value.ToString() ?? ""),
    };

    private static string Simple(object value) => value switch
    {
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    // The internal core.ServicePort has no JSON tags, so Go marshals it with its Go field names.
    private static string ServicePortJson(ServicePort port)
        => "{\"Name\":" + GoText.JsonString(port.Name ?? "")
            + ",\"Protocol\":" + Json(port.Protocol)
            + ",\"AppProtocol\":" + Json(port.AppProtocol)
            + ",\"Port\":" + Simple(port.Port)
            + ",\"TargetPort\":" + Json(port.TargetPort)
            + ",\"NodePort\":" + Simple(port.NodePort) + "}";
}
