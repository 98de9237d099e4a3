using k8s.Models;
using ServiceModel.Discovery;
using ServiceModel.KubernetesClient.Internal;

namespace ServiceModel.KubernetesClient;

/// <summary>
/// Converts between the official client's legacy <see cref="V1Endpoints"/> (core <c>v1</c>) and the
/// model's <see cref="Endpoints"/>.
/// </summary>
/// <remarks>
/// Kept: name, namespace, labels, annotations; every subset's ready and not-ready addresses (IP,
/// hostname, node name, target reference) and ports. Dropped: target references' API version,
/// resource version and field path, and the rest of the metadata. Subsets are kept in the order
/// given, not repacked. Stateless and thread-safe.
/// </remarks>
public static class EndpointsConversions
{
    /// <summary>Converts a client Endpoints object to the model.</summary>
    /// <param name="endpoints">The client object.</param>
    /// <returns>The model object; a missing namespace reads as <c>"default"</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="endpoints"/> is null.</exception>
    /// <exception cref="ArgumentException"><c>metadata.name</c> or an address's <c>ip</c> is missing, or a list holds a null element or a map a null value; the message names the object and the member path.</exception>
    /// <exception cref="FormatException">A port protocol is not an API spelling.</exception>
    public static Endpoints ToModel(this V1Endpoints endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var metadata = endpoints.Metadata ?? new V1ObjectMeta();
        return ApiValues.Converting("Endpoints", metadata.NamespaceProperty, metadata.Name, () =>
            new Endpoints(ApiValues.Namespace(metadata.NamespaceProperty), ApiValues.Required(metadata.Name, "metadata.name"))
            {
                Labels = ApiValues.ReadMap(metadata.Labels, "metadata.labels"),
                Annotations = ApiValues.ReadMap(metadata.Annotations, "metadata.annotations"),
                Subsets = ApiValues.Each(endpoints.Subsets, "subsets", (subset, path) => new EndpointSubset
                {
                    Addresses = ApiValues.Each(subset.Addresses, path + ".addresses", ToModel),
                    NotReadyAddresses = ApiValues.Each(subset.NotReadyAddresses, path + ".notReadyAddresses", ToModel),
                    Ports = ApiValues.Each(subset.Ports, path + ".ports", (port, portPath) => Shared.ToModel(port.Name, port.Port, port.Protocol, port.AppProtocol, portPath, protocolIsPointer: false)),
                }),
            });
    }

    /// <summary>Converts a model Endpoints object to a client object.</summary>
    /// <param name="endpoints">The model object.</param>
    /// <returns>A new <see cref="V1Endpoints"/> with <c>apiVersion: v1</c> and <c>kind: Endpoints</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="endpoints"/> is null.</exception>
    /// <exception cref="ArgumentException">A protocol holds a value the enum does not define; the message names the object and the field.</exception>
    public static V1Endpoints ToV1(this Endpoints endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return ApiValues.Converting("Endpoints", endpoints.Namespace, endpoints.Name, () => new V1Endpoints
        {
            ApiVersion = V1Endpoints.KubeApiVersion,
            Kind = V1Endpoints.KubeKind,
            Metadata = new V1ObjectMeta
            {
                Name = endpoints.Name,
                NamespaceProperty = endpoints.Namespace,
                Labels = ApiValues.Map(endpoints.Labels),
                Annotations = ApiValues.Map(endpoints.Annotations),
            },
            Subsets = ApiValues.List(endpoints.Subsets, "subsets", (subset, path) => new V1EndpointSubset
            {
                Addresses = ApiValues.List(subset.Addresses, ToV1),
                NotReadyAddresses = ApiValues.List(subset.NotReadyAddresses, ToV1),
                Ports = ApiValues.List(subset.Ports, path + ".ports", (port, portPath) => new Corev1EndpointPort
                {
                    Name = port.Name,
                    Port = port.Port,
                    Protocol = ApiValues.Text(port.Protocol, portPath + ".protocol"),
                    AppProtocol = port.AppProtocol,
                }),
            }),
        });
    }

    private static EndpointAddress ToModel(V1EndpointAddress address, string path) => new()
    {
        IP = ApiValues.Required(address.Ip, path + ".ip"),
        Hostname = address.Hostname,
        NodeName = address.NodeName,
        TargetRef = Shared.ToModel(address.TargetRef),
    };

    private static V1EndpointAddress ToV1(EndpointAddress address) => new()
    {
        Ip = address.IP,
        Hostname = address.Hostname,
        NodeName = address.NodeName,
        TargetRef = Shared.ToV1(address.TargetRef),
    };
}
