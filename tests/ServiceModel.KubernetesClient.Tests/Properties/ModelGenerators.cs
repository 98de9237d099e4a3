using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using ServiceModel.Discovery;
using ServiceModel.Labels;
using ServiceModel.Networking;
using ServiceModel.Services;

namespace ServiceModel.KubernetesClient.Tests.Properties;

// Model values with every field the adapter converts, each optional field sometimes unset. Values
// need not be valid Services (conversion does not validate); they only avoid what the client cannot
// carry distinctly (a target port name made only of digits, an empty name, a non-UTC instant).
public static class ModelGenerators
{
    private static Gen<string> Word { get; } = Gen.Elements("web", "api", "db", "a", "frontend", "metrics", "x1");

    private static Gen<string?> OptionalWord { get; } = Gen.OneOf(Gen.Constant<string?>(null), Word.Select(w => (string?)w));

    private static Gen<ImmutableDictionary<string, string>> Map { get; } =
        from count in Gen.Choose(0, 3)
        from keys in Gen.ArrayOf(Gen.Elements("app", "tier", "app.kubernetes.io/name", "team", "example.com/owner"), count)
        from values in Gen.ArrayOf(Gen.Elements("web", "", "v1", "MyApp"), count)
        select keys.Zip(values).DistinctBy(p => p.First).ToImmutableDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);

    private static Gen<DateTimeOffset?> Instant { get; } = Gen.OneOf(
        Gen.Constant<DateTimeOffset?>(null),
        Gen.Choose(0, 1_000_000_000).Select(s => (DateTimeOffset?)DateTimeOffset.UnixEpoch.AddSeconds(s)));

    private static Gen<ImmutableArray<T>> Array<T>(Gen<T> item, int max = 3) =>
        from count in Gen.Choose(0, max)
        from items in Gen.ArrayOf(item, count)
        select items.ToImmutableArray();

    private static Gen<T?> Optional<T>(Gen<T> gen)
        where T : struct
        => Gen.OneOf(Gen.Constant<T?>(null), gen.Select(v => (T?)v));

    private static Gen<T> Enum<T>()
        where T : struct, System.Enum
        => Gen.Elements(System.Enum.GetValues<T>());

    private static Gen<PortNumberOrName> TargetPort { get; } = Gen.OneOf(
        Gen.Constant(default(PortNumberOrName)),
        Gen.Choose(1, 65535).Select(PortNumberOrName.FromInt32),
        Gen.Elements("http", "metrics", "dns-tcp", "grpc9").Select(PortNumberOrName.FromString));

    private static Gen<ServicePort> ServicePort { get; } =
        from name in OptionalWord
        from protocol in Enum<Protocol>()
        from port in Gen.Choose(1, 65535)
        from target in TargetPort
        from nodePort in Gen.OneOf(Gen.Constant(0), Gen.Choose(30000, 32767))
        from appProtocol in Gen.Elements<string?>(null, "http", "kubernetes.io/h2c")
        select new ServicePort { Name = name, Protocol = protocol, Port = port, TargetPort = target, NodePort = nodePort, AppProtocol = appProtocol };

    private static Gen<ServiceSpec> Spec { get; } =
        from type in Enum<ServiceType>()
        from selector in Gen.OneOf(Gen.Constant<ImmutableDictionary<string, string>?>(null), Map.Where(m => m.Count > 0).Select(m => (ImmutableDictionary<string, string>?)m))
        from ports in Array(ServicePort)
        from clusterIPs in Gen.Elements<string[]>([], ["10.96.0.10"], ["None"], ["10.96.0.11", "fd00::11"])
        from families in Array(Enum<IPFamily>(), 2)
        from policy in Optional(Enum<IPFamilyPolicy>())
        from externalName in Gen.Elements<string?>(null, "db.example.com")
        from externalIPs in Array(Gen.Elements("198.51.100.7", "2001:db8::7"), 2)
        from external in Optional(Enum<TrafficPolicy>())
        from @internal in Optional(Enum<TrafficPolicy>())
        from healthCheck in Gen.OneOf(Gen.Constant(0), Gen.Choose(30000, 32767))
        from affinity in Enum<SessionAffinity>()
        from affinityConfig in Gen.Elements<SessionAffinityConfig?>(
            null, new SessionAffinityConfig(), new SessionAffinityConfig { ClientIP = new ClientIPConfig() },
            new SessionAffinityConfig { ClientIP = new ClientIPConfig { TimeoutSeconds = 60 } })
        from publish in Gen.Elements(false, true)
        from allocate in Optional(Gen.Elements(false, true))
        from lbClass in Gen.Elements<string?>(null, "example.com/lb")
        from lbIP in Gen.Elements<string?>(null, "203.0.113.9")
        from ranges in Array(Gen.Elements("10.0.0.0/8", "2001:db8::/64"), 2)
        from distribution in Gen.Elements<string?>(null, "PreferClose", "PreferSameNode")
        select new ServiceSpec
        {
            Type = type,
            Selector = selector,
            Ports = ports,
            ClusterIP = clusterIPs.Length == 0 ? null : clusterIPs[0],
            ClusterIPs = [.. clusterIPs],
            IPFamilies = families,
            IPFamilyPolicy = policy,
            ExternalName = externalName,
            ExternalIPs = externalIPs,
            ExternalTrafficPolicy = external,
            InternalTrafficPolicy = @internal,
            HealthCheckNodePort = healthCheck,
            SessionAffinity = affinity,
            SessionAffinityConfig = affinityConfig,
            PublishNotReadyAddresses = publish,
            AllocateLoadBalancerNodePorts = allocate,
            LoadBalancerClass = lbClass,
            LoadBalancerIP = lbIP,
            LoadBalancerSourceRanges = ranges,
            TrafficDistribution = distribution,
        };

    public static Gen<Service> Service { get; } =
        from name in Word
        from ns in Gen.Elements("default", "prod", "kube-system")
        from uid in Gen.Elements("", "3f1c2a9e-0000-4000-8000-000000000001")
        from labels in Map
        from annotations in Map
        from resourceVersion in Gen.Elements<string?>(null, "12345")
        from created in Instant
        from deleted in Instant
        from spec in Spec
        from ingress in Array(
            from ip in Gen.Elements<string?>(null, "203.0.113.10")
            from host in Gen.Elements<string?>(null, "lb.example.com")
            from mode in Gen.Elements<string?>(null, "VIP", "Proxy")
            select new LoadBalancerIngress { IP = ip, Hostname = host, IPMode = mode }, 2)
        select new Service
        {
            Name = name,
            Namespace = ns,
            Uid = uid,
            Labels = labels,
            Annotations = annotations,
            ResourceVersion = resourceVersion,
            CreationTimestamp = created,
            DeletionTimestamp = deleted,
            Spec = spec,
            Status = new ServiceStatus { LoadBalancer = new LoadBalancerStatus { Ingress = ingress } },
        };

    private static Gen<ObjectReference?> TargetRef { get; } = Gen.Elements<ObjectReference?>(
        null, new ObjectReference { Kind = "Pod", Namespace = "default", Name = "web-1", Uid = "uid-1" }, new ObjectReference { Kind = "Pod", Namespace = "prod", Name = "api-0" });

    private static Gen<EndpointPort> EndpointPort { get; } =
        from name in Gen.Elements("", "http", "dns")
        from port in Gen.Choose(1, 65535)
        from protocol in Enum<Protocol>()
        from appProtocol in Gen.Elements<string?>(null, "http")
        select new EndpointPort { Name = name, Port = port, Protocol = protocol, AppProtocol = appProtocol };

    private static Gen<Endpoint> Endpoint { get; } =
        from addresses in Array(Gen.Elements("10.244.1.5", "10.244.2.7", "fd00::5"), 2)
        from ready in Optional(Gen.Elements(false, true))
        from serving in Optional(Gen.Elements(false, true))
        from terminating in Optional(Gen.Elements(false, true))
        from hostname in OptionalWord
        from node in Gen.Elements<string?>(null, "node-a", "node-b")
        from zone in Gen.Elements<string?>(null, "zone-a")
        from target in TargetRef
        from hints in Gen.Elements<EndpointHints?>(null, new EndpointHints(), new EndpointHints { ForZones = ["zone-a"], ForNodes = ["node-a", "node-b"] })
        select new Endpoint(addresses)
        {
            Conditions = new EndpointConditions { Ready = ready, Serving = serving, Terminating = terminating },
            Hostname = hostname,
            NodeName = node,
            Zone = zone,
            TargetRef = target,
            Hints = hints,
        };

    public static Gen<EndpointSlice> EndpointSlice { get; } =
        from name in Word
        from ns in Gen.Elements("default", "prod")
        from generateName in Gen.Elements<string?>(null, "web-")
        from type in Enum<AddressType>()
        from endpoints in Array(Endpoint)
        from ports in Array(EndpointPort)
        from labels in Map
        from owners in Array(Gen.Elements(
            new OwnerReference { ApiVersion = "v1", Kind = "Service", Name = "web", Uid = "uid-s", Controller = true }, new OwnerReference { ApiVersion = "v1", Kind = "Service", Name = "api", Uid = "uid-t" }), 2)
        select new EndpointSlice(ns, name + "-abc12", type)
        {
            GenerateName = generateName,
            Endpoints = endpoints,
            Ports = ports,
            Labels = labels,
            OwnerReferences = owners,
        };

    private static Gen<EndpointAddress> EndpointAddress { get; } =
        from ip in Gen.Elements("10.244.1.5", "10.244.2.7", "fd00::5")
        from hostname in OptionalWord
        from node in Gen.Elements<string?>(null, "node-a")
        from target in TargetRef
        select new EndpointAddress { IP = ip, Hostname = hostname, NodeName = node, TargetRef = target };

    public static Gen<Endpoints> Endpoints { get; } =
        from name in Word
        from ns in Gen.Elements("default", "prod")
        from labels in Map
        from annotations in Map
        from subsets in Array(
            from addresses in Array(EndpointAddress)
            from notReady in Array(EndpointAddress)
            from ports in Array(EndpointPort)
            select new EndpointSubset { Addresses = addresses, NotReadyAddresses = notReady, Ports = ports })
        select new Endpoints(ns, name) { Labels = labels, Annotations = annotations, Subsets = subsets };

    private static Gen<LabelSelectorRequirement> Requirement { get; } =
        from key in Gen.Elements("app", "tier", "example.com/owner")
        from op in Gen.Elements(SelectorOperator.In, SelectorOperator.NotIn, SelectorOperator.Exists, SelectorOperator.DoesNotExist)
        from values in Gen.Choose(1, 3).SelectMany(n => Gen.ArrayOf(Gen.Elements("a", "b", "web", ""), n))
        select new LabelSelectorRequirement(key, op, op is SelectorOperator.In or SelectorOperator.NotIn ? [.. values] : []);

    public static Gen<LabelSelectorSpec> LabelSelectorSpec { get; } =
        from labels in Map
        from expressions in Array(Requirement)
        select new LabelSelectorSpec(labels, expressions);
}
