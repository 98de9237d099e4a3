using System.Collections.Immutable;
using System.Text.Json;
using ServiceModel.Discovery;

namespace ServiceModel.Serialization;

/// <summary>A <c>discovery.k8s.io/v1</c> <c>EndpointSlice</c> in the API's JSON.</summary>
internal sealed class EndpointSliceJsonConverter : KubernetesObjectConverter<EndpointSlice>
{
    public override string ApiVersion => "discovery.k8s.io/v1";

    public override string Kind => "EndpointSlice";

    public override EndpointSlice Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var start = reader.TokenStartIndex;
        var parts = (AddressType: (AddressType?)null, Endpoints: ImmutableArray<Endpoint>.Empty, Ports: ImmutableArray<EndpointPort>.Empty);
        var meta = ReadObject(ref reader, ref parts, static (ref Utf8JsonReader r, ref (AddressType? AddressType, ImmutableArray<Endpoint> Endpoints, ImmutableArray<EndpointPort> Ports) p) =>
        {
            if (r.ValueTextEquals("addressType"u8))
            {
                p.AddressType = JsonRead.Enum(ref r, ApiEnums.AddressType);
            }
            else if (r.ValueTextEquals("endpoints"u8))
            {
                p.Endpoints = ReadEndpoints(ref r);
            }
            else if (r.ValueTextEquals("ports"u8))
            {
                p.Ports = DiscoveryJson.ReadPorts(ref r, discovery: true);
            }
            else
            {
                return false;
            }

            return true;
        });
        var (addressType, endpoints, ports) = parts;

        if (addressType is not { } type)
        {
            throw new JsonReadException("expected addressType, " + ApiEnums.AddressType.Expected, start);
        }

