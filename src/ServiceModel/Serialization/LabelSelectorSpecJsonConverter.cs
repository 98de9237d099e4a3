using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using ServiceModel.Labels;

namespace ServiceModel.Serialization;

/// <summary>A <c>metav1.LabelSelector</c> in the API's JSON (<c>matchLabels</c>, <c>matchExpressions</c>).</summary>
internal sealed class LabelSelectorSpecJsonConverter : JsonConverter<LabelSelectorSpec>
{
    public override LabelSelectorSpec Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => ReadValue(ref reader);

    public override void Write(Utf8JsonWriter writer, LabelSelectorSpec value, JsonSerializerOptions options)
        => WriteValue(writer, value);

    /// <summary>Reads a selector with the reader on its first token.</summary>
    public static LabelSelectorSpec ReadValue(ref Utf8JsonReader reader)
    {
        JsonRead.StartObject(ref reader, "an object (a label selector)");
        var labels = ImmutableDictionary<string, string>.Empty;
        ImmutableArray<LabelSelectorRequirement> expressions = [];
        while (JsonRead.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("matchLabels"u8))
            {
                labels = JsonRead.StringMap(ref reader);
            }
            else if (reader.ValueTextEquals("matchExpressions"u8))
            {
                expressions = ReadExpressions(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }

        return labels.Count == 0 && expressions.IsEmpty ? LabelSelectorSpec.Empty : new LabelSelectorSpec(labels, expressions);
    }

    /// <summary>Writes a selector; empty parts are left out, as the API server omits them.</summary>
    /// <exception cref="JsonException">An expression uses an operator <c>metav1.LabelSelector</c> does not have.</exception>
    public static void WriteValue(Utf8JsonWriter writer, LabelSelectorSpec value)
    {
        writer.WriteStartObject();
        JsonWrite.StringMap(writer, "matchLabels", value.MatchLabels);
        if (!value.MatchExpressions.IsDefaultOrEmpty)
        {
            writer.WritePropertyName("matchExpressions"u8);
            writer.WriteStartArray();
            foreach (var requirement in value.MatchExpressions)
            {
                writer.WriteStartObject();
                writer.WriteString("key"u8, requirement.Key);
                ApiEnums.SelectorOperator.Write(writer, "operator", requirement.Operator);
                JsonWrite.StringArray(writer, "values", requirement.Values);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    private static ImmutableArray<LabelSelectorRequirement> ReadExpressions(ref Utf8JsonReader reader) => JsonRead.Array(ref reader, ReadExpression);

    private static LabelSelectorRequirement ReadExpression(ref Utf8JsonReader reader)
    {
        var start = reader.TokenStartIndex;
        JsonRead.StartObject(ref reader, "an object (a label selector requirement)");
        string? key = null;
        SelectorOperator? @operator = null;
        ImmutableArray<string> values = [];
        while (JsonRead.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("key"u8))
            {
                key = JsonRead.String(ref reader);
            }
            else if (reader.ValueTextEquals("operator"u8))
            {
                @operator = JsonRead.Enum(ref reader, ApiEnums.SelectorOperator);
            }
            else if (reader.ValueTextEquals("values"u8))
            {
                values = JsonRead.StringArray(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }

        if (key is null || @operator is not { } op)
        {
            throw new JsonReadException("expected key (a string) and operator (" + ApiEnums.SelectorOperator.Expected + ")", start);
        }

        try
        {
            return new LabelSelectorRequirement(key, op, values);
        }
        catch (ArgumentException e)
        {
            throw JsonRead.Invalid(start, e);
        }
    }
}
