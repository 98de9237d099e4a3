using System.Collections.Immutable;
using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using ServiceModel.Networking;
using ServiceModel.Services;

namespace ServiceModel.Tests.Properties;

// Generators for valid Services (as submitted, and defaulted for a given cluster) and for single-field
// mutations whose one expected error is known. Allocation tests reuse ValidService/SubmittedService:
// node ports (when set) lie in 30000-30069 and health-check node ports in 30070-30085: inside the
// default range's static band (its lowest 86 ports, KEP-3668), so they never collide with each other
// nor with a port the allocator picks dynamically for another port of the same Service (dynamic
// allocation takes the upper band first, exactly as upstream). Cluster IPs are left for the allocator
// except where a test sets them.
public static class ServiceGenerators
{
    public static readonly IPFamily[] SingleStackV4 = [IPFamily.IPv4];
    public static readonly IPFamily[] DualStackV4 = [IPFamily.IPv4, IPFamily.IPv6];
    public static readonly IPFamily[] DualStackV6 = [IPFamily.IPv6, IPFamily.IPv4];

    public static Gen<IPFamily[]> ClusterFamilies { get; } = Gen.Elements(SingleStackV4, DualStackV4, DualStackV6, [IPFamily.IPv6]);

    public static Gen<string> ServiceName { get; } =
        from first in Gen.Elements("abcdefghijklmnopqrstuvwxyz".ToCharArray())
        from rest in LabelGenerators.DnsLabel
        select first + rest;

    private static Gen<ImmutableDictionary<string, string>?> Selector { get; } = Gen.OneOf(
        Gen.Constant<ImmutableDictionary<string, string>?>(null),
        from count in Gen.Choose(1, 3)
        from keys in Gen.ArrayOf(LabelGenerators.Key, count)
        from values in Gen.ArrayOf(LabelGenerators.Value, count)
        select (ImmutableDictionary<string, string>?)keys.Zip(values).DistinctBy(p => p.First)
            .ToImmutableDictionary(p => p.First, p => p.Second, StringComparer.Ordinal));

    private static Gen<PortNumberOrName> TargetPort { get; } = Gen.OneOf(
        Gen.Constant(default(PortNumberOrName)),
        Gen.Choose(1, 65535).Select(PortNumberOrName.FromInt32),
        Gen.Elements("http", "metrics", "dns-tcp", "grpc9").Select(PortNumberOrName.FromString));

    // Ports with unique names and unique (protocol, port); node ports unique when requested.
    private static Gen<ImmutableArray<ServicePort>> Ports(bool nodePorts, bool mixedProtocols) =>
        from count in Gen.Choose(1, 4)
        from numbers in Gen.ArrayOf(Gen.Choose(1, 65535), count)
        from protocols in Gen.ArrayOf(mixedProtocols ? Gen.Elements(Protocol.TCP, Protocol.UDP, Protocol.SCTP) : Gen.Constant(Protocol.TCP), count)
        from targets in Gen.ArrayOf(TargetPort, count)
        from wantNodePort in Gen.ArrayOf(Gen.Elements(true, false), count)
        from nodeBase in Gen.Choose(30000, 30066)
        from appProtocol in Gen.Elements<string?>(null, "http", "kubernetes.io/h2c")
        select numbers.Select((n, i) => new ServicePort
        {
            Name = count == 1 ? null : "p" + i.ToString(CultureInfo.InvariantCulture),
            Port = ((n + i - 1) % 65535) + 1,
            Protocol = protocols[i],
            TargetPort = targets[i],
            NodePort = nodePorts && wantNodePort[i] ? nodeBase + i : 0,
            AppProtocol = i == 0 ? appProtocol : null,
        }).DistinctBy(p => (p.Protocol, p.Port)).ToImmutableArray();

