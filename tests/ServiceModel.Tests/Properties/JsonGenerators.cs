using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using ServiceModel.Allocation;
using ServiceModel.Discovery;
using ServiceModel.Labels;
using ServiceModel.Networking;
using ServiceModel.Services;

namespace ServiceModel.Tests.Properties;

// The other generators' model values, dressed with what only a round trip through the API's JSON
// exercises: metadata, timestamps (whole and fractional seconds, any offset), status, conditions.
public static class JsonGenerators
{
    public static Gen<T[]> UpTo<T>(Gen<T> item, int max)
        => from count in Gen.Choose(0, max) from items in Gen.ArrayOf(item, count) select items;

    private static Gen<DateTimeOffset?> Timestamp { get; } = Gen.OneOf(
        Gen.Constant<DateTimeOffset?>(null),
        from seconds in Gen.Choose(0, int.MaxValue)
        from millis in Gen.Elements(0, 0, 1, 999)
        from offset in Gen.Elements(0, 0, 60, -330)
        select (DateTimeOffset?)DateTimeOffset.FromUnixTimeSeconds(seconds).AddMilliseconds(millis).ToOffset(TimeSpan.FromMinutes(offset)));

    private static Gen<ImmutableDictionary<string, string>> Map { get; } =
        from pairs in UpTo(Gen.Zip(LabelGenerators.Key, Gen.Elements("", "1", "a b", "{\"json\":true}", "ünïcödé")), 3)
        select pairs.DistinctBy(p => p.Item1).ToImmutableDictionary(p => p.Item1, p => p.Item2);

    private static Gen<LoadBalancerIngress> Ingress { get; } =
        from ip in Gen.Elements<string?>(null, "192.0.2.1", "2001:db8::1")
        from host in Gen.Elements<string?>(null, "lb.example.com")
        from mode in Gen.Elements<string?>(null, "VIP", "Proxy")
        select new LoadBalancerIngress { IP = ip, Hostname = host, IPMode = mode };

    public static Gen<Service> Service { get; } =
        from service in Gen.OneOf(
            ServiceGenerators.SubmittedService,
            ServiceGenerators.ValidServiceOnAnyCluster.Select(c => c.Service),
            EndpointGenerators.Service,
            TrafficGenerators.Service)
        from uid in Gen.Elements("", "8e1c2c52-4b7a-4f0e-9d55-0c8e0ad3b6a1")
        from annotations in Map
        from version in Gen.Elements<string?>(null, "", "12345")
        from created in Timestamp
        from deleted in Timestamp
        from distribution in Gen.Elements<string?>(null, "PreferClose", "PreferSameZone", "Unknown-Future")
        from ingress in UpTo(Ingress, 2)
        from internalPolicy in Gen.Elements<TrafficPolicy?>(null, TrafficPolicy.Cluster, TrafficPolicy.Local)
        from loadBalancerClass in Gen.Elements<string?>(null, "example.com/lb")
        select service with
        {
            Uid = uid,
            Annotations = annotations,
            ResourceVersion = version,
            CreationTimestamp = created,
            DeletionTimestamp = deleted,
            Spec = service.Spec with
            {
                TrafficDistribution = distribution,
                InternalTrafficPolicy = service.Spec.InternalTrafficPolicy ?? internalPolicy,
                LoadBalancerClass = service.Spec.LoadBalancerClass ?? loadBalancerClass,
            },
            Status = new ServiceStatus { LoadBalancer = new LoadBalancerStatus { Ingress = [.. ingress] } },
        };

    private static Gen<PodCondition> Condition { get; } =
        from type in Gen.Elements("PodScheduled", "Initialized", "ContainersReady", "example.com/gate")
        from status in Gen.Elements("True", "False", "Unknown")
        from reason in Gen.Elements<string?>(null, "ContainersNotReady")
        from message in Gen.Elements<string?>(null, "containers with unready status: [web]")
        from probed in Timestamp
        from changed in Timestamp
        select new PodCondition { Type = type, Status = status, Reason = reason, Message = message, LastProbeTime = probed, LastTransitionTime = changed };

    // Pod IP text the model accepts although it is no address (it keeps the API's text as written).
    private static Gen<string> PodIPText { get; } =
        Gen.Elements("not-an-ip", "", " 10.0.0.1", "010.000.000.001", "fe80::1%eth0", "10.0.0.1/24", "::ffff:10.0.0.1", "2001:DB8::1");

