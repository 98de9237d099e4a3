using System.Collections.Immutable;
using ServiceModel.Internal;
using ServiceModel.Labels;
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
    /// The Service's selector, compiled once per call (or per indexed Service) and matched against
    /// every pod: <see cref="LabelSelector.Nothing"/> for a Service without one.
    /// </summary>
    public static LabelSelector SelectorOf(Service service)
        => service.Spec.Selector is { Count: > 0 } selector ? LabelSelector.FromValidatedLabels(selector) : LabelSelector.Nothing;

    /// <summary>Whether <paramref name="selector"/> (the Service's, see <see cref="SelectorOf"/>) picks <paramref name="pod"/>: same namespace and labels.</summary>
    public static bool Selects(Service service, LabelSelector selector, Pod pod)
        => string.Equals(service.Namespace, pod.Namespace, StringComparison.Ordinal) && selector.Matches(pod.Labels);

    /// <summary>The Service's ports; a default array reads as none.</summary>
    public static ImmutableArray<ServicePort> PortsOf(Service service)
        => service.Spec.Ports.IsDefault ? [] : service.Spec.Ports;

    /// <summary>The Service's IP families; a default array reads as none.</summary>
    public static ImmutableArray<IPFamily> FamiliesOf(Service service)
        => service.Spec.IPFamilies.IsDefault ? [] : service.Spec.IPFamilies;

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

    /// <summary>Whether the Service has a cluster IP (neither unset nor <c>None</c>).</summary>
    public static bool IsServiceIPSet(Service service)
        => !string.IsNullOrEmpty(service.Spec.ClusterIP) && !service.Spec.IsHeadless;

    /// <summary>
    /// The family of an address in the API's text, as upstream's <c>IsIPv6String</c> decides it: IPv6
    /// when the text reads as an IPv6 address that is not IPv4-mapped, else IPv4 (text that is no
    /// address at all included).
    /// </summary>
    public static IPFamily FamilyOf(string? text)
        // Text without a colon is never IPv6, so the common IPv4 case parses nothing.
        => text is not null && text.Contains(':', StringComparison.Ordinal)
           && IPText.TryParse(text, out var address) && IPFamilies.FamilyOf(address) == IPFamily.IPv6
            ? IPFamily.IPv6
            : IPFamily.IPv4;
}
