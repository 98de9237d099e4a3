using System.Collections.Immutable;
using System.Text.Json;
using ServiceModel.Services;

namespace ServiceModel.Serialization;

/// <summary>A v1 <c>Service</c> in the API's JSON.</summary>
internal sealed class ServiceJsonConverter : KubernetesObjectConverter<Service>
{
    public override string ApiVersion => "v1";

    public override string Kind => "Service";

    public override Service Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var meta = ReadObject(ref reader, ReadSpec, ReadStatus, out var spec, out var status);
        var name = meta.RequireName();
        try
        {
            return new Service
            {
                Name = name,
                Namespace = meta.NamespaceOrDefault,
                Labels = meta.Labels ?? ImmutableDictionary<string, string>.Empty,
                Annotations = meta.Annotations ?? ImmutableDictionary<string, string>.Empty,
                Uid = meta.Uid ?? "",
                ResourceVersion = meta.ResourceVersion,
                CreationTimestamp = meta.CreationTimestamp,
                DeletionTimestamp = meta.DeletionTimestamp,
                Spec = spec ?? ServiceSpec.Default,
                Status = status ?? ServiceStatus.Empty,
            };
        }
        catch (ArgumentException e)
        {
            throw JsonRead.Invalid(meta.Offset, e);
        }
    }

    public override void Write(Utf8JsonWriter writer, Service value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        WriteTypeMeta(writer);
        ObjectMetaJson.Start(writer);
        writer.WriteString("name"u8, value.Name);
        writer.WriteString("namespace"u8, value.Namespace);
        JsonWrite.NonEmptyString(writer, "uid", value.Uid);
        JsonWrite.OptionalString(writer, "resourceVersion", value.ResourceVersion);
        JsonWrite.TimestampOrNull(writer, "creationTimestamp", value.CreationTimestamp);
        JsonWrite.OptionalTimestamp(writer, "deletionTimestamp", value.DeletionTimestamp);
        JsonWrite.StringMap(writer, "labels", value.Labels);
        JsonWrite.StringMap(writer, "annotations", value.Annotations);
        writer.WriteEndObject();
        WriteSpec(writer, value.Spec);
        WriteStatus(writer, value.Status);
        writer.WriteEndObject();
    }

    private static ServiceSpec ReadSpec(ref Utf8JsonReader reader, in ObjectMetaJson meta)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return ServiceSpec.Default;
        }

        JsonRead.StartObject(ref reader, "an object (spec)");
        var start = reader.TokenStartIndex;
        var type = ServiceType.ClusterIP;
        ImmutableDictionary<string, string>? selector = null;
        ImmutableArray<ServicePort> ports = [];
        string? clusterIP = null, externalName = null, loadBalancerClass = null, loadBalancerIP = null, trafficDistribution = null;
        ImmutableArray<string> clusterIPs = [], externalIPs = [], sourceRanges = [];
        ImmutableArray<Networking.IPFamily> families = [];
        IPFamilyPolicy? familyPolicy = null;
        TrafficPolicy? externalPolicy = null, internalPolicy = null;
        var healthCheckNodePort = 0;
        var affinity = SessionAffinity.None;
        SessionAffinityConfig? affinityConfig = null;
        var publishNotReady = false;
        bool? allocateNodePorts = null;
        while (JsonRead.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("ports"u8))
            {
                ports = ReadPorts(ref reader);
            }
            else if (reader.ValueTextEquals("selector"u8))
            {
                selector = JsonRead.StringMap(ref reader, meta.Labels, meta.Name, meta.Namespace);
            }
            else if (reader.ValueTextEquals("clusterIP"u8))
            {
                clusterIP = JsonRead.String(ref reader, clusterIPs.IsDefaultOrEmpty ? null : clusterIPs[0]);
            }
            else if (reader.ValueTextEquals("clusterIPs"u8))
            {
                clusterIPs = JsonRead.StringArray(ref reader, clusterIP);
            }
            else if (reader.ValueTextEquals("type"u8))
            {
                type = JsonRead.DefaultedEnum(ref reader, ApiEnums.ServiceType, ServiceType.ClusterIP);
            }
            else if (reader.ValueTextEquals("externalIPs"u8))
            {
                externalIPs = JsonRead.StringArray(ref reader);
            }
            else if (reader.ValueTextEquals("sessionAffinity"u8))
            {
                affinity = JsonRead.DefaultedEnum(ref reader, ApiEnums.SessionAffinity, SessionAffinity.None);
            }
            else if (reader.ValueTextEquals("loadBalancerIP"u8))
            {
                loadBalancerIP = JsonRead.String(ref reader);
            }
            else if (reader.ValueTextEquals("loadBalancerSourceRanges"u8))
            {
                sourceRanges = JsonRead.StringArray(ref reader);
            }
            else if (reader.ValueTextEquals("externalName"u8))
            {
                externalName = JsonRead.String(ref reader);
            }
            else if (reader.ValueTextEquals("externalTrafficPolicy"u8))
            {
                externalPolicy = JsonRead.OptionalEnum(ref reader, ApiEnums.TrafficPolicy);
            }
            else if (reader.ValueTextEquals("healthCheckNodePort"u8))
            {
                healthCheckNodePort = JsonRead.Int32(ref reader);
            }
            else if (reader.ValueTextEquals("publishNotReadyAddresses"u8))
            {
                publishNotReady = JsonRead.Boolean(ref reader) ?? false;
            }
            else if (reader.ValueTextEquals("sessionAffinityConfig"u8))
            {
                affinityConfig = ReadAffinityConfig(ref reader);
            }
            else if (reader.ValueTextEquals("ipFamilies"u8))
            {
                families = ReadFamilies(ref reader);
            }
            else if (reader.ValueTextEquals("ipFamilyPolicy"u8))
            {
                familyPolicy = JsonRead.PointerEnum(ref reader, ApiEnums.IPFamilyPolicy);
            }
            else if (reader.ValueTextEquals("allocateLoadBalancerNodePorts"u8))
            {
                allocateNodePorts = JsonRead.Boolean(ref reader);
            }
            else if (reader.ValueTextEquals("loadBalancerClass"u8))
            {
                loadBalancerClass = JsonRead.String(ref reader);
            }
            else if (reader.ValueTextEquals("internalTrafficPolicy"u8))
            {
                internalPolicy = JsonRead.PointerEnum(ref reader, ApiEnums.TrafficPolicy);
            }
            else if (reader.ValueTextEquals("trafficDistribution"u8))
            {
                trafficDistribution = JsonRead.WellKnownString(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }

        try
        {
            return new ServiceSpec
            {
                Type = type,
                Selector = selector,
                Ports = ports,
                ClusterIP = clusterIP,
                ClusterIPs = clusterIPs,
                IPFamilies = families,
                IPFamilyPolicy = familyPolicy,
                ExternalName = externalName,
                ExternalIPs = externalIPs,
                ExternalTrafficPolicy = externalPolicy,
                InternalTrafficPolicy = internalPolicy,
                HealthCheckNodePort = healthCheckNodePort,
                SessionAffinity = affinity,
                SessionAffinityConfig = affinityConfig,
                PublishNotReadyAddresses = publishNotReady,
                AllocateLoadBalancerNodePorts = allocateNodePorts,
                LoadBalancerClass = loadBalancerClass,
                LoadBalancerIP = loadBalancerIP,
                LoadBalancerSourceRanges = sourceRanges,
                TrafficDistribution = trafficDistribution,
            };
        }
        catch (ArgumentException e)
        {
            throw JsonRead.Invalid(start, e);
        }
    }

    // Every valid Service has one of these four family lists: read ones share them.
    private static readonly ImmutableArray<Networking.IPFamily>[] s_familyLists =
    [
        [Networking.IPFamily.IPv4],
        [Networking.IPFamily.IPv6],
        [Networking.IPFamily.IPv4, Networking.IPFamily.IPv6],
        [Networking.IPFamily.IPv6, Networking.IPFamily.IPv4],
    ];

    private static ImmutableArray<Networking.IPFamily> ReadFamilies(ref Utf8JsonReader reader)
    {
        if (!JsonRead.StartArray(ref reader))
        {
            return [];
        }

        var families = default(ArrayCollector<Networking.IPFamily>);
        while (JsonRead.NextItem(ref reader))
        {
            families.Add(ReadFamily(ref reader));
        }

        return families.Drain(s_familyLists);
    }

    private static Networking.IPFamily ReadFamily(ref Utf8JsonReader reader) => JsonRead.EnumHere(ref reader, ApiEnums.IPFamily);

    private static SessionAffinityConfig? ReadAffinityConfig(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        JsonRead.StartObject(ref reader, "an object (sessionAffinityConfig)");
        ClientIPConfig? clientIP = null;
        while (JsonRead.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("clientIP"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.Null)
                {
                    continue;
                }

                JsonRead.StartObject(ref reader, "an object (clientIP)");
                clientIP = new ClientIPConfig();
                while (JsonRead.NextProperty(ref reader))
                {
                    if (reader.ValueTextEquals("timeoutSeconds"u8))
                    {
                        clientIP = new ClientIPConfig { TimeoutSeconds = JsonRead.NullableInt32(ref reader) };
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
            }
            else
            {
                reader.Skip();
            }
        }

        return new SessionAffinityConfig { ClientIP = clientIP };
    }

    private static ImmutableArray<ServicePort> ReadPorts(ref Utf8JsonReader reader) => JsonRead.Array(ref reader, ReadPort);

    private static ServicePort ReadPort(ref Utf8JsonReader reader)
    {
        var start = reader.TokenStartIndex;
        JsonRead.StartObject(ref reader, "an object (a Service port)");
        string? name = null, appProtocol = null;
        var protocol = Protocol.TCP;
        int? port = null;
        var nodePort = 0;
        PortNumberOrName targetPort = default;
        while (JsonRead.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("name"u8))
            {
                name = JsonRead.String(ref reader);
            }
            else if (reader.ValueTextEquals("protocol"u8))
            {
                protocol = JsonRead.DefaultedEnum(ref reader, ApiEnums.Protocol, Protocol.TCP);
            }
            else if (reader.ValueTextEquals("appProtocol"u8))
            {
                appProtocol = JsonRead.String(ref reader, name);
            }
            else if (reader.ValueTextEquals("port"u8))
            {
                port = JsonRead.NullableInt32(ref reader);
            }
            else if (reader.ValueTextEquals("targetPort"u8))
            {
                targetPort = IntOrStringJson.Read(ref reader);
            }
            else if (reader.ValueTextEquals("nodePort"u8))
            {
                nodePort = JsonRead.Int32(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }

        if (port is not { } number)
        {
            throw new JsonReadException("expected port, a 32-bit integer", start);
        }

        try
        {
            return new ServicePort
            {
                Name = name,
                Protocol = protocol,
                AppProtocol = appProtocol,
                Port = number,
                TargetPort = targetPort,
                NodePort = nodePort,
            };
        }
        catch (ArgumentException e)
        {
            throw JsonRead.Invalid(start, e);
        }
    }

    private static ServiceStatus ReadStatus(ref Utf8JsonReader reader, in ObjectMetaJson meta)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return ServiceStatus.Empty;
        }

        JsonRead.StartObject(ref reader, "an object (status)");
        ImmutableArray<LoadBalancerIngress> ingress = [];
        while (JsonRead.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("loadBalancer"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.Null)
                {
                    continue;
                }

                JsonRead.StartObject(ref reader, "an object (loadBalancer)");
                while (JsonRead.NextProperty(ref reader))
                {
                    if (reader.ValueTextEquals("ingress"u8))
                    {
                        ingress = ReadIngress(ref reader);
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
            }
            else
            {
                reader.Skip();
            }
        }

        return ingress.IsEmpty ? ServiceStatus.Empty : new ServiceStatus { LoadBalancer = new LoadBalancerStatus { Ingress = ingress } };
    }

    private static ImmutableArray<LoadBalancerIngress> ReadIngress(ref Utf8JsonReader reader) => JsonRead.Array(ref reader, ReadIngressPoint);

    private static LoadBalancerIngress ReadIngressPoint(ref Utf8JsonReader reader)
    {
        JsonRead.StartObject(ref reader, "an object (a load balancer ingress)");
        string? ip = null, hostname = null, ipMode = null;
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
            else if (reader.ValueTextEquals("ipMode"u8))
            {
                ipMode = JsonRead.String(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }

        return new LoadBalancerIngress { IP = ip, Hostname = hostname, IPMode = ipMode };
    }

    private static void WriteSpec(Utf8JsonWriter writer, ServiceSpec spec)
    {
        writer.WritePropertyName("spec"u8);
        writer.WriteStartObject();
        if (!spec.Ports.IsDefaultOrEmpty)
        {
            writer.WritePropertyName("ports"u8);
            writer.WriteStartArray();
            foreach (var port in spec.Ports)
            {
                writer.WriteStartObject();
                JsonWrite.OptionalString(writer, "name", port.Name);
                ApiEnums.Protocol.Write(writer, "protocol", port.Protocol);
                JsonWrite.OptionalString(writer, "appProtocol", port.AppProtocol);
                writer.WriteNumber("port"u8, port.Port);
                IntOrStringJson.Write(writer, "targetPort", port.TargetPort);
                JsonWrite.NonZero(writer, "nodePort", port.NodePort);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        JsonWrite.StringMap(writer, "selector", spec.Selector);
        JsonWrite.OptionalString(writer, "clusterIP", spec.ClusterIP);
        JsonWrite.StringArray(writer, "clusterIPs", spec.ClusterIPs);
        ApiEnums.ServiceType.Write(writer, "type", spec.Type);
        JsonWrite.StringArray(writer, "externalIPs", spec.ExternalIPs);
        ApiEnums.SessionAffinity.Write(writer, "sessionAffinity", spec.SessionAffinity);
        JsonWrite.OptionalString(writer, "loadBalancerIP", spec.LoadBalancerIP);
        JsonWrite.StringArray(writer, "loadBalancerSourceRanges", spec.LoadBalancerSourceRanges);
        JsonWrite.OptionalString(writer, "externalName", spec.ExternalName);
        if (spec.ExternalTrafficPolicy is { } external)
        {
            ApiEnums.TrafficPolicy.Write(writer, "externalTrafficPolicy", external);
        }

        JsonWrite.NonZero(writer, "healthCheckNodePort", spec.HealthCheckNodePort);
        if (spec.PublishNotReadyAddresses)
        {
            writer.WriteBoolean("publishNotReadyAddresses"u8, true);
        }

        if (spec.SessionAffinityConfig is { } config)
        {
            writer.WritePropertyName("sessionAffinityConfig"u8);
            writer.WriteStartObject();
            if (config.ClientIP is { } clientIP)
            {
                writer.WritePropertyName("clientIP"u8);
                writer.WriteStartObject();
                if (clientIP.TimeoutSeconds is { } timeout)
                {
                    writer.WriteNumber("timeoutSeconds"u8, timeout);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        if (!spec.IPFamilies.IsDefaultOrEmpty)
        {
            writer.WritePropertyName("ipFamilies"u8);
            writer.WriteStartArray();
            foreach (var family in spec.IPFamilies)
            {
                writer.WriteStringValue(ApiEnums.IPFamily.NameOf(family) ?? throw new JsonException($"cannot write IPFamily value {family}: expected {ApiEnums.IPFamily.Expected}"));
            }

            writer.WriteEndArray();
        }

        if (spec.IPFamilyPolicy is { } policy)
        {
            ApiEnums.IPFamilyPolicy.Write(writer, "ipFamilyPolicy", policy);
        }

        JsonWrite.OptionalBoolean(writer, "allocateLoadBalancerNodePorts", spec.AllocateLoadBalancerNodePorts);
        JsonWrite.OptionalString(writer, "loadBalancerClass", spec.LoadBalancerClass);
        if (spec.InternalTrafficPolicy is { } @internal)
        {
            ApiEnums.TrafficPolicy.Write(writer, "internalTrafficPolicy", @internal);
        }

        JsonWrite.OptionalString(writer, "trafficDistribution", spec.TrafficDistribution);
        writer.WriteEndObject();
    }

    private static void WriteStatus(Utf8JsonWriter writer, ServiceStatus status)
    {
        // The API server always writes status.loadBalancer, empty or not.
        writer.WritePropertyName("status"u8);
        writer.WriteStartObject();
        writer.WritePropertyName("loadBalancer"u8);
        writer.WriteStartObject();
        var ingress = status.LoadBalancer.Ingress;
        if (!ingress.IsDefaultOrEmpty)
        {
            writer.WritePropertyName("ingress"u8);
            writer.WriteStartArray();
            foreach (var item in ingress)
            {
                writer.WriteStartObject();
                JsonWrite.OptionalString(writer, "ip", item.IP);
                JsonWrite.OptionalString(writer, "hostname", item.Hostname);
                JsonWrite.OptionalString(writer, "ipMode", item.IPMode);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
