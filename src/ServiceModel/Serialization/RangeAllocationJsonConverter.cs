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
        var parts = (Range: (string?)null, Data: ImmutableArray<byte>.Empty);
        var meta = ReadObject(ref reader, ref parts, static (ref Utf8JsonReader r, ref (string? Range, ImmutableArray<byte> Data) p) =>
        {
            if (r.ValueTextEquals("range"u8))
            {
                p.Range = JsonRead.String(ref r);
            }
            else if (r.ValueTextEquals("data"u8))
            {
                r.Read();
                if (r.TokenType == JsonTokenType.Null)
                {
                    return true;
                }

                if (r.TokenType != JsonTokenType.String || !r.TryGetBytesFromBase64(out var bytes))
                {
                    throw JsonRead.Expected(ref r, "a base64 string");
                }

                p.Data = ImmutableCollectionsMarshal.AsImmutableArray(bytes);
            }
            else
            {
                return false;
            }

            return true;
        });
        var (range, data) = parts;

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
