using System.Text.Json;
using ServiceModel.Services;

namespace ServiceModel.Serialization;

/// <summary>The API's int-or-string: a JSON number or a JSON string.</summary>
internal static class IntOrStringJson
{
    /// <summary>Reads the value after the property name; JSON null reads as unset.</summary>
    public static PortNumberOrName Read(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.Number when reader.TryGetInt32(out var number) => PortNumberOrName.FromInt32(number),
            JsonTokenType.String => PortNumberOrName.FromString(reader.GetString()!),
            JsonTokenType.Null => default,
            _ => throw JsonRead.Expected(ref reader, "a 32-bit integer or a string"),
        };
    }

    /// <summary>Writes the value; an unset number (0) is left out, as the API server omits it.</summary>
    public static void Write(Utf8JsonWriter writer, string property, PortNumberOrName value)
    {
        if (value.IsString)
        {
            writer.WriteString(property, value.StringValue);
        }
        else if (value.IntValue != 0)
        {
            writer.WriteNumber(property, value.IntValue);
        }
    }
}
