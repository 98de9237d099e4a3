using System.Collections.Immutable;
using System.Text.Json;
using ServiceModel.Networking;

namespace ServiceModel.Serialization;

/// <summary>
/// A <c>networking.k8s.io/v1</c> <c>IPAddress</c>: <c>metadata.name</c> (the address),
/// <c>metadata.labels</c> and <c>spec.parentRef</c> (group, resource, namespace, name, each left
/// out when empty, as Go's omitempty does).
/// </summary>
internal sealed class IPAddressObjectJsonConverter : KubernetesObjectConverter<IPAddressObject>
{
    public override string ApiVersion => "networking.k8s.io/v1";

    public override string Kind => "IPAddress";

    public override IPAddressObject Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        ParentReference? parent = null;
        var meta = ReadObject(ref reader, ref parent, static (ref Utf8JsonReader r, ref ParentReference? p) =>
        {
            if (!r.ValueTextEquals("spec"u8))
            {
                return false;
            }

            r.Read();
            if (r.TokenType == JsonTokenType.Null)
            {
                return true;
            }

            JsonRead.StartObject(ref r, "an object (spec)");
            while (JsonRead.NextProperty(ref r))
            {
                if (r.ValueTextEquals("parentRef"u8))
                {
                    p = ReadParent(ref r);
                }
                else
                {
                    r.Skip();
                }
            }

            return true;
        });

        return new IPAddressObject
        {
            Name = meta.RequireName(),
            Labels = meta.Labels ?? ImmutableDictionary<string, string>.Empty,
            ParentRef = parent,
        };
    }

    public override void Write(Utf8JsonWriter writer, IPAddressObject value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        WriteTypeMeta(writer);
        ObjectMetaJson.Start(writer);
        writer.WriteString("name"u8, value.Name);
        JsonWrite.StringMap(writer, "labels", value.Labels);
        writer.WriteEndObject();
        writer.WritePropertyName("spec"u8);
        writer.WriteStartObject();
        if (value.ParentRef is { } parent)
        {
            writer.WritePropertyName("parentRef"u8);
            writer.WriteStartObject();
            JsonWrite.NonEmptyString(writer, "group", parent.Group);
            JsonWrite.NonEmptyString(writer, "resource", parent.Resource);
            JsonWrite.NonEmptyString(writer, "namespace", parent.Namespace);
            JsonWrite.NonEmptyString(writer, "name", parent.Name);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static ParentReference? ReadParent(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        JsonRead.StartObject(ref reader, "an object (parentRef)");
        string? group = null, resource = null, @namespace = null, name = null;
        while (JsonRead.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("group"u8))
            {
                group = JsonRead.String(ref reader);
            }
            else if (reader.ValueTextEquals("resource"u8))
            {
                resource = JsonRead.String(ref reader);
            }
            else if (reader.ValueTextEquals("namespace"u8))
            {
                @namespace = JsonRead.String(ref reader);
            }
            else if (reader.ValueTextEquals("name"u8))
            {
                name = JsonRead.String(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }

        return new ParentReference { Group = group ?? "", Resource = resource ?? "", Namespace = @namespace ?? "", Name = name ?? "" };
    }
}