    // A Service as a user would submit it: valid once defaulted (and, for LoadBalancer with Local
    // policy, it already names its health-check node port).
    public static Gen<Service> SubmittedService { get; } =
        from name in ServiceName
        from type in Gen.Elements(Enum.GetValues<ServiceType>())
        from selector in Selector
        from ports in Ports(type.MayCarryNodePorts(), true)
        from headless in Gen.Elements(false, false, true)
        from affinity in Gen.Elements(SessionAffinity.None, SessionAffinity.ClientIP)
        from timeout in Gen.OneOf(Gen.Constant<int?>(null), Gen.Choose(1, ClientIPConfig.MaxTimeoutSeconds).Select(t => (int?)t))
        from local in Gen.Elements(false, true)
        from healthCheck in Gen.Choose(30070, 30085)
        from allocate in Gen.Elements<bool?>(null, true, false)
        from publish in Gen.Elements(false, true)
        from ranges in Gen.Elements<string[]>([], ["10.0.0.0/8"], ["192.168.0.0/16", "2001:db8::/64"])
        select new Service
        {
            Name = name,
            Spec = new ServiceSpec
            {
                Type = type,
                Selector = selector,
                Ports = ports,
                ClusterIP = headless && type == ServiceType.ClusterIP ? ServiceSpec.ClusterIPNone : null,
                ExternalName = type == ServiceType.ExternalName ? name + ".example.com" : null,
                SessionAffinity = affinity,
                SessionAffinityConfig = affinity == SessionAffinity.ClientIP && timeout is not null
                    ? new SessionAffinityConfig { ClientIP = new ClientIPConfig { TimeoutSeconds = timeout } }
                    : null,
                ExternalTrafficPolicy = type.MayCarryNodePorts() ? (local ? TrafficPolicy.Local : TrafficPolicy.Cluster) : null,
                HealthCheckNodePort = type == ServiceType.LoadBalancer && local ? healthCheck : 0,
                AllocateLoadBalancerNodePorts = type == ServiceType.LoadBalancer ? allocate : null,
                LoadBalancerSourceRanges = type == ServiceType.LoadBalancer ? [.. ranges] : [],
                PublishNotReadyAddresses = publish,
            },
        };

    // A submitted Service defaulted for the given cluster families.
    public static Gen<Service> ValidService(IReadOnlyList<IPFamily> clusterFamilies)
        => SubmittedService.Select(s => ServiceDefaults.Apply(s, clusterFamilies));

    public static Gen<(IPFamily[] Cluster, Service Service)> ValidServiceOnAnyCluster { get; } =
        from cluster in ClusterFamilies
        from service in SubmittedService
        select (cluster, ServiceDefaults.Apply(service, cluster));

    // One field of a valid, non-ExternalName Service broken in a known way, with the exact error expected.
    public static Gen<(Service Service, string ExpectedError)> SingleMutation(Service valid)
    {
        var spec = valid.Spec;
        var port = spec.Ports[0];
        var mutations = new List<(Service, string)>
        {
            (valid with { Spec = spec with { Ports = spec.Ports.SetItem(0, port with { Port = 0 }) } },
                "spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive"),
            (valid with { Spec = spec with { Ports = spec.Ports.SetItem(0, port with { TargetPort = 65536 }) } },
                "spec.ports[0].targetPort: Invalid value: 65536: must be between 1 and 65535, inclusive"),
            (valid with { Spec = spec with { SessionAffinity = SessionAffinity.ClientIP, SessionAffinityConfig = new SessionAffinityConfig { ClientIP = new ClientIPConfig { TimeoutSeconds = 86401 } } } },
                "spec.sessionAffinityConfig.clientIP.timeoutSeconds: Invalid value: 86401: must be greater than 0 and less than 86400"),
            (valid with { Spec = spec with { InternalTrafficPolicy = null } }, "spec.internalTrafficPolicy: Required value"),
            (valid with { Spec = spec with { LoadBalancerClass = "example.com/lb" } },
                spec.Type == ServiceType.LoadBalancer ? null! : "spec.loadBalancerClass: Forbidden: may only be used when `type` is 'LoadBalancer'"),
        };
        if (spec.Type == ServiceType.ClusterIP)
        {
            mutations.Add((valid with { Spec = spec with { Ports = spec.Ports.SetItem(0, port with { NodePort = 30001 }) } },
                "spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"));
        }

        if (spec.Type == ServiceType.LoadBalancer)
        {
            mutations.Add((valid with { Spec = spec with { AllocateLoadBalancerNodePorts = null } }, "allocateLoadBalancerNodePorts: Required value"));
        }

        return Gen.Elements(mutations.Where(m => m.Item2 is not null).ToArray());
    }
}
