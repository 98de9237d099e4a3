using System.Collections.Immutable;
using System.Text.Json;
using ServiceModel.Discovery;
using ServiceModel.Services;

namespace ServiceModel.Serialization;

/// <summary>
/// A v1 <c>Pod</c> in the API's JSON, reduced to what the model carries: metadata, the containers'
/// names and ports (regular containers, then sidecars), placement, host networking, phase,
/// conditions, addresses.
/// </summary>
internal sealed class PodJsonConverter : KubernetesObjectConverter<Pod>
{
    public override string ApiVersion => "v1";

    public override string Kind => "Pod";

    private const string SidecarRestartPolicy = "Always";

    public override Pod Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var start = reader.TokenStartIndex;
        var meta = ReadObject(ref reader, ReadSpec, ReadStatus, out var spec, out var status);

        try
        {
            var podIPs = status.PodIPs.IsDefaultOrEmpty && !string.IsNullOrEmpty(status.PodIP) ? [status.PodIP] : status.PodIPs;
            return new Pod(meta.NamespaceOrDefault, meta.RequireName())
            {
                Uid = meta.Uid ?? "",
                Labels = meta.Labels ?? ImmutableDictionary<string, string>.Empty,
                DeletionTimestamp = meta.DeletionTimestamp,
                NodeName = spec.NodeName,
                Hostname = spec.Hostname,
                Subdomain = spec.Subdomain,
                HostNetwork = spec.HostNetwork,
                ContainerPorts = spec.Ports,
                Phase = status.Phase ?? PodPhase.Pending,
                Conditions = status.Conditions,
                PodIPs = DiscoveryShapes.PodIPs(podIPs.IsDefault ? [] : podIPs),
            };
        }
        catch (ArgumentException e)
        {
            throw JsonRead.Invalid(start, e);
        }
    }

    public override void Write(Utf8JsonWriter writer, Pod value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        WriteTypeMeta(writer);
        ObjectMetaJson.Start(writer);
        writer.WriteString("name"u8, value.Name);
        writer.WriteString("namespace"u8, value.Namespace);
        JsonWrite.NonEmptyString(writer, "uid", value.Uid);
        JsonWrite.OptionalTimestamp(writer, "deletionTimestamp", value.DeletionTimestamp);
        JsonWrite.StringMap(writer, "labels", value.Labels);
        writer.WriteEndObject();

        writer.WritePropertyName("spec"u8);
        writer.WriteStartObject();

        // The model keeps each port's container: consecutive ports of one container make it again,
        // sidecars under initContainers (which the API writes first) with their restart policy.
        var ports = value.ContainerPorts.IsDefault ? [] : value.ContainerPorts;
        if (HasSidecars(ports))
        {
            writer.WritePropertyName("initContainers"u8);
            WriteContainers(writer, ports, sidecars: true);
        }

        writer.WritePropertyName("containers"u8);
        WriteContainers(writer, ports, sidecars: false);
        JsonWrite.OptionalString(writer, "nodeName", value.NodeName);
        if (value.HostNetwork)
        {
            writer.WriteBoolean("hostNetwork"u8, true);
        }

        JsonWrite.OptionalString(writer, "hostname", value.Hostname);
        JsonWrite.OptionalString(writer, "subdomain", value.Subdomain);
        writer.WriteEndObject();

        writer.WritePropertyName("status"u8);
        writer.WriteStartObject();
        ApiEnums.PodPhase.Write(writer, "phase", value.Phase);
        if (!value.Conditions.IsDefaultOrEmpty)
        {
            writer.WritePropertyName("conditions"u8);
            writer.WriteStartArray();
            foreach (var condition in value.Conditions)
            {
                writer.WriteStartObject();
                writer.WriteString("type"u8, condition.Type);
                writer.WriteString("status"u8, condition.Status);
                JsonWrite.TimestampOrNull(writer, "lastProbeTime", condition.LastProbeTime);
                JsonWrite.TimestampOrNull(writer, "lastTransitionTime", condition.LastTransitionTime);
                JsonWrite.OptionalString(writer, "reason", condition.Reason);
                JsonWrite.OptionalString(writer, "message", condition.Message);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        var ips = DiscoveryShapes.PodIPText(value);
        if (!ips.IsEmpty)
        {
            writer.WriteString("podIP"u8, ips[0]);
            writer.WritePropertyName("podIPs"u8);
            writer.WriteStartArray();
            foreach (var ip in ips)
            {
                writer.WriteStartObject();
                writer.WriteString("ip"u8, ip);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static bool HasSidecars(ImmutableArray<ContainerPort> ports)
    {
        foreach (var port in ports)
        {
            if (port.IsSidecar)
            {
                return true;
            }
        }

        return false;
    }

    // The containers of one kind, each a run of consecutive ports with the same container name; at
    // least one (possibly empty) regular container, as the API requires one.
    private static void WriteContainers(Utf8JsonWriter writer, ImmutableArray<ContainerPort> ports, bool sidecars)
    {
        writer.WriteStartArray();
        var any = false;
        for (var i = 0; i < ports.Length;)
        {
            if (ports[i].IsSidecar != sidecars)
            {
                i++;
                continue;
            }

            var container = ports[i].ContainerName;
            writer.WriteStartObject();
            JsonWrite.OptionalString(writer, "name", container);
            writer.WritePropertyName("ports"u8);
            writer.WriteStartArray();
            for (; i < ports.Length && ports[i].IsSidecar == sidecars && string.Equals(ports[i].ContainerName, container, StringComparison.Ordinal); i++)
            {
                writer.WriteStartObject();
                JsonWrite.OptionalString(writer, "name", ports[i].Name);
                writer.WriteNumber("containerPort"u8, ports[i].Port);
                ApiEnums.Protocol.Write(writer, "protocol", ports[i].Protocol);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            if (sidecars)
            {
                writer.WriteString("restartPolicy"u8, SidecarRestartPolicy);
            }

            writer.WriteEndObject();
            any = true;
        }

        if (!any && !sidecars)
        {
            writer.WriteStartObject();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static SpecJson ReadSpec(ref Utf8JsonReader reader, in ObjectMetaJson meta)
    {
        var spec = default(SpecJson);
        spec.Ports = [];
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return spec;
        }

        JsonRead.StartObject(ref reader, "an object (spec)");
        ImmutableArray<ContainerPort> regular = [], sidecars = [];
        while (JsonRead.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("containers"u8))
            {
                regular = ReadContainers(ref reader, initContainers: false);
            }
            else if (reader.ValueTextEquals("initContainers"u8))
            {
                sidecars = ReadContainers(ref reader, initContainers: true);
            }
            else if (reader.ValueTextEquals("nodeName"u8))
            {
                spec.NodeName = JsonRead.String(ref reader);
            }
            else if (reader.ValueTextEquals("hostNetwork"u8))
            {
                spec.HostNetwork = JsonRead.Boolean(ref reader) ?? false;
            }
            else if (reader.ValueTextEquals("hostname"u8))
            {
                spec.Hostname = JsonRead.String(ref reader);
            }
            else if (reader.ValueTextEquals("subdomain"u8))
            {
                spec.Subdomain = JsonRead.String(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }

        spec.Ports = sidecars.IsEmpty ? regular : regular.AddRange(sidecars);
        return spec;
    }

    // Ports of every container; of init containers only the sidecars (restartPolicy: Always) serve.
    private static ImmutableArray<ContainerPort> ReadContainers(ref Utf8JsonReader reader, bool initContainers)
    {
        if (!JsonRead.StartArray(ref reader))
        {
            return [];
        }

        var ports = default(ArrayCollector<ContainerPort>);
        while (JsonRead.NextItem(ref reader))
        {
            JsonRead.StartObject(ref reader, "an object (a container)");
            var isSidecar = false;
            var firstPort = ports.Count;
            string? name = null;
            var portsBeforeName = false;
            while (JsonRead.NextProperty(ref reader))
            {
                if (reader.ValueTextEquals("ports"u8))
                {
                    portsBeforeName = name is null;
                    ReadContainerPorts(ref reader, ref ports, name, initContainers);
                }
                else if (reader.ValueTextEquals("name"u8))
                {
                    name = JsonRead.String(ref reader);
                }
                else if (reader.ValueTextEquals("restartPolicy"u8))
                {
                    isSidecar = string.Equals(JsonRead.String(ref reader), SidecarRestartPolicy, StringComparison.Ordinal);
                }
                else
                {
                    reader.Skip();
                }
            }

            if (initContainers && !isSidecar)
            {
                ports.Truncate(firstPort);
            }
            else if (portsBeforeName && name is not null)
            {
                // The API writes the name first; a manifest may not.
                foreach (ref var port in ports.Items[firstPort..])
                {
                    port = port with { ContainerName = name };
                }
            }
        }

        return ports.Drain();
    }

    private static void ReadContainerPorts(ref Utf8JsonReader reader, ref ArrayCollector<ContainerPort> ports, string? container, bool isSidecar)
    {
        if (!JsonRead.StartArray(ref reader))
        {
            return;
        }

        while (JsonRead.NextItem(ref reader))
        {
            var start = reader.TokenStartIndex;
            JsonRead.StartObject(ref reader, "an object (a container port)");
            string? name = null;
            int? number = null;
            var protocol = Protocol.TCP;
            while (JsonRead.NextProperty(ref reader))
            {
                if (reader.ValueTextEquals("name"u8))
                {
                    name = JsonRead.String(ref reader);
                }
                else if (reader.ValueTextEquals("containerPort"u8))
                {
                    number = JsonRead.NullableInt32(ref reader);
                }
                else if (reader.ValueTextEquals("protocol"u8))
                {
                    protocol = JsonRead.DefaultedEnum(ref reader, ApiEnums.Protocol, Protocol.TCP);
                }
                else
                {
                    reader.Skip();
                }
            }

            ports.Add(DiscoveryShapes.ContainerPort(
                name, number ?? throw new JsonReadException("expected containerPort, a 32-bit integer", start), protocol, container, isSidecar));
        }
    }

    private static StatusJson ReadStatus(ref Utf8JsonReader reader, in ObjectMetaJson meta)
    {
        var status = default(StatusJson);
        status.Conditions = [];
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return status;
        }

        JsonRead.StartObject(ref reader, "an object (status)");
        while (JsonRead.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("phase"u8))
            {
                status.Phase = JsonRead.OptionalEnum(ref reader, ApiEnums.PodPhase);
            }
            else if (reader.ValueTextEquals("conditions"u8))
            {
                status.Conditions = ReadConditions(ref reader);
            }
            else if (reader.ValueTextEquals("podIP"u8))
            {
                status.PodIP = JsonRead.String(ref reader);
            }
            else if (reader.ValueTextEquals("podIPs"u8))
            {
                status.PodIPs = ReadPodIPs(ref reader, status.PodIP);
            }
            else
            {
                reader.Skip();
            }
        }

        return status;
    }

    private static ImmutableArray<PodCondition> ReadConditions(ref Utf8JsonReader reader) => JsonRead.Array(ref reader, ReadCondition);

    private static PodCondition ReadCondition(ref Utf8JsonReader reader)
    {
        var start = reader.TokenStartIndex;
        var condition = ConditionJson.Read(ref reader, "an object (a pod condition)");
        if (condition.Type is null || condition.Status is null)
        {
            throw new JsonReadException("expected type and status, both strings", start);
        }

        return new PodCondition
        {
            Type = condition.Type,
            Status = condition.Status,
            Reason = condition.Reason,
            Message = condition.Message,
            LastProbeTime = condition.LastProbeTime,
            LastTransitionTime = condition.LastTransitionTime,
        };
    }

    private static ImmutableArray<string> ReadPodIPs(ref Utf8JsonReader reader, string? podIP)
    {
        if (!JsonRead.StartArray(ref reader))
        {
            return [];
        }

        var builder = default(ArrayCollector<string>);
        while (JsonRead.NextItem(ref reader))
        {
            var start = reader.TokenStartIndex;
            JsonRead.StartObject(ref reader, "an object (a pod IP)");
            string? ip = null;
            while (JsonRead.NextProperty(ref reader))
            {
                if (reader.ValueTextEquals("ip"u8))
                {
                    ip = JsonRead.String(ref reader, podIP);
                }
                else
                {
                    reader.Skip();
                }
            }

            builder.Add(ip ?? throw new JsonReadException("expected ip, a string", start));
        }

        return builder.Drain();
    }

    private struct SpecJson
    {
        public ImmutableArray<ContainerPort> Ports;
        public string? NodeName;
        public string? Hostname;
        public string? Subdomain;
        public bool HostNetwork;
    }

    private struct StatusJson
    {
        public PodPhase? Phase;
        public ImmutableArray<PodCondition> Conditions;
        public string? PodIP;
        public ImmutableArray<string> PodIPs;
    }
}
