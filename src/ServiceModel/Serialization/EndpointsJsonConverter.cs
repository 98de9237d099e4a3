using System.Collections.Immutable;
using System.Text.Json;
using ServiceModel.Discovery;

namespace ServiceModel.Serialization;

/// <summary>A legacy v1 <c>Endpoints</c> in the API's JSON.</summary>
internal sealed class EndpointsJsonConverter : KubernetesObjectConverter<Endpoints>
{
    public override string ApiVersion => "v1";

    public override string Kind => "Endpoints";

    public override Endpoints Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var start = reader.TokenStartIndex;
        var subsets = ImmutableArray<EndpointSubset>.Empty;
        var meta = ReadObject(ref reader, ref subsets, static (ref Utf8JsonReader r, ref ImmutableArray<EndpointSubset> p) =>
        {
            if (!r.ValueTextEquals("subsets"u8))
            {
                return false;
            }

            p = ReadSubsets(ref r);
            return true;
        });

        try
        {
            return new Endpoints(meta.NamespaceOrDefault, meta.RequireName())
            {
                Labels = meta.Labels ?? ImmutableDictionary<string, string>.Empty,
                Annotations = meta.Annotations ?? ImmutableDictionary<string, string>.Empty,
                Subsets = subsets,
            };
        }
        catch (ArgumentException e)
        {
            throw JsonRead.Invalid(start, e);
        }
    }

    public override void Write(Utf8JsonWriter writer, Endpoints value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        WriteTypeMeta(writer);
        ObjectMetaJson.Start(writer);
        writer.WriteString("name"u8, value.Name);
        writer.WriteString("namespace"u8, value.Namespace);
        JsonWrite.StringMap(writer, "labels", value.Labels);
        JsonWrite.StringMap(writer, "annotations", value.Annotations);
        writer.WriteEndObject();
        if (!value.Subsets.IsDefaultOrEmpty)
        {
            writer.WritePropertyName("subsets"u8);
            writer.WriteStartArray();
            foreach (var subset in value.Subsets)
            {
                writer.WriteStartObject();
                WriteAddresses(writer, "addresses", subset.Addresses);
                WriteAddresses(writer, "notReadyAddresses", subset.NotReadyAddresses);
                DiscoveryJson.WritePorts(writer, subset.Ports, discovery: false, always: false);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    private static void WriteAddresses(Utf8JsonWriter writer, string property, ImmutableArray<EndpointAddress> addresses)
    {
        if (addresses.IsDefaultOrEmpty)
        {
            return;
        }

        writer.WritePropertyName(property);
        writer.WriteStartArray();
        foreach (var address in addresses)
        {
            writer.WriteStartObject();
            writer.WriteString("ip"u8, address.IP);
            JsonWrite.OptionalString(writer, "hostname", address.Hostname);
            JsonWrite.OptionalString(writer, "nodeName", address.NodeName);
            DiscoveryJson.WriteReference(writer, address.TargetRef);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static ImmutableArray<EndpointSubset> ReadSubsets(ref Utf8JsonReader reader) => JsonRead.Array(ref reader, ReadSubset);

    private static EndpointSubset ReadSubset(ref Utf8JsonReader reader)
    {
        JsonRead.StartObject(ref reader, "an object (an endpoint subset)");
        ImmutableArray<EndpointAddress> ready = [], notReady = [];
        ImmutableArray<EndpointPort> ports = [];
        while (JsonRead.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("addresses"u8))
            {
                ready = ReadAddresses(ref reader);
            }
            else if (reader.ValueTextEquals("notReadyAddresses"u8))
            {
                notReady = ReadAddresses(ref reader);
            }
            else if (reader.ValueTextEquals("ports"u8))
            {
                ports = DiscoveryJson.ReadPorts(ref reader, discovery: false);
            }
            else
            {
                reader.Skip();
            }
        }

        return new EndpointSubset { Addresses = ready, NotReadyAddresses = notReady, Ports = ports };
    }

    private static ImmutableArray<EndpointAddress> ReadAddresses(ref Utf8JsonReader reader) => JsonRead.Array(ref reader, ReadAddress);

    private static EndpointAddress ReadAddress(ref Utf8JsonReader reader)
    {
        var start = reader.TokenStartIndex;
        JsonRead.StartObject(ref reader, "an object (an endpoint address)");
        string? ip = null, hostname = null, nodeName = null;
        ObjectReference? targetRef = null;
        while (JsonRead.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("ip"u8))
            {
                ip = JsonRead.String(ref reader);
            }
            else if (reader.ValueTextEquals("hostname"u8))
            {
                hostname = JsonRead.String(ref reader);
            }
            else if (reader.ValueTextEquals("nodeName"u8))
            {
                nodeName = JsonRead.String(ref reader);
            }
            else if (reader.ValueTextEquals("targetRef"u8))
            {
                targetRef = DiscoveryJson.ReadReference(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }

        return DiscoveryShapes.Address(ip ?? throw new JsonReadException("expected ip, a string", start), hostname, nodeName, targetRef);
    }
}
