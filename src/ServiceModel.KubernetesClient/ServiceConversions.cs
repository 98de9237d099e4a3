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
/// omitted; map keys go in ordinal order, as the API server writes them. A target port travels as
/// the client's string-backed <see cref="IntOrString"/>: a text the client writes to JSON as a
/// number is a port number, anything else a name.
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
    /// <exception cref="ArgumentException"><c>metadata.name</c> is missing, a list holds a null element or a map a null value, or a target port is a number beyond 32 bits; the message names the Service and the member path.</exception>
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
            Labels = ApiValues.ReadMap(metadata.Labels, "metadata.labels"),
            Annotations = ApiValues.ReadMap(metadata.Annotations, "metadata.annotations"),
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
    /// <exception cref="ArgumentException">
    /// An enum member holds a value the enum does not define, or a target port name is made of digits
    /// (the client's <see cref="IntOrString"/> would carry it as a number); the message names the
    /// Service and the field.
    /// </exception>
    public static V1Service ToV1(this Service service)
    {
        ArgumentNullException.ThrowIfNull(service);
        return ApiValues.Converting("Service", service.Namespace, service.Name, () => ToV1Unchecked(service));
    }

    private static V1Service ToV1Unchecked(Service service)
    {
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
                Type = ApiValues.Text(spec.Type, "spec.type"),
                Selector = ApiValues.Map(spec.Selector),
                Ports = ApiValues.List(spec.Ports, "spec.ports", ToV1),
                ClusterIP = spec.ClusterIP,
                ClusterIPs = ApiValues.List(spec.ClusterIPs),
                IpFamilies = ApiValues.List(spec.IPFamilies, "spec.ipFamilies", ApiValues.Text),
                IpFamilyPolicy = ApiValues.Text(spec.IPFamilyPolicy, "spec.ipFamilyPolicy"),
                ExternalName = spec.ExternalName,
                ExternalIPs = ApiValues.List(spec.ExternalIPs),
                ExternalTrafficPolicy = ApiValues.Text(spec.ExternalTrafficPolicy, "spec.externalTrafficPolicy"),
                InternalTrafficPolicy = ApiValues.Text(spec.InternalTrafficPolicy, "spec.internalTrafficPolicy"),
                HealthCheckNodePort = spec.HealthCheckNodePort == 0 ? null : spec.HealthCheckNodePort,
                SessionAffinity = ApiValues.Text(spec.SessionAffinity, "spec.sessionAffinity"),
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
    /// The model's target port for the client's: absent is the unset number 0, a text the client
    /// writes as a JSON number (an integer, as <c>long.TryParse</c> reads it) that number, anything
    /// else a name (the empty text the empty name, which the API server also treats as unset).
    /// </summary>
    /// <param name="value">The client's value.</param>
    /// <returns>The model's value.</returns>
    /// <exception cref="ArgumentException">The value is a number outside the 32-bit range the API's int-or-string holds.</exception>
    public static PortNumberOrName ToModel(this IntOrString? value) => ToModel(value, "targetPort");

    /// <summary>
    /// The client's target port for the model's: the unset number 0 is absent, a number its digits
    /// (the client writes them as a JSON number), a name its text.
    /// </summary>
    /// <param name="value">The model's value.</param>
    /// <returns>The client's value, or <see langword="null"/> when unset.</returns>
    /// <exception cref="ArgumentException">
    /// The value is a name the client would write as a number (digits only, such as <c>"8080"</c>):
    /// the client's <see cref="IntOrString"/> keeps only the text, so it cannot carry it as a name.
    /// Such a name is invalid anyway (a port name must contain a letter).
    /// </exception>
    public static IntOrString? ToV1(this PortNumberOrName value) => ToV1(value, "targetPort");

    private static PortNumberOrName ToModel(IntOrString? value, string field)
    {
        var text = value?.Value;
        if (text is null)
        {
            return default;
        }

        // The client decides number-or-name by the same test when it writes JSON.
        if (!IsClientNumber(text, out var number))
        {
            return PortNumberOrName.FromString(text);
        }

        return number is >= int.MinValue and <= int.MaxValue
            ? PortNumberOrName.FromInt32((int)number)
            : throw new ArgumentException($"{field}: Invalid value: {number.ToString(CultureInfo.InvariantCulture)}: must be a 32-bit integer or a name");
    }

    private static IntOrString? ToV1(PortNumberOrName value, string field)
    {
        if (!value.IsString)
        {
            return value.IntValue == 0 ? null : value.IntValue;
        }

        var name = value.StringValue!;
        return IsClientNumber(name, out _)
            ? throw new ArgumentException($"{field}: Invalid value: {ApiValues.Quote(name)}: a name made of digits cannot be carried by the client's IntOrString, which writes it as a number (a port name must contain at least one letter)")
            : name;
    }

    private static bool IsClientNumber(string text, out long number)
        => long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out number);

    private static ServiceSpec ToModel(V1ServiceSpec spec) => new()
    {
        Type = ApiValues.Parse(spec.Type, ServiceType.ClusterIP, "spec.type"),
        Selector = spec.Selector is null ? null : ApiValues.ReadMap(spec.Selector, "spec.selector"),
        Ports = ApiValues.Each(spec.Ports, "spec.ports", ToModel),
        ClusterIP = spec.ClusterIP,
        ClusterIPs = ApiValues.ReadList(spec.ClusterIPs, "spec.clusterIPs"),
        IPFamilies = ApiValues.Each(spec.IpFamilies, "spec.ipFamilies", (family, path) => ApiValues.ParseRequired<IPFamily>(family, path)),
        IPFamilyPolicy = ApiValues.ParsePointer<IPFamilyPolicy>(spec.IpFamilyPolicy, "spec.ipFamilyPolicy"),
        ExternalName = spec.ExternalName,
        ExternalIPs = ApiValues.ReadList(spec.ExternalIPs, "spec.externalIPs"),
        ExternalTrafficPolicy = ApiValues.ParseOptional<TrafficPolicy>(spec.ExternalTrafficPolicy, "spec.externalTrafficPolicy"),
        InternalTrafficPolicy = ApiValues.ParsePointer<TrafficPolicy>(spec.InternalTrafficPolicy, "spec.internalTrafficPolicy"),
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
        LoadBalancerSourceRanges = ApiValues.ReadList(spec.LoadBalancerSourceRanges, "spec.loadBalancerSourceRanges"),
        TrafficDistribution = spec.TrafficDistribution,
    };

    private static ServicePort ToModel(V1ServicePort port, string path) => new()
    {
        Name = port.Name,
        Protocol = ApiValues.Parse(port.Protocol, Protocol.TCP, path + ".protocol"),
        Port = port.Port,
        TargetPort = ToModel(port.TargetPort, path + ".targetPort"),
        NodePort = port.NodePort ?? 0,
        AppProtocol = port.AppProtocol,
    };

    private static V1ServicePort ToV1(ServicePort port, string path) => new()
    {
        Name = port.Name,
        Protocol = ApiValues.Text(port.Protocol, path + ".protocol"),
        Port = port.Port,
        TargetPort = ToV1(port.TargetPort, path + ".targetPort"),
        NodePort = port.NodePort == 0 ? null : port.NodePort,
        AppProtocol = port.AppProtocol,
    };
}