    public static Gen<Pod> Pod { get; } =
        from index in Gen.Choose(0, 300)
        from pod in EndpointGenerators.Pod(index)
        from others in UpTo(Condition, 3)
        from hostNetwork in Gen.Elements(false, true)
        from conditionsFirst in Gen.Elements(false, true)
        from layout in Gen.Elements(Containers.Unnamed, Containers.One, Containers.Several)
        from ipText in Gen.Frequency((4, Gen.Constant<string[]?>(null)), (1, UpTo(PodIPText, 2).Select(t => (string[]?)t)))
        select (conditionsFirst
            ? pod with { Conditions = [.. others], Ready = pod.Ready }
            : pod) with { HostNetwork = hostNetwork, ContainerPorts = InContainers(pod.ContainerPorts, layout), PodIPs = ipText is null ? pod.PodIPs : [.. ipText] };

    /// <summary>How generated container ports are spread over containers.</summary>
    public enum Containers
    {
        /// <summary>No container names (a hand-built model).</summary>
        Unnamed,

        /// <summary>Every port in one container.</summary>
        One,

        /// <summary>Two regular containers and a sidecar, in the order readers list them.</summary>
        Several,
    }

    private static ImmutableArray<ContainerPort> InContainers(ImmutableArray<ContainerPort> ports, Containers layout)
        => layout switch
        {
            Containers.One => [.. ports.Select(p => p with { ContainerName = "web" })],
            Containers.Several => [.. ports.Select((p, i) => i == 0 ? p with { ContainerName = "web" }
                : i < ports.Length - 1 ? p with { ContainerName = "helper" }
                : p with { ContainerName = "proxy", IsSidecar = true })],
            _ => ports,
        };

    public static Gen<EndpointSlice> Slice { get; } = Gen.OneOf(
        TrafficGenerators.Slices.Where(s => s.Length > 0).SelectMany(s => Gen.Elements(s)),
        from scenario in EndpointGenerators.Scenario
        let slices = EndpointSliceReconciler.Default.Compute(scenario.Service, scenario.Pods)
        where slices.Length > 0
        from slice in Gen.Elements(slices.ToArray())
        select slice);

    public static Gen<Endpoints> Endpoints { get; } =
        from scenario in EndpointGenerators.Scenario
        let endpoints = ServiceModel.Discovery.Endpoints.ForService(scenario.Service, scenario.Pods)
        where endpoints is not null
        select endpoints;

    // metav1.LabelSelector has only In, NotIn, Exists and DoesNotExist.
    public static Gen<LabelSelectorSpec> SelectorSpec { get; } =
        from labels in Map
        from requirements in UpTo(LabelGenerators.Requirement.Where(r =>
            r.Operator is SelectorOperator.In or SelectorOperator.NotIn or SelectorOperator.Exists or SelectorOperator.DoesNotExist), 3)
        select new LabelSelectorSpec(labels, [.. requirements]);

    public static Gen<RangeAllocation> RangeAllocation { get; } =
        from range in Gen.Elements("10.96.0.0/12", "30000-32767", "fd00::/108", "")
        from bytes in Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b))
        select new RangeAllocation(range, [.. bytes]);

    private static Gen<ParentReference?> Parent { get; } = Gen.OneOf(
        Gen.Constant<ParentReference?>(null),
        from g in Gen.Elements("", "apps", "gateway.networking.k8s.io")
        from r in Gen.Elements("", "services", "gateways")
        from ns in Gen.Elements("", "default", "ünïcödé")
        from n in Gen.Elements("", "web", "a b")
        select (ParentReference?)new ParentReference { Group = g, Resource = r, Namespace = ns, Name = n });

    public static Gen<IPAddressObject> IPAddress { get; } =
        from name in Gen.Elements("10.96.0.1", "2001:db8::a", "fd00::1", "not canonical 010.0.0.1")
        from labels in Map
        from parent in Parent
        select new IPAddressObject { Name = name, Labels = labels, ParentRef = parent };

    private static Gen<ServiceCidrCondition> CidrCondition { get; } =
        from type in Gen.Elements("Ready", "Other")
        from status in Gen.Elements("True", "False", "Unknown", "")
        from reason in Gen.Elements("", "Terminating")
        from message in Gen.Elements("", "Kubernetes Service CIDR is ready", "\"quoted\" ünïcödé")
        from changed in Timestamp
        select new ServiceCidrCondition { Type = type, Status = status, Reason = reason, Message = message, LastTransitionTime = changed ?? default };

    public static Gen<ServiceCidrObject> ServiceCidr { get; } =
        from name in Gen.Elements("kubernetes", "extra-1", "a.b")
        from cidrs in UpTo(Gen.Elements("10.96.0.0/12", "fd00::/108", "2001:db8::/64", "bad"), 2)
        from conditions in UpTo(CidrCondition, 2)
        from finalizers in UpTo(Gen.Elements(ServiceCidrObject.ProtectionFinalizer, "example.com/other"), 2)
        from deleted in Timestamp
        select new ServiceCidrObject { Name = name, Cidrs = [.. cidrs], Conditions = [.. conditions], Finalizers = [.. finalizers], DeletionTimestamp = deleted };
}
