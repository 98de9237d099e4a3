using System.Collections.Immutable;
using k8s.Models;
using ServiceModel.Discovery;
using ServiceModel.KubernetesClient.Internal;
using ServiceModel.Services;

namespace ServiceModel.KubernetesClient;

/// <summary>
/// Converts the official client's <see cref="V1Pod"/> to the model's <see cref="Pod"/>: the parts
/// that decide the Pod's endpoints.
/// </summary>
/// <remarks>
/// <para>
/// Readiness, serving and terminating are not computed here but carried, so the model derives them
/// exactly as the EndpointSlice controller does (<c>podToEndpoint</c> in
/// <c>k8s.io/endpointslice</c>, v1.35): <em>serving</em> is the <c>Ready</c> condition's status
/// being <c>True</c> (kubectl's <c>podutil.IsPodReady</c>; a missing condition or <c>Unknown</c> is
/// not ready), <em>terminating</em> is a set <c>metadata.deletionTimestamp</c>, <em>ready</em> is
/// serving and not terminating (or the Service publishes not-ready addresses), and a pod in a terminal
/// phase (<c>Succeeded</c>, <c>Failed</c>) or without an IP gets no endpoint. So every condition is
/// kept (<see cref="Pod.Conditions"/>), with the phase and the deletion timestamp.
/// </para>
/// <para>
/// Container ports come from <c>spec.containers[].ports</c> in order, then from sidecars (init
/// containers with <c>restartPolicy: Always</c>), which is where the controller looks up a named
/// target port; each keeps its container's name (<see cref="ContainerPort.ContainerName"/>) and
/// whether it is a sidecar's (<see cref="ContainerPort.IsSidecar"/>). Pod IPs, kept in the API's text as written (address or not, as <c>KubernetesJson</c> keeps them), come from <c>status.podIPs</c>, or <c>status.podIP</c> when the list is
/// absent (objects written before dual-stack). Stateless and thread-safe.
/// </para>
/// </remarks>
public static class PodConversions
{
    private const string SidecarRestartPolicy = "Always";

    /// <summary>Converts a client Pod to the model.</summary>
    /// <param name="pod">The client object.</param>
    /// <returns>
    /// The model Pod. A missing namespace reads as <c>"default"</c>; a missing phase as
    /// <see cref="PodPhase.Pending"/> (the API server's phase for a new pod); a missing port protocol as TCP.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="pod"/> is null.</exception>
    /// <exception cref="ArgumentException"><c>metadata.name</c> is missing, a condition lacks its type or status, a pod IP entry lacks its <c>ip</c>, or a list holds a null element or a map a null value; the message names the Pod and the member path.</exception>
    /// <exception cref="FormatException">The phase or a port protocol is not an API spelling; the message names the Pod and the field.</exception>
    public static Pod ToModel(this V1Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var metadata = pod.Metadata ?? new V1ObjectMeta();
        return ApiValues.Converting("Pod", metadata.NamespaceProperty, metadata.Name, () =>
        {
            var spec = pod.Spec;
            var status = pod.Status;
            return new Pod(ApiValues.Namespace(metadata.NamespaceProperty), ApiValues.Required(metadata.Name, "metadata.name"))
            {
                Uid = metadata.Uid ?? "",
                Labels = ApiValues.ReadMap(metadata.Labels, "metadata.labels"),
                DeletionTimestamp = ApiValues.Instant(metadata.DeletionTimestamp),
                PodIPs = PodIPs(status),
                Phase = ApiValues.Parse(status?.Phase, PodPhase.Pending, "status.phase"),
                Conditions = ApiValues.Each(status?.Conditions, "status.conditions", ToModel),
                NodeName = spec?.NodeName,
                Hostname = spec?.Hostname,
                Subdomain = spec?.Subdomain,
                HostNetwork = spec?.HostNetwork ?? false,
                ContainerPorts = ContainerPorts(spec),
            };
        });
    }

    // The model keeps the API's text as written, address or not, as the core's JSON reader keeps it:
    // the Discovery layer decides what text that is no address means. Only a missing ip is refused.
    private static ImmutableArray<string> PodIPs(V1PodStatus? status)
    {
        if (status?.PodIPs is { Count: > 0 } ips)
        {
            return ApiValues.Each(ips, "status.podIPs", (ip, path) => ip.Ip ?? throw new ArgumentException(path + ".ip: Required value"));
        }

        return string.IsNullOrEmpty(status?.PodIP) ? [] : [status.PodIP];
    }

    private static PodCondition ToModel(V1PodCondition condition, string path) => new()
    {
        Type = ApiValues.Required(condition.Type, path + ".type"),
        Status = ApiValues.Required(condition.Status, path + ".status"),
        Reason = condition.Reason,
        Message = condition.Message,
        LastProbeTime = ApiValues.Instant(condition.LastProbeTime),
        LastTransitionTime = ApiValues.Instant(condition.LastTransitionTime),
    };

    private static ImmutableArray<ContainerPort> ContainerPorts(V1PodSpec? spec)
    {
        if (spec is null)
        {
            return [];
        }

        var ports = ImmutableArray.CreateBuilder<ContainerPort>();
        Add(ports, spec.Containers, "spec.containers", sidecarsOnly: false);
        Add(ports, spec.InitContainers, "spec.initContainers", sidecarsOnly: true);
        return ports.DrainToImmutable();
    }

    private static void Add(ImmutableArray<ContainerPort>.Builder ports, IList<V1Container>? containers, string field, bool sidecarsOnly)
    {
        if (containers is null)
        {
            return;
        }

        for (var i = 0; i < containers.Count; i++)
        {
            var container = containers[i] ?? throw new ArgumentException($"{field}[{i}]: Required value (the list holds null)");
            if (container.Ports is null || (sidecarsOnly && !string.Equals(container.RestartPolicy, SidecarRestartPolicy, StringComparison.Ordinal)))
            {
                continue;
            }

            var path = $"{field}[{i}].ports";
            var name = container.Name;
            ports.AddRange(ApiValues.Each(container.Ports, path, (port, portPath) => new ContainerPort
            {
                Name = port.Name,
                Port = port.ContainerPort,
                Protocol = ApiValues.Parse(port.Protocol, Protocol.TCP, portPath + ".protocol"),
                ContainerName = name,
                IsSidecar = sidecarsOnly,
            }));
        }
    }
}
