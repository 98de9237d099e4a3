using System.Collections.Immutable;
using ServiceModel.Discovery;
using ServiceModel.Services;

namespace ServiceModel.Serialization;

/// <summary>
/// The one place that knows how the Discovery model types are constructed, so a change of their
/// shape (positional records becoming init-only properties, addresses becoming text) touches only
/// this file.
/// </summary>
internal static class DiscoveryShapes
{
    public static OwnerReference Owner(string apiVersion, string kind, string name, string uid, bool controller)
        => new() { ApiVersion = apiVersion, Kind = kind, Name = name, Uid = uid, Controller = controller };

    public static ObjectReference Reference(string kind, string @namespace, string name, string uid)
        => new() { Kind = kind, Namespace = @namespace, Name = name, Uid = uid };

    public static EndpointPort Port(string name, int port, Protocol protocol, string? appProtocol)
        => new() { Name = name, Port = port, Protocol = protocol, AppProtocol = appProtocol };

    public static ContainerPort ContainerPort(string? name, int port, Protocol protocol, string? containerName, bool isSidecar)
        => new() { Name = name, Port = port, Protocol = protocol, ContainerName = containerName, IsSidecar = isSidecar };

    public static EndpointConditions Conditions(bool? ready, bool? serving, bool? terminating)
        => new() { Ready = ready, Serving = serving, Terminating = terminating };

    public static EndpointAddress Address(string ip, string? hostname, string? nodeName, ObjectReference? targetRef)
        => new() { IP = ip, Hostname = hostname, NodeName = nodeName, TargetRef = targetRef };

    /// <summary>
    /// The pod addresses as the model holds them: the API's text, as written. Text that does not
    /// read as an address is kept too (the model accepts it, so its JSON round trip must hold); the
    /// Discovery layer decides what such text means, as the controllers do.
    /// </summary>
    public static ImmutableArray<string> PodIPs(ImmutableArray<string> text) => text;

    /// <summary>The API's text of the pod addresses.</summary>
    public static ImmutableArray<string> PodIPText(Pod pod) => pod.PodIPs;
}
