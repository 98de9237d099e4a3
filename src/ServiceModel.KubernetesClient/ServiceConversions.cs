using System.Globalization;
using k8s.Models;
using ServiceModel.KubernetesClient.Internal;
using ServiceModel.Networking;
using ServiceModel.Services;

namespace ServiceModel.KubernetesClient;

/// <summary>
/// Converts between the official client's <see cref="V1Service"/> and the model's <see cref="Service"/>.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="ToModel(V1Service)"/> keeps every field the model carries; what it has no member for
/// (status conditions, load balancer port statuses, managed fields, finalizers, owner references,
/// …) is dropped. <see cref="ToV1(Service)"/> writes what the API server would serve for the model
/// value: empty lists and maps, zero node ports and a false <c>publishNotReadyAddresses</c> are
/// omitted. A target port travels as the client's string-backed <see cref="IntOrString"/>: a text
/// of digits is a port number (the client writes it to JSON as a number), anything else a name.
/// </para>
/// <para>Stateless and thread-safe.</para>
/// </remarks>
public static class ServiceConversions
{
    /// <summary>Converts a client Service to the model.</summary>
    /// <param name="service">The client object, as read from the API server or a manifest.</param>
    /// <returns>
    /// The model Service. A missing namespace reads as <c>"default"</c>, a missing type as
    /// <see cref="ServiceType.ClusterIP"/>, a missing port protocol as TCP and a missing session
    /// affinity as <see cref="SessionAffinity.None"/>, as the API server defaults them.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="service"/> is null.</exception>
    /// <exception cref="ArgumentException"><c>metadata.name</c> is missing, or a list holds null; the message names the Service and the field.</exception>
    /// <exception cref="FormatException">An enum field holds a text the API does not define (e.g. <c>spec.type: "Nodeport"</c>); the message names the Service, the field and the supported values.</exception>
    public static Service ToModel(this V1Service service)
    {
        ArgumentNullException.ThrowIfNull(service);
        var metadata = service.Metadata ?? new V1ObjectMeta();
        return ApiValues.Converting("Service", metadata.NamespaceProperty, metadata.Name, () => new Service
        {
            Name = ApiValues.Required(metadata.Name, "metadata.name"),
            Namespace = ApiValues.Namespace(metadata.NamespaceProperty),
            Uid = metadata.Uid ?? "",
            Labels = ApiValues.Map(metadata.Labels),
            Annotations = ApiValues.Map(metadata.Annotations),
            ResourceVersion = metadata.ResourceVersion,
            CreationTimestamp = ApiValues.Instant(metadata.CreationTimestamp),
            DeletionTimestamp = ApiValues.Instant(metadata.DeletionTimestamp),
            Spec = service.Spec is null ? new ServiceSpec() : ToModel(service.Spec),
            Status = new ServiceStatus
            {
                LoadBalancer = new LoadBalancerStatus
                {
                    Ingress = ApiValues.Each(service.Status?.LoadBalancer?.Ingress, "status.loadBalancer.ingress", (ingress, _) => new LoadBalancerIngress
                    {
                        IP = ingress.Ip,
                        Hostname = ingress.Hostname,
                        IPMode = ingress.IpMode,
                    }),
                },
            },
        });
    }

    /// <summary>Converts a model Service to a client object, as the API server would serve it.</summary>
    /// <param name="service">The model Service.</param>
    /// <returns>A new <see cref="V1Service"/> with <c>apiVersion: v1</c> and <c>kind: Service</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="service"/> is null.</exception>
    public static V1Service ToV1(this Service service)
    {
        ArgumentNullException.ThrowIfNull(service);
        var spec = service.Spec;
        return new V1Service
        {
            ApiVersion = V1Service.KubeApiVersion,
            Kind = V1Service.KubeKind,
            Metadata = new V1ObjectMeta
            {
                Name = service.Name,
                NamespaceProperty = service.Namespace,
                Uid = service.Uid.Length == 0 ? null : service.Uid,
                Labels = ApiValues.Map(service.Labels),
                Annotations = ApiValues.Map(service.Annotations),
                ResourceVersion = service.ResourceVersion,
                CreationTimestamp = ApiValues.Utc(service.CreationTimestamp),
                DeletionTimestamp = ApiValues.Utc(service.DeletionTimestamp),
            },
            Spec = new V1ServiceSpec
            {
                Type = spec.Type.ToString(),
                Selector = ApiValues.Map(spec.Selector),
                Ports = ApiValues.List(spec.Ports, ToV1),
                ClusterIP = spec.ClusterIP,
                ClusterIPs = ApiValues.List(spec.ClusterIPs),
                IpFamilies = ApiValues.List(spec.IPFamilies, family => family.ToString()),
                IpFamilyPolicy = spec.IPFamilyPolicy?.ToString(),
                ExternalName = spec.ExternalName,
                ExternalIPs = ApiValues.List(spec.ExternalIPs),
                ExternalTrafficPolicy = spec.ExternalTrafficPolicy?.ToString(),
                InternalTrafficPolicy = spec.InternalTrafficPolicy?.ToString(),
                HealthCheckNodePort = spec.HealthCheckNodePort == 0 ? null : spec.HealthCheckNodePort,
                SessionAffinity = spec.SessionAffinity.ToString(),
                SessionAffinityConfig = spec.SessionAffinityConfig is null
                    ? null
                    : new V1SessionAffinityConfig
                    {
                        ClientIP = spec.SessionAffinityConfig.ClientIP is null
                            ? null
                            : new V1ClientIPConfig { TimeoutSeconds = spec.SessionAffinityConfig.ClientIP.TimeoutSeconds },
                    },
                PublishNotReadyAddresses = spec.PublishNotReadyAddresses ? true : null,
                AllocateLoadBalancerNodePorts = spec.AllocateLoadBalancerNodePorts,
                LoadBalancerClass = spec.LoadBalancerClass,
                LoadBalancerIP = spec.LoadBalancerIP,
                LoadBalancerSourceRanges = ApiValues.List(spec.LoadBalancerSourceRanges),
                TrafficDistribution = spec.TrafficDistribution,
            },
            Status = new V1ServiceStatus
            {
                LoadBalancer = new V1LoadBalancerStatus
                {
                    Ingress = ApiValues.List(service.Status.LoadBalancer.Ingress, ingress => new V1LoadBalancerIngress
                    {
                        Ip = ingress.IP,
                        Hostname = ingress.Hostname,
                        IpMode = ingress.IPMode,
                    }),
                },
            },
        };
    }

