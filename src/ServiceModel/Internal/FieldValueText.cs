using System.Collections;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace ServiceModel.Internal;

// Renders a bad value the way Kubernetes v1.35's field.Error prints it (apimachinery
// pkg/util/validation/field/errors.go, ErrorBody): int32/int64/bool plainly, a string with Go's %q, nil
// as null, and everything else as Go's encoding/json marshals it, so a list prints as ["bar","foo"],
// an empty one as [], and a map as {"a":"b"} with its keys sorted. Releases up to 1.33 printed %#v
// ([]string{"bar", "foo"}); every layer (Services, Labels, Networking) renders through here, so the
// library speaks one release's wording.
//
// Unlike upstream, a value is printed bounded, by the library's one rule (GoText.MaxShownLength): a
// long string shows its first characters and how many were left out, and a list or map stops once
// that many characters of it are written, saying how many items it left out. Upstream prints the
// whole value in every error about it.
internal static class FieldValueText
{
    public static string Format(object? value) => value switch
    {
        null => "null",
        string s => GoText.Quote(s),
        int or long or bool => Simple(value),
        _ => Json(value),
    };

    // Go's encoding/json form of a value, bounded.
    public static string Json(object? value) => value switch
    {
        null => "null",
        string s => JsonString(s),
        int or long or bool => Simple(value),
        Enum e => GoText.JsonString(e.ToString()),
        IFieldValueJson self => self.ToFieldValueJson(),

        // A default ImmutableArray is the library's empty list (it cannot be enumerated).
        ImmutableArray<string> { IsDefault: true } => "[]",
        IDictionary map => JsonMap(map),
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
        var written = 0;
        foreach (var item in items)
        {
            if (text.Length > GoText.MaxShownLength)
            {
                return Cut(text, items is ICollection all ? all.Count - written : -1, ']');
            }

            text.Append(written == 0 ? "" : ",").Append(Json(item));
            written++;
        }

        return text.Append(']').ToString();
    }

    // encoding/json writes a map's entries sorted by key (Go compares strings bytewise, which for the
    // ASCII keys Kubernetes allows is ordinal order).
    private static string JsonMap(IDictionary map)
    {
        var entries = new List<(string Key, object? Value)>(map.Count);
        foreach (DictionaryEntry entry in map)
        {
            entries.Add((Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? "", entry.Value));
        }

        entries.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        var text = new StringBuilder("{");
        for (var i = 0; i < entries.Count; i++)
        {
            if (text.Length > GoText.MaxShownLength)
            {
                return Cut(text, entries.Count - i, '}');
            }

            text.Append(i == 0 ? "" : ",").Append(JsonString(entries[i].Key)).Append(':').Append(Json(entries[i].Value));
        }

        return text.Append('}').ToString();
    }

    private static string Cut(StringBuilder text, int omitted, char close)
        => (omitted > 0
            ? text.Append(",... (").Append(omitted.ToString(CultureInfo.InvariantCulture)).Append(omitted == 1 ? " more item omitted)" : " more items omitted)")
            : text.Append(",...")).Append(close).ToString();

    public static string Simple(object value) => value switch
    {
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
