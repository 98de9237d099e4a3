using System.Collections.Immutable;
using System.Text.Json;

namespace ServiceModel.Serialization;

/// <summary>Reads <c>List</c> and <c>&lt;Kind&gt;List</c> objects item by item.</summary>
internal static class KubernetesListJson
{
    public static ImmutableArray<T> Read<T>(ref Utf8JsonReader reader, KubernetesObjectConverter<T> converter, JsonSerializerOptions options)
        where T : class
    {
        JsonRead.StartObject(ref reader, "an object (a List or " + converter.ListKind + ")");
        var listKind = converter.ListKind;
        ImmutableArray<T> items = [];
        while (JsonRead.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("kind"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.String || !(reader.ValueTextEquals("List"u8) || reader.ValueTextEquals(listKind)))
                {
                    throw JsonRead.Expected(ref reader, "\"List\" or \"" + listKind + "\"");
                }
            }
            else if (reader.ValueTextEquals("items"u8))
            {
                if (!JsonRead.StartArray(ref reader))
                {
                    continue;
                }

                var builder = default(ArrayCollector<T>);
                while (JsonRead.NextItem(ref reader))
                {
                    if (reader.TokenType == JsonTokenType.Null)
                    {
                        throw JsonRead.Expected(ref reader, "an object (a " + converter.Kind + ")");
                    }

                    builder.Add(converter.Read(ref reader, typeof(T), options)!);
                }

                items = builder.Drain();
            }
            else
            {
                reader.Skip();
            }
        }

        return items;
    }
}
