using System.Collections.Immutable;
using System.Net;
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
        => new(apiVersion, kind, name, uid, controller);

    public static ObjectReference Reference(string kind, string @namespace, string name, string uid)
        => new(kind, @namespace, name, uid);

    public static EndpointPort Port(string name, int port, Protocol protocol, string? appProtocol)
        => new(name, port, protocol, appProtocol);

    public static ContainerPort ContainerPort(string? name, int port, Protocol protocol)
        => new(name, port, protocol);

    public static EndpointConditions Conditions(bool? ready, bool? serving, bool? terminating)
        => new(ready, serving, terminating);

    public static EndpointAddress Address(string ip, string? hostname, string? nodeName, ObjectReference? targetRef)
        => new(ip) { Hostname = hostname, NodeName = nodeName, TargetRef = targetRef };

    /// <summary>The pod addresses as the model holds them, from the API's text.</summary>
    public static ImmutableArray<IPAddress> PodIPs(ImmutableArray<string> text)
    {
        var builder = ImmutableArray.CreateBuilder<IPAddress>(text.Length);
        foreach (var ip in text)
        {
            builder.Add(IPAddress.TryParse(ip, out var address)
                ? address
                : throw new ArgumentException($"pod IP \"{ip}\" is not an IP address", nameof(text)));
        }

        return builder.MoveToImmutable();
    }

    /// <summary>The API's text of the pod addresses.</summary>
    public static ImmutableArray<string> PodIPText(Pod pod)
        => pod.PodIPs.Select(ip => ip.ToString()).ToImmutableArray();
}
