using System.Collections.Immutable;
using System.Text.Json;
using ServiceModel.Discovery;
using ServiceModel.Services;

namespace ServiceModel.Serialization;

/// <summary>
/// A v1 <c>Pod</c> in the API's JSON, reduced to what the model carries: metadata, the container
/// ports (regular containers, then sidecars), placement, host networking, phase, conditions, addresses.
/// </summary>
internal sealed class PodJsonConverter : KubernetesObjectConverter<Pod>
{
    public override string ApiVersion => "v1";

    public override string Kind => "Pod";

    public override Pod Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var start = reader.TokenStartIndex;
        var parts = (Spec: default(SpecJson), Status: default(StatusJson));
        var meta = ReadObject(ref reader, ref parts, static (ref Utf8JsonReader r, ref (SpecJson Spec, StatusJson Status) p) =>
        {
            if (r.ValueTextEquals("spec"u8))
            {
                p.Spec = ReadSpec(ref r);
            }
            else if (r.ValueTextEquals("status"u8))
            {
                p.Status = ReadStatus(ref r);
            }
            else
            {
                return false;
            }

            return true;
        });
        var (spec, status) = parts;

        try
        {
            var podIPs = status.PodIPs.IsDefaultOrEmpty && !string.IsNullOrEmpty(status.PodIP) ? [status.PodIP] : status.PodIPs;
            return new Pod(meta.Namespace ?? "default", meta.RequireName())
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

        // The model keeps the ports, not the containers: they are written as one container's.
        writer.WritePropertyName("containers"u8);
        writer.WriteStartArray();
        writer.WriteStartObject();
        if (!value.ContainerPorts.IsDefaultOrEmpty)
        {
            writer.WritePropertyName("ports"u8);
            writer.WriteStartArray();
            foreach (var port in value.ContainerPorts)
            {
                writer.WriteStartObject();
                JsonWrite.OptionalString(writer, "name", port.Name);
                writer.WriteNumber("containerPort"u8, port.Port);
                ApiEnums.Protocol.Write(writer, "protocol", port.Protocol);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
        writer.WriteEndArray();
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

    private static SpecJson ReadSpec(ref Utf8JsonReader reader)
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
                regular = ReadContainers(ref reader, sidecarsOnly: false);
            }
            else if (reader.ValueTextEquals("initContainers"u8))
            {
                sidecars = ReadContainers(ref reader, sidecarsOnly: true);
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
    private static ImmutableArray<ContainerPort> ReadContainers(ref Utf8JsonReader reader, bool sidecarsOnly)
    {
        if (!JsonRead.StartArray(ref reader))
        {
            return [];
        }

        var builder = ImmutableArray.CreateBuilder<ContainerPort>();
        while (JsonRead.NextItem(ref reader))
        {
            JsonRead.StartObject(ref reader, "an object (a container)");
            var isSidecar = false;
            var firstPort = builder.Count;
            while (JsonRead.NextProperty(ref reader))
            {
                if (reader.ValueTextEquals("ports"u8))
                {
                    ReadContainerPorts(ref reader, builder);
                }
                else if (reader.ValueTextEquals("restartPolicy"u8))
                {
                    isSidecar = string.Equals(JsonRead.String(ref reader), "Always", StringComparison.Ordinal);
                }
                else
                {
                    reader.Skip();
                }
            }

            if (sidecarsOnly && !isSidecar)
            {
                builder.Count = firstPort;
            }
        }

        return builder.DrainToImmutable();
    }

    private static void ReadContainerPorts(ref Utf8JsonReader reader, ImmutableArray<ContainerPort>.Builder builder)
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
                    number = JsonRead.Int32(ref reader);
                }
                else if (reader.ValueTextEquals("protocol"u8))
                {
                    protocol = JsonRead.Enum(ref reader, ApiEnums.Protocol);
                }
                else
                {
                    reader.Skip();
                }
            }

            builder.Add(DiscoveryShapes.ContainerPort(
                name, number ?? throw new JsonReadException("expected containerPort, a 32-bit integer", start), protocol));
        }
    }

    private static StatusJson ReadStatus(ref Utf8JsonReader reader)
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
                status.Phase = JsonRead.ValueIsNull(ref reader) ? null : ParsePhase(ref reader);
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
                status.PodIPs = ReadPodIPs(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }

        return status;
    }

    private static PodPhase ParsePhase(ref Utf8JsonReader reader)
        => reader.TokenType == JsonTokenType.String && ApiEnums.PodPhase.TryParse(ref reader, out var phase)
            ? phase
            : throw JsonRead.Expected(ref reader, ApiEnums.PodPhase.Expected);

    private static ImmutableArray<PodCondition> ReadConditions(ref Utf8JsonReader reader)
    {
        if (!JsonRead.StartArray(ref reader))
        {
            return [];
        }

        var builder = ImmutableArray.CreateBuilder<PodCondition>();
        while (JsonRead.NextItem(ref reader))
        {
            var start = reader.TokenStartIndex;
            JsonRead.StartObject(ref reader, "an object (a pod condition)");
            string? type = null, conditionStatus = null, reason = null, message = null;
            DateTimeOffset? probed = null, changed = null;
            while (JsonRead.NextProperty(ref reader))
            {
                if (reader.ValueTextEquals("type"u8))
                {
                    type = JsonRead.String(ref reader);
                }
                else if (reader.ValueTextEquals("status"u8))
                {
                    conditionStatus = JsonRead.String(ref reader);
                }
                else if (reader.ValueTextEquals("lastProbeTime"u8))
                {
                    probed = JsonRead.Timestamp(ref reader);
                }
                else if (reader.ValueTextEquals("lastTransitionTime"u8))
                {
                    changed = JsonRead.Timestamp(ref reader);
                }
                else if (reader.ValueTextEquals("reason"u8))
                {
                    reason = JsonRead.String(ref reader);
                }
                else if (reader.ValueTextEquals("message"u8))
                {
                    message = JsonRead.String(ref reader);
                }
                else
                {
                    reader.Skip();
                }
            }

            if (type is null || conditionStatus is null)
            {
                throw new JsonReadException("expected type and status, both strings", start);
            }

            builder.Add(new PodCondition
            {
                Type = type,
                Status = conditionStatus,
                Reason = reason,
                Message = message,
                LastProbeTime = probed,
                LastTransitionTime = changed,
            });
        }

        return builder.DrainToImmutable();
    }

    private static ImmutableArray<string> ReadPodIPs(ref Utf8JsonReader reader)
    {
        if (!JsonRead.StartArray(ref reader))
        {
            return [];
        }

        var builder = ImmutableArray.CreateBuilder<string>(2);
        while (JsonRead.NextItem(ref reader))
        {
            var start = reader.TokenStartIndex;
            JsonRead.StartObject(ref reader, "an object (a pod IP)");
            string? ip = null;
            while (JsonRead.NextProperty(ref reader))
            {
                if (reader.ValueTextEquals("ip"u8))
                {
                    ip = JsonRead.String(ref reader);
                }
                else
                {
                    reader.Skip();
                }
            }

            builder.Add(ip ?? throw new JsonReadException("expected ip, a string", start));
        }

        return builder.DrainToImmutable();
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
