using System.Collections.Immutable;
using System.Runtime.InteropServices;
using System.Text.Json;
using ServiceModel.Allocation;

namespace ServiceModel.Serialization;

/// <summary>A v1 <c>RangeAllocation</c> (the allocators' snapshot): <c>range</c> and base64 <c>data</c>.</summary>
internal sealed class RangeAllocationJsonConverter : KubernetesObjectConverter<RangeAllocation>
{
    public override string ApiVersion => "v1";

    public override string Kind => "RangeAllocation";

    public override RangeAllocation Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var start = reader.TokenStartIndex;
        JsonRead.StartObject(ref reader, "an object (a RangeAllocation)");
        string? range = null;
        ImmutableArray<byte> data = [];
        while (JsonRead.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("range"u8))
            {
                range = JsonRead.String(ref reader);
            }
            else if (reader.ValueTextEquals("data"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.Null)
                {
                    continue;
                }

                if (reader.TokenType != JsonTokenType.String || !reader.TryGetBytesFromBase64(out var bytes))
                {
                    throw JsonRead.Expected(ref reader, "a base64 string");
                }

                data = ImmutableCollectionsMarshal.AsImmutableArray(bytes);
            }
            else if (IsTypeMeta(ref reader))
            {
                CheckTypeMeta(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }

        return new RangeAllocation(range ?? throw new JsonReadException("expected range, a string", start), data);
    }

    public override void Write(Utf8JsonWriter writer, RangeAllocation value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        WriteTypeMeta(writer);
        writer.WriteString("range"u8, value.Range);
        writer.WriteBase64String("data"u8, value.Data.AsSpan());
        writer.WriteEndObject();
    }
}
