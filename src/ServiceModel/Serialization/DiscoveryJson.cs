using System.Collections.Immutable;
using System.Text.Json;
using ServiceModel.Discovery;
using ServiceModel.Services;

namespace ServiceModel.Serialization;

/// <summary>The parts EndpointSlices and legacy Endpoints share: object references and ports.</summary>
internal static class DiscoveryJson
{
    public static ObjectReference? ReadReference(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        JsonRead.StartObject(ref reader, "an object (an object reference)");
        string? kind = null, @namespace = null, name = null, uid = null;
        while (JsonRead.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("kind"u8))
            {
                kind = JsonRead.String(ref reader);
            }
            else if (reader.ValueTextEquals("namespace"u8))
            {
                @namespace = JsonRead.String(ref reader);
            }
            else if (reader.ValueTextEquals("name"u8))
            {
                name = JsonRead.String(ref reader);
            }
            else if (reader.ValueTextEquals("uid"u8))
            {
                uid = JsonRead.String(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }

        return DiscoveryShapes.Reference(kind ?? "", @namespace ?? "", name ?? "", uid ?? "");
    }

    public static void WriteReference(Utf8JsonWriter writer, ObjectReference? reference)
    {
        if (reference is null)
        {
            return;
        }

        writer.WritePropertyName("targetRef"u8);
        writer.WriteStartObject();
        JsonWrite.NonEmptyString(writer, "kind", reference.Kind);
        JsonWrite.NonEmptyString(writer, "namespace", reference.Namespace);
        JsonWrite.NonEmptyString(writer, "name", reference.Name);
        JsonWrite.NonEmptyString(writer, "uid", reference.Uid);
        writer.WriteEndObject();
    }

    public static ImmutableArray<EndpointPort> ReadPorts(ref Utf8JsonReader reader) => JsonRead.Array(ref reader, ReadPort);

    private static EndpointPort ReadPort(ref Utf8JsonReader reader)
    {
        var start = reader.TokenStartIndex;
        JsonRead.StartObject(ref reader, "an object (an endpoint port)");
        string? name = null, appProtocol = null;
        int? port = null;
        var protocol = Protocol.TCP;
        while (JsonRead.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("name"u8))
            {
                name = JsonRead.String(ref reader);
            }
            else if (reader.ValueTextEquals("port"u8))
            {
                port = JsonRead.NullableInt32(ref reader);
            }
            else if (reader.ValueTextEquals("protocol"u8))
            {
                protocol = JsonRead.Enum(ref reader, ApiEnums.Protocol);
            }
            else if (reader.ValueTextEquals("appProtocol"u8))
            {
                appProtocol = JsonRead.String(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }

        return DiscoveryShapes.Port(
            name ?? "", port ?? throw new JsonReadException("expected port, a 32-bit integer", start), protocol, appProtocol);
    }

    /// <summary>
    /// Writes ports in the order of <paramref name="discovery"/>'s API: <c>discovery.k8s.io/v1</c>
    /// has name, protocol, port; core <c>v1</c> has name, port, protocol (and omits an empty name).
    /// </summary>
    public static void WritePorts(Utf8JsonWriter writer, ImmutableArray<EndpointPort> ports, bool discovery, bool always)
    {
        if (ports.IsDefaultOrEmpty && !always)
        {
            return;
        }

        writer.WritePropertyName("ports"u8);
        writer.WriteStartArray();
        foreach (var port in ports.IsDefault ? [] : ports)
        {
            writer.WriteStartObject();
            if (discovery)
            {
                writer.WriteString("name"u8, port.Name);
                ApiEnums.Protocol.Write(writer, "protocol", port.Protocol);
                writer.WriteNumber("port"u8, port.Port);
            }
            else
            {
                JsonWrite.NonEmptyString(writer, "name", port.Name);
                writer.WriteNumber("port"u8, port.Port);
                ApiEnums.Protocol.Write(writer, "protocol", port.Protocol);
            }

            JsonWrite.OptionalString(writer, "appProtocol", port.AppProtocol);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }
}
