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

    /// <summary>
    /// Reads ports of <c>discovery.k8s.io/v1</c> (<paramref name="discovery"/>) or core <c>v1</c>.
    /// Both read an absent or null number as 0 (discovery/v1 holds it in a pointer, nil meaning
    /// unset; core v1 in an int32, zero). The protocol differs: core v1 holds it in a plain string, so
    /// null and <c>""</c> are defaulted to TCP (<c>SetDefaults_Endpoints</c>); discovery/v1 in a
    /// pointer, so only null is (<c>SetDefaults_EndpointPort</c>) and <c>""</c> is refused.
    /// </summary>
    public static ImmutableArray<EndpointPort> ReadPorts(ref Utf8JsonReader reader, bool discovery)
        => JsonRead.Array<EndpointPort>(ref reader, discovery ? ReadSlicePort : ReadEndpointsPort);

    private static EndpointPort ReadSlicePort(ref Utf8JsonReader reader) => ReadPort(ref reader, discovery: true);

    private static EndpointPort ReadEndpointsPort(ref Utf8JsonReader reader) => ReadPort(ref reader, discovery: false);

    private static EndpointPort ReadPort(ref Utf8JsonReader reader, bool discovery)
    {
        JsonRead.StartObject(ref reader, "an object (an endpoint port)");
        string? name = null, appProtocol = null;
        var port = 0;
        var protocol = Protocol.TCP;
        while (JsonRead.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("name"u8))
            {
                name = JsonRead.String(ref reader);
            }
            else if (reader.ValueTextEquals("port"u8))
            {
                port = JsonRead.Int32(ref reader);
            }
            else if (reader.ValueTextEquals("protocol"u8))
            {
                protocol = (discovery ? JsonRead.PointerEnum(ref reader, ApiEnums.Protocol) : JsonRead.OptionalEnum(ref reader, ApiEnums.Protocol)) ?? Protocol.TCP;
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

        return DiscoveryShapes.Port(name ?? "", port, protocol, appProtocol);
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
