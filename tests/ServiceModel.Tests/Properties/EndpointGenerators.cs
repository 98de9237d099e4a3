using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using ServiceModel.Discovery;
using ServiceModel.Networking;
using ServiceModel.Services;

namespace ServiceModel.Tests.Properties;

/// <summary>A Service, candidate pods and a per-slice limit for the EndpointSlice properties.</summary>
public sealed record EndpointScenario(Service Service, ImmutableArray<Pod> Pods, int MaxPerSlice)
{
    public override string ToString()
        => $"{Service.Name} families={string.Join(',', Service.Spec.IPFamilies)} ports={Service.Spec.Ports.Length} " +
           $"clusterIP={Service.Spec.ClusterIP} publishNotReady={Service.Spec.PublishNotReadyAddresses} pods={Pods.Length} max={MaxPerSlice}";
}

// Small worlds where named ports, families, readiness, deletion and phases all vary, and slice
// limits are low enough that splitting and filling happen often.
public static class EndpointGenerators
{
    private static readonly string[] s_portNames = ["http", "metrics"];

    public static Gen<ServicePort> ServicePort(int index) =>
        from named in Gen.Elements(true, false)
        from name in Gen.Elements(s_portNames)
        from number in Gen.Choose(8000, 8003)
        from protocol in Gen.Elements(Protocol.TCP, Protocol.TCP, Protocol.UDP)
        select new ServicePort
        {
            Name = $"p{index}",
            Port = 80 + index,
            Protocol = protocol,
            TargetPort = named ? PortNumberOrName.FromString(name) : PortNumberOrName.FromInt32(number),
        };

    public static Gen<Service> Service { get; } =
        from families in Gen.Elements<IPFamily[]>([IPFamily.IPv4], [IPFamily.IPv6], [IPFamily.IPv4, IPFamily.IPv6], [IPFamily.IPv6, IPFamily.IPv4])
        from portCount in Gen.Choose(0, 2)
        from ports in Gen.CollectToArray(Enumerable.Range(0, portCount).Select(ServicePort))
        from headless in Gen.Elements(false, false, true)
        from publishNotReady in Gen.Elements(false, false, true)
        from labelled in Gen.Elements(true, false)
        select new Service
        {
            Name = "svc",
            Namespace = "test",
            Uid = "uid-test-svc",
            Labels = labelled ? ImmutableDictionary<string, string>.Empty.Add("team", "a") : ImmutableDictionary<string, string>.Empty,
            Spec = new ServiceSpec
            {
                Selector = ImmutableDictionary<string, string>.Empty.Add("app", "foo"),
                ClusterIP = headless ? ServiceSpec.ClusterIPNone : "10.96.0.10",
                IPFamilies = [.. families],
                Ports = [.. ports],
                PublishNotReadyAddresses = publishNotReady,
            },
        };

    public static Gen<Pod> Pod(int index) =>
        from app in Gen.Elements("foo", "foo", "foo", "bar")
        from ns in Gen.Elements("test", "test", "test", "test", "other")
        from family in Gen.Elements(0, 0, 1, 2)
        from ready in Gen.Elements(true, true, false)
        from deleting in Gen.Elements(false, false, false, true)
        from phase in Gen.Elements(PodPhase.Running, PodPhase.Running, PodPhase.Running, PodPhase.Pending, PodPhase.Succeeded, PodPhase.Failed)
        from portNumbers in Gen.ArrayOf(Gen.Elements(0, 8080, 9090), s_portNames.Length)
        from portProtocol in Gen.Elements(Protocol.TCP, Protocol.UDP)
        from node in Gen.Elements("node-a", "node-b", "node-c")
        from hostname in Gen.Elements<string?>(null, null, "host")
        select new Pod(ns, $"pod{index}")
        {
            Uid = $"uid{index}",
            Labels = ImmutableDictionary<string, string>.Empty.Add("app", app),
            PodIPs = family switch
            {
                0 => [$"10.1.{index / 256}.{index % 256}"],
                1 => [$"fd00::{index + 1:x}"],
                _ => [$"10.1.{index / 256}.{index % 256}", $"fd00::{index + 1:x}"],
            },
            Ready = ready,
            DeletionTimestamp = deleting ? DateTimeOffset.UnixEpoch : null,
            Phase = phase,
            NodeName = node,
            Hostname = hostname,
            Subdomain = hostname is null ? null : "svc",
            ContainerPorts = [.. portNumbers.Select((number, i) => (number, i)).Where(p => p.number != 0)
                .Select(p => new ContainerPort { Name = s_portNames[p.i], Port = p.number, Protocol = portProtocol })],
        };

    public static Gen<ImmutableArray<Pod>> Pods { get; } =
        from count in Gen.Choose(0, 40)
        from pods in Gen.CollectToArray(Enumerable.Range(0, count).Select(Pod))
        select pods.ToImmutableArray();

    public static Gen<EndpointScenario> Scenario { get; } =
        from service in Service
        from pods in Pods
        from max in Gen.Choose(1, 12)
        select new EndpointScenario(service, pods, max);

    /// <summary>A scenario plus a second pod population: the world before and after a change.</summary>
    public static Gen<(EndpointScenario Before, ImmutableArray<Pod> After)> Change { get; } =
        from scenario in Scenario
        from keep in Gen.ArrayOf(Gen.Elements(true, true, false), scenario.Pods.Length)
        from flip in Gen.ArrayOf(Gen.Elements(false, false, false, true), scenario.Pods.Length)
        from added in Gen.Choose(0, 15)
        from extra in Gen.CollectToArray(Enumerable.Range(100, added).Select(Pod))
        select (scenario, scenario.Pods
            .Where((_, i) => keep[i])
            .Select((pod, i) => flip[i] ? pod with { Ready = !pod.Ready } : pod)
            .Concat(extra)
            .ToImmutableArray());
}
