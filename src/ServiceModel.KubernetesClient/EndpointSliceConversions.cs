using k8s.Models;
using ServiceModel.Discovery;
using ServiceModel.KubernetesClient.Internal;

namespace ServiceModel.KubernetesClient;

/// <summary>
/// Converts between the official client's <see cref="V1EndpointSlice"/> (<c>discovery.k8s.io/v1</c>)
/// and the model's <see cref="EndpointSlice"/>.
/// </summary>
/// <remarks>
/// Kept: metadata name, generateName, namespace, labels and owner references (API version, kind,
/// name, UID, controller); the address type; every endpoint's addresses, conditions (each of ready,
/// serving and terminating stays unset when unset), hostname, node name, zone, target reference
/// (kind, namespace, name, UID) and hints (zone and node names); the ports (an unset port number
/// reads as 0). Dropped: the deprecated per-endpoint topology map, <c>blockOwnerDeletion</c>,
/// target references' API version, resource version and field path, annotations, and the rest of
/// the metadata. Stateless and thread-safe.
/// </remarks>
public static class EndpointSliceConversions
{
    /// <summary>Converts a client EndpointSlice to the model.</summary>
    /// <param name="slice">The client object.</param>
    /// <returns>The model slice; a missing namespace reads as <c>"default"</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="slice"/> is null.</exception>
    /// <exception cref="ArgumentException"><c>metadata.name</c> is missing, or a list holds a null element or a map a null value; the message names the slice and the member path.</exception>
    /// <exception cref="FormatException"><c>addressType</c> is missing or not <c>IPv4</c>, <c>IPv6</c> or <c>FQDN</c>, or a protocol is not an API spelling.</exception>
    public static EndpointSlice ToModel(this V1EndpointSlice slice)
    {
        ArgumentNullException.ThrowIfNull(slice);
        var metadata = slice.Metadata ?? new V1ObjectMeta();
        return ApiValues.Converting("EndpointSlice", metadata.NamespaceProperty, metadata.Name, () =>
            new EndpointSlice(
                ApiValues.Namespace(metadata.NamespaceProperty),
                ApiValues.Required(metadata.Name, "metadata.name"),
                ApiValues.ParseRequired<AddressType>(slice.AddressType, "addressType"))
            {
                GenerateName = metadata.GenerateName,
                Labels = ApiValues.ReadMap(metadata.Labels, "metadata.labels"),
                OwnerReferences = ApiValues.Each(metadata.OwnerReferences, "metadata.ownerReferences", (owner, _) =>
                    new OwnerReference { ApiVersion = owner.ApiVersion ?? "", Kind = owner.Kind ?? "", Name = owner.Name ?? "", Uid = owner.Uid ?? "", Controller = owner.Controller ?? false }),
                Endpoints = ApiValues.Each(slice.Endpoints, "endpoints", ToModel),
                Ports = ApiValues.Each(slice.Ports, "ports", (port, path) => Shared.ToModel(port.Name, port.Port, port.Protocol, port.AppProtocol, path, protocolIsPointer: true)),
            });
    }

    /// <summary>Converts a model EndpointSlice to a client object.</summary>
    /// <param name="slice">The model slice.</param>
    /// <returns>A new <see cref="V1EndpointSlice"/> with <c>apiVersion: discovery.k8s.io/v1</c> and <c>kind: EndpointSlice</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="slice"/> is null.</exception>
    /// <exception cref="ArgumentException">The address type or a protocol holds a value the enum does not define; the message names the slice and the field.</exception>
    public static V1EndpointSlice ToV1(this EndpointSlice slice)
    {
        ArgumentNullException.ThrowIfNull(slice);
        return ApiValues.Converting("EndpointSlice", slice.Namespace, slice.Name, () => new V1EndpointSlice
        {
            ApiVersion = V1EndpointSlice.KubeGroup + "/" + V1EndpointSlice.KubeApiVersion,
            Kind = V1EndpointSlice.KubeKind,
            Metadata = new V1ObjectMeta
            {
                Name = slice.Name,
                NamespaceProperty = slice.Namespace,
                GenerateName = slice.GenerateName,
                Labels = ApiValues.Map(slice.Labels),
                OwnerReferences = ApiValues.List(slice.OwnerReferences, owner => new V1OwnerReference
                {
                    ApiVersion = owner.ApiVersion,
                    Kind = owner.Kind,
                    Name = owner.Name,
                    Uid = owner.Uid,
                    Controller = owner.Controller,
                }),
            },
            AddressType = ApiValues.Text(slice.AddressType, "addressType"),
            // Both lists lack omitempty in the API: the server writes them even when empty.
            Endpoints = ApiValues.List(slice.Endpoints, ToV1) ?? [],
            Ports = ApiValues.List(slice.Ports, "ports", (port, path) => new Discoveryv1EndpointPort
            {
                Name = port.Name,
                Port = port.Port == 0 ? null : port.Port,
                Protocol = ApiValues.Text(port.Protocol, path + ".protocol"),
                AppProtocol = port.AppProtocol,
            }) ?? [],
        });
    }

    private static Endpoint ToModel(V1Endpoint endpoint, string path) => new(ApiValues.ReadList(endpoint.Addresses, path + ".addresses"))
    {
        Conditions = new EndpointConditions { Ready = endpoint.Conditions?.Ready, Serving = endpoint.Conditions?.Serving, Terminating = endpoint.Conditions?.Terminating },
        Hostname = endpoint.Hostname,
        NodeName = endpoint.NodeName,
        Zone = endpoint.Zone,
        TargetRef = Shared.ToModel(endpoint.TargetRef),
        Hints = endpoint.Hints is null
            ? null
            : new EndpointHints
            {
                ForZones = ApiValues.Each(endpoint.Hints.ForZones, path + ".hints.forZones", (zone, _) => zone.Name ?? ""),
                ForNodes = ApiValues.Each(endpoint.Hints.ForNodes, path + ".hints.forNodes", (node, _) => node.Name ?? ""),
            },
    };

    private static V1Endpoint ToV1(Endpoint endpoint) => new()
    {
        Addresses = [.. endpoint.Addresses],
        Conditions = new V1EndpointConditions
        {
            Ready = endpoint.Conditions.Ready,
            Serving = endpoint.Conditions.Serving,
            Terminating = endpoint.Conditions.Terminating,
        },
        Hostname = endpoint.Hostname,
        NodeName = endpoint.NodeName,
        Zone = endpoint.Zone,
        TargetRef = Shared.ToV1(endpoint.TargetRef),
        Hints = endpoint.Hints is null
            ? null
            : new V1EndpointHints
            {
                ForZones = ApiValues.List(endpoint.Hints.ForZones, zone => new V1ForZone { Name = zone }),
                ForNodes = ApiValues.List(endpoint.Hints.ForNodes, node => new V1ForNode { Name = node }),
            },
    };
}
