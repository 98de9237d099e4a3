using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ServiceModel.Serialization;
using ServiceModel.Tests.Properties;

namespace ServiceModel.Tests.Serialization;

// Real objects' JSON, damaged the ways a broken client or an attacker damages it: a value replaced
// by a token of another type, text that is not Unicode, a megabyte value, a cut-off document. The
// reader either reads a value that writes and reads back unchanged, or throws a JsonException that
// starts with the path of the fault and stays short: never another exception type.
public class KubernetesJsonHostileProperties
{
    private static readonly string[] Replacements =
    [
        "null", "0", "-1", "65536", "2147483648", "1e400", "1.5", "true", "[]", "{}", "[null]", "{\"a\":null}",
        "\"\"", "\"x\"", "\"80\"", "\"\\ud800\"", "\"x\\udc00y\"", "\"a\\u0000b\"",
        "\"" + new string('k', 100_000) + "\"", new string('9', 100_000),
    ];

    private static Gen<(string Json, int Cut, int Slot, string Replacement)> Damaged<T>(Gen<T> values)
        where T : class
        => from value in values
           let json = KubernetesJson.Serialize(value)
           from cut in Gen.Choose(0, json.Length)
           from slot in Gen.Choose(0, 1_000)
           from replacement in Gen.Elements(Replacements)
           select (json, cut, slot, replacement);

    // Replaces the slot-th scalar value (string, number, literal) with the replacement.
    private static string Replace(string json, int slot, string replacement)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        var scalars = new List<(long Start, long Length)>();
        while (reader.Read())
        {
            if (reader.TokenType is JsonTokenType.String or JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null)
            {
                // The span covers the token; a string's quotes sit just outside ValueSpan.
                var quoted = reader.TokenType == JsonTokenType.String ? 2 : 0;
                scalars.Add((reader.TokenStartIndex, reader.ValueSpan.Length + quoted));
            }
        }

        if (scalars.Count == 0)
        {
            return json;
        }

        var bytes = Encoding.UTF8.GetBytes(json);
        var (start, length) = scalars[slot % scalars.Count];
        return Encoding.UTF8.GetString(bytes, 0, (int)start) + replacement + Encoding.UTF8.GetString(bytes, (int)(start + length), bytes.Length - (int)(start + length));
    }

    private static bool ReadsOrFailsWithAPath<T>(string json)
        where T : class
    {
        T value;
        try
        {
            value = KubernetesJson.Deserialize<T>(json);
        }
        catch (JsonException error)
        {
            return error.Message.StartsWith('$') && error.Path is ['$', ..] && error.Message.Length < 4_000;
        }

        string written;
        try
        {
            written = KubernetesJson.Serialize(value);
        }
        catch (JsonException)
        {
            // A value the API cannot express (an enum number the model keeps) is refused by the writer, as documented.
            return true;
        }

        return KubernetesJson.Deserialize<T>(written).Equals(value);
    }

    private static Property Holds<T>(Gen<T> values)
        where T : class
        => Prop.ForAll(Damaged(values).ToArbitrary(), c =>
            ReadsOrFailsWithAPath<T>(Replace(c.Json, c.Slot, c.Replacement)) && ReadsOrFailsWithAPath<T>(c.Json[..c.Cut]));

    [Property(MaxTest = 200)]
    public Property A_damaged_service_reads_or_fails_with_a_json_error_at_a_path() => Holds(JsonGenerators.Service);

    [Property(MaxTest = 200)]
    public Property A_damaged_pod_reads_or_fails_with_a_json_error_at_a_path() => Holds(JsonGenerators.Pod);

    [Property(MaxTest = 200)]
    public Property A_damaged_endpoint_slice_reads_or_fails_with_a_json_error_at_a_path() => Holds(JsonGenerators.Slice);

    [Property(MaxTest = 100)]
    public Property A_damaged_legacy_endpoints_reads_or_fails_with_a_json_error_at_a_path() => Holds(JsonGenerators.Endpoints);
}
