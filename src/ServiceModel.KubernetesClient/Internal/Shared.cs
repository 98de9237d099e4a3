using k8s.Models;
using ServiceModel.Discovery;
using ServiceModel.Services;

namespace ServiceModel.KubernetesClient.Internal;

/// <summary>The pieces EndpointSlices and legacy Endpoints share: target references and ports.</summary>
internal static class Shared
{
    public static ObjectReference? ToModel(V1ObjectReference? reference)
        => reference is null
            ? null
            : new ObjectReference { Kind = reference.Kind ?? "", Namespace = reference.NamespaceProperty ?? "", Name = reference.Name ?? "", Uid = reference.Uid ?? "" };

    public static V1ObjectReference? ToV1(ObjectReference? reference)
        => reference is null
            ? null
            : new V1ObjectReference
            {
                Kind = NullIfEmpty(reference.Kind),
                NamespaceProperty = NullIfEmpty(reference.Namespace),
                Name = NullIfEmpty(reference.Name),
                Uid = NullIfEmpty(reference.Uid),
            };

    // Both APIs' ports carry the same four values; an unnamed port is "" in the model and on the
    // wire (the controllers write the Service port's empty name), a missing number 0. The legacy
    // API holds the protocol in a string ("" is defaulted to TCP), discovery/v1 in a pointer (only
    // nil is defaulted; "" is an unsupported value).
    public static EndpointPort ToModel(string? name, int? port, string? protocol, string? appProtocol, string path, bool protocolIsPointer)
        => new()
        {
            Name = name ?? "",
            Port = port ?? 0,
            Protocol = protocolIsPointer && protocol is not null
                ? ApiValues.ParseRequired<Protocol>(protocol, path + ".protocol")
                : ApiValues.Parse(protocol, Protocol.TCP, path + ".protocol"),
            AppProtocol = appProtocol,
        };

    public static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