        try
        {
            return new EndpointSlice(meta.NamespaceOrDefault, meta.RequireName(), type)
            {
                GenerateName = meta.GenerateName,
                Labels = meta.Labels ?? ImmutableDictionary<string, string>.Empty,
                OwnerReferences = meta.OwnerReferences,
                Endpoints = endpoints,
                Ports = ports,
            };
        }
        catch (ArgumentException e)
        {
            throw JsonRead.Invalid(start, e);
        }
    }

    public override void Write(Utf8JsonWriter writer, EndpointSlice value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        WriteTypeMeta(writer);
        ObjectMetaJson.Start(writer);
        writer.WriteString("name"u8, value.Name);
        JsonWrite.OptionalString(writer, "generateName", value.GenerateName);
        writer.WriteString("namespace"u8, value.Namespace);
        JsonWrite.StringMap(writer, "labels", value.Labels);
        ObjectMetaJson.WriteOwnerReferences(writer, value.OwnerReferences);
        writer.WriteEndObject();
        ApiEnums.AddressType.Write(writer, "addressType", value.AddressType);
        writer.WritePropertyName("endpoints"u8);
        writer.WriteStartArray();
        foreach (var endpoint in value.Endpoints)
        {
            WriteEndpoint(writer, endpoint);
        }

        writer.WriteEndArray();
        DiscoveryJson.WritePorts(writer, value.Ports, discovery: true, always: true);
        writer.WriteEndObject();
    }

    private static void WriteEndpoint(Utf8JsonWriter writer, Endpoint endpoint)
    {
        writer.WriteStartObject();
        writer.WritePropertyName("addresses"u8);
        writer.WriteStartArray();
        foreach (var address in endpoint.Addresses)
        {
            writer.WriteStringValue(address);
        }

        writer.WriteEndArray();
        writer.WritePropertyName("conditions"u8);
        writer.WriteStartObject();
        JsonWrite.OptionalBoolean(writer, "ready", endpoint.Conditions.Ready);
        JsonWrite.OptionalBoolean(writer, "serving", endpoint.Conditions.Serving);
        JsonWrite.OptionalBoolean(writer, "terminating", endpoint.Conditions.Terminating);
        writer.WriteEndObject();
        JsonWrite.OptionalString(writer, "hostname", endpoint.Hostname);
        DiscoveryJson.WriteReference(writer, endpoint.TargetRef);
        JsonWrite.OptionalString(writer, "nodeName", endpoint.NodeName);
        JsonWrite.OptionalString(writer, "zone", endpoint.Zone);
        if (endpoint.Hints is { } hints)
        {
            writer.WritePropertyName("hints"u8);
            writer.WriteStartObject();
            WriteNames(writer, "forZones", hints.ForZones);
            WriteNames(writer, "forNodes", hints.ForNodes);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static void WriteNames(Utf8JsonWriter writer, string property, ImmutableArray<string> names)
    {
        if (names.IsDefaultOrEmpty)
        {
            return;
        }

        writer.WritePropertyName(property);
        writer.WriteStartArray();
        foreach (var name in names)
        {
            writer.WriteStartObject();
            writer.WriteString("name"u8, name);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static ImmutableArray<Endpoint> ReadEndpoints(ref Utf8JsonReader reader) => JsonRead.Array(ref reader, ReadEndpoint);

    private static Endpoint ReadEndpoint(ref Utf8JsonReader reader)
    {
        JsonRead.StartObject(ref reader, "an object (an endpoint)");
        ImmutableArray<string> addresses = [];
        EndpointConditions conditions = default;
        string? hostname = null, nodeName = null, zone = null;
        ObjectReference? targetRef = null;
        EndpointHints? hints = null;
        while (JsonRead.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("addresses"u8))
            {
                addresses = JsonRead.StringArray(ref reader);
            }
            else if (reader.ValueTextEquals("conditions"u8))
            {
                conditions = ReadConditions(ref reader);
            }
            else if (reader.ValueTextEquals("hostname"u8))
            {
                hostname = JsonRead.String(ref reader);
            }
            else if (reader.ValueTextEquals("targetRef"u8))
            {
                targetRef = DiscoveryJson.ReadReference(ref reader);
            }
            else if (reader.ValueTextEquals("nodeName"u8))
            {
                nodeName = JsonRead.String(ref reader);
            }
            else if (reader.ValueTextEquals("zone"u8))
            {
                zone = JsonRead.String(ref reader);
            }
            else if (reader.ValueTextEquals("hints"u8))
            {
                hints = ReadHints(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }

        return new Endpoint(addresses)
        {
            Conditions = conditions,
            Hostname = hostname,
            NodeName = nodeName,
            Zone = zone,
            TargetRef = targetRef,
            Hints = hints,
        };
    }

    private static EndpointConditions ReadConditions(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return default;
        }

        JsonRead.StartObject(ref reader, "an object (endpoint conditions)");
        bool? ready = null, serving = null, terminating = null;
        while (JsonRead.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("ready"u8))
            {
                ready = JsonRead.Boolean(ref reader);
            }
            else if (reader.ValueTextEquals("serving"u8))
            {
                serving = JsonRead.Boolean(ref reader);
            }
            else if (reader.ValueTextEquals("terminating"u8))
            {
                terminating = JsonRead.Boolean(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }

        return DiscoveryShapes.Conditions(ready, serving, terminating);
    }

    private static EndpointHints? ReadHints(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        JsonRead.StartObject(ref reader, "an object (endpoint hints)");
        ImmutableArray<string> zones = [], nodes = [];
        while (JsonRead.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("forZones"u8))
            {
                zones = ReadNames(ref reader);
            }
            else if (reader.ValueTextEquals("forNodes"u8))
            {
                nodes = ReadNames(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }

        return new EndpointHints { ForZones = zones, ForNodes = nodes };
    }

    private static ImmutableArray<string> ReadNames(ref Utf8JsonReader reader) => JsonRead.Array(ref reader, ReadName);

    private static string ReadName(ref Utf8JsonReader reader)
    {
        var start = reader.TokenStartIndex;
        JsonRead.StartObject(ref reader, "an object ({\"name\": …})");
        string? name = null;
        while (JsonRead.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("name"u8))
            {
                name = JsonRead.String(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }

        return name ?? throw new JsonReadException("expected name, a string", start);
    }
}
