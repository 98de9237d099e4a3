using System.Collections.Immutable;
using System.Net;
using ServiceModel.Internal;
using ServiceModel.Networking;
using ServiceModel.Services;

namespace ServiceModel.Discovery;

/// <summary>
/// The per-pod rules both endpoint controllers share: membership, hostname, target port resolution
/// and address families.
/// </summary>
internal static class PodRules
{
    /// <summary>
    /// Whether the Service's selector picks <paramref name="pod"/>: same namespace, and every
    /// selector pair present in the pod's labels. A Service without a selector picks nothing.
    /// </summary>
    public static bool Selects(Service service, Pod pod)
    {
        var selector = service.Spec.Selector;
        if (selector is null || selector.Count == 0
            || !string.Equals(service.Namespace, pod.Namespace, StringComparison.Ordinal))
        {
            return false;
        }

        return SelectorMatches(selector, pod.Labels);
    }

    public static bool SelectorMatches(ImmutableDictionary<string, string> selector, ImmutableDictionary<string, string> labels)
    {
        if (labels.Count < selector.Count)
        {
            return false;
        }

        foreach (var (key, value) in selector)
        {
            if (!labels.TryGetValue(key, out var actual) || !string.Equals(actual, value, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Whether the controllers manage endpoints for <paramref name="service"/> at all: ExternalName
    /// Services and Services without a selector get none (their endpoints come from elsewhere).
    /// </summary>
    public static bool IsManaged(Service service)
        => service.Spec.Type != ServiceType.ExternalName && service.Spec.Selector is { Count: > 0 };

    /// <summary>
    /// A pod gets an endpoint when it is not terminal and has an address; a terminating pod only
    /// when <paramref name="includeTerminating"/>.
    /// </summary>
    public static bool ShouldBeInEndpoints(Pod pod, bool includeTerminating)
        => !pod.IsTerminal && pod.PodIPs.Length > 0 && (includeTerminating || !pod.IsTerminating);

    /// <summary>The hostname is published only when the pod names the Service as its subdomain.</summary>
    public static bool ShouldSetHostname(Pod pod, Service service)
        => !string.IsNullOrEmpty(pod.Hostname)
           && string.Equals(pod.Subdomain, service.Name, StringComparison.Ordinal)
           && string.Equals(pod.Namespace, service.Namespace, StringComparison.Ordinal);

    /// <summary>
    /// Resolves a Service port's target port on <paramref name="pod"/>: a number as is (an unset
    /// target port defaults to the Service port, as the API server defaults it); a name through the
    /// first container port with that name and the Service port's protocol. Fails when no
    /// container port matches.
    /// </summary>
    public static bool TryFindPort(Pod pod, ServicePort servicePort, out int port)
    {
        var target = servicePort.TargetPort;
        if (!target.IsString)
        {
            port = target.IntValue == 0 ? servicePort.Port : target.IntValue;
            return true;
        }

        var name = target.StringValue;
        foreach (var containerPort in pod.ContainerPorts)
        {
            if (containerPort.Protocol == servicePort.Protocol
                && string.Equals(containerPort.Name, name, StringComparison.Ordinal))
            {
                port = containerPort.Port;
                return true;
            }
        }

        port = 0;
        return false;
    }

    /// <summary>Whether every target port is a number, so every pod resolves the same ports.</summary>
    public static bool AllTargetPortsNumeric(ImmutableArray<ServicePort> ports)
    {
        foreach (var port in ports)
        {
            if (port.TargetPort.IsString)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The family of an address; an IPv4-mapped IPv6 address counts as IPv4, as Go parses it.</summary>
    public static IPFamily FamilyOf(IPAddress address) => IPText.FamilyOf(address);

    /// <summary>The canonical text of an address (IPv4-mapped IPv6 addresses print as IPv4).</summary>
    public static string Format(IPAddress address) => IPText.AsComparable(address).ToString();

    /// <summary>Whether the Service has a cluster IP (neither unset nor <c>None</c>).</summary>
    public static bool IsServiceIPSet(Service service)
        => !string.IsNullOrEmpty(service.Spec.ClusterIP) && !service.Spec.IsHeadless;

    /// <summary>The family of an address written as text; null when the text is not an address.</summary>
    public static IPFamily? FamilyOf(string? text)
        => IPText.TryParse(text, out var address) ? IPText.FamilyOf(address) : null;
}