    /// <summary>
    /// The model's target port for the client's: unset (absent or empty) is the number 0, a text
    /// of digits a number, anything else a name.
    /// </summary>
    /// <param name="value">The client's value.</param>
    /// <returns>The model's value.</returns>
    public static PortNumberOrName ToModel(this IntOrString? value)
    {
        var text = value?.Value;
        if (string.IsNullOrEmpty(text))
        {
            return default;
        }

        // The client decides number-or-name the same way when it writes JSON.
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
            ? PortNumberOrName.FromInt32(number)
            : PortNumberOrName.FromString(text);
    }

    /// <summary>The client's target port for the model's: the unset value (number 0) is absent.</summary>
    /// <param name="value">The model's value.</param>
    /// <returns>The client's value, or <see langword="null"/> when unset.</returns>
    public static IntOrString? ToV1(this PortNumberOrName value)
        => value.IsString ? value.StringValue : value.IntValue == 0 ? null : value.IntValue;

    private static ServiceSpec ToModel(V1ServiceSpec spec) => new()
    {
        Type = ApiValues.Parse(spec.Type, ServiceType.ClusterIP, "spec.type"),
        Selector = spec.Selector is null ? null : ApiValues.Map(spec.Selector),
        Ports = ApiValues.Each(spec.Ports, "spec.ports", ToModel),
        ClusterIP = spec.ClusterIP,
        ClusterIPs = ApiValues.List(spec.ClusterIPs),
        IPFamilies = ApiValues.Each(spec.IpFamilies, "spec.ipFamilies", (family, path) => ApiValues.ParseRequired<IPFamily>(family, path)),
        IPFamilyPolicy = ApiValues.ParseOptional<IPFamilyPolicy>(spec.IpFamilyPolicy, "spec.ipFamilyPolicy"),
        ExternalName = spec.ExternalName,
        ExternalIPs = ApiValues.List(spec.ExternalIPs),
        ExternalTrafficPolicy = ApiValues.ParseOptional<TrafficPolicy>(spec.ExternalTrafficPolicy, "spec.externalTrafficPolicy"),
        InternalTrafficPolicy = ApiValues.ParseOptional<TrafficPolicy>(spec.InternalTrafficPolicy, "spec.internalTrafficPolicy"),
        HealthCheckNodePort = spec.HealthCheckNodePort ?? 0,
        SessionAffinity = ApiValues.Parse(spec.SessionAffinity, SessionAffinity.None, "spec.sessionAffinity"),
        SessionAffinityConfig = spec.SessionAffinityConfig is null
            ? null
            : new SessionAffinityConfig
            {
                ClientIP = spec.SessionAffinityConfig.ClientIP is null
                    ? null
                    : new ClientIPConfig { TimeoutSeconds = spec.SessionAffinityConfig.ClientIP.TimeoutSeconds },
            },
        PublishNotReadyAddresses = spec.PublishNotReadyAddresses ?? false,
        AllocateLoadBalancerNodePorts = spec.AllocateLoadBalancerNodePorts,
        LoadBalancerClass = spec.LoadBalancerClass,
        LoadBalancerIP = spec.LoadBalancerIP,
        LoadBalancerSourceRanges = ApiValues.List(spec.LoadBalancerSourceRanges),
        TrafficDistribution = spec.TrafficDistribution,
    };

    private static ServicePort ToModel(V1ServicePort port, string path) => new()
    {
        Name = port.Name,
        Protocol = ApiValues.Parse(port.Protocol, Protocol.TCP, path + ".protocol"),
        Port = port.Port,
        TargetPort = port.TargetPort.ToModel(),
        NodePort = port.NodePort ?? 0,
        AppProtocol = port.AppProtocol,
    };

    private static V1ServicePort ToV1(ServicePort port) => new()
    {
        Name = port.Name,
        Protocol = port.Protocol.ToString(),
        Port = port.Port,
        TargetPort = port.TargetPort.ToV1(),
        NodePort = port.NodePort == 0 ? null : port.NodePort,
        AppProtocol = port.AppProtocol,
    };
}
