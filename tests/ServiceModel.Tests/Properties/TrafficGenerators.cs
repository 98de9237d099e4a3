using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using ServiceModel.Discovery;
using ServiceModel.Services;
using ServiceModel.Traffic;

namespace ServiceModel.Tests.Properties;

// Generators for the Traffic layer: proxy paths with every scheme/port shape and awkward path text.
public static class TrafficGenerators
{
    private const string Lower = "abcdefghijklmnopqrstuvwxyz";

    public static Gen<string> PortName { get; } =
        from length in Gen.Choose(0, 13)
        from chars in Gen.ArrayOf(Gen.Elements((Lower + "0123456789").ToCharArray()), length)
        from letter in Gen.Elements(Lower.ToCharArray())
        select letter + new string(chars);

    public static Gen<string?> Port { get; } = Gen.OneOf(
        Gen.Constant<string?>(null),
        Gen.Constant<string?>(string.Empty),
        Gen.Choose(1, 65535).Select(p => (string?)p.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        PortName.Select(p => (string?)p));

    public static Gen<string> PathText { get; } = Gen.OneOf(
        Gen.Elements("/", "", "healthz", "/api/v1/x?y", "/a b/ü/%41/#frag", "/a//b/", "/😀", "/:@!$&'()*+,;="),
        ArbMap.Default.GeneratorFor<string>().Where(s => s is not null));

    // Any UTF-16 code units, surrogates over-weighted so lone halves, reversed pairs and real pairs all come up.
    public static Gen<string> AnyUtf16 { get; } =
        from length in Gen.Choose(0, 12)
        from units in Gen.ArrayOf(Gen.Frequency(
            (3, Gen.Elements("a/%:?é ".ToCharArray())),
            (2, Gen.Choose(0xD800, 0xDFFF).Select(c => (char)c)),
            (1, Gen.Elements('\uD83D', '\uDE00')),
            (1, Gen.Choose(0, 0xFFFF).Select(c => (char)c))), length)
        select new string(units);

    public static Gen<ServiceProxyPath> ProxyPath { get; } =
        from ns in LabelGenerators.DnsLabel
        from name in LabelGenerators.DnsLabel
        from port in Port
        from scheme in Gen.Elements(ServiceProxyScheme.Unspecified, ServiceProxyScheme.Http, ServiceProxyScheme.Https)
        from path in PathText
        select new ServiceProxyPath(ns, name, port, scheme, path);

    public static readonly string[] Nodes = ["node-a", "node-b", "node-c"];

    public static Gen<Endpoint> Endpoint { get; } =
        from host in Gen.Choose(1, 12)
        from node in Gen.Elements<string?>("node-a", "node-b", "node-c", null)
        from ready in Gen.Elements<bool?>(true, false, null)
        from serving in Gen.Elements<bool?>(true, false, null)
        from terminating in Gen.Elements<bool?>(true, false, null)
        select new Endpoint(["10.0.0." + host]) { NodeName = node, Conditions = new EndpointConditions { Ready = ready, Serving = serving, Terminating = terminating } };

    public static Gen<EndpointSlice[]> Slices { get; } =
        from count in Gen.Choose(0, 3)
        from slices in Gen.ArrayOf(
            from endpoints in Gen.ListOf(Endpoint)
            from port in Gen.Elements(8080, 8443)
            from name in Gen.Elements("web-a", "web-b", "web-c")
            select new EndpointSlice("default", name, AddressType.IPv4)
            {
                Labels = ImmutableDictionary<string, string>.Empty.Add(EndpointSlice.ServiceNameLabel, "web"),
                Ports = [new EndpointPort { Name = "http", Port = port, Protocol = Protocol.TCP }],
                Endpoints = [.. endpoints],
            }, count)
        select slices;

    public static Gen<Service> Service { get; } =
        from type in Gen.Elements(ServiceType.ClusterIP, ServiceType.NodePort, ServiceType.LoadBalancer)
        from external in Gen.Elements(TrafficPolicy.Cluster, TrafficPolicy.Local)
        from @internal in Gen.Elements(TrafficPolicy.Cluster, TrafficPolicy.Local)
        from affinity in Gen.Elements(SessionAffinity.None, SessionAffinity.ClientIP)
        select new Service
        {
            Name = "web",
            Uid = "uid-default-web",
            Spec = new ServiceSpec
            {
                Type = type,
                ClusterIP = "10.96.0.10",
                Ports = [new ServicePort { Name = "http", Port = 80, NodePort = type == ServiceType.ClusterIP ? 0 : 30080 }],
                ExternalIPs = ["198.51.100.1"],
                ExternalTrafficPolicy = external,
                InternalTrafficPolicy = @internal,
                HealthCheckNodePort = type == ServiceType.LoadBalancer && external == TrafficPolicy.Local ? 32000 : 0,
                SessionAffinity = affinity,
            },
            Status = new ServiceStatus { LoadBalancer = new LoadBalancerStatus { Ingress = [new LoadBalancerIngress { IP = "203.0.113.7" }] } },
        };

    public static Gen<TrafficRequest> Request { get; } =
        from node in Gen.Elements(Nodes)
        from entry in Gen.Elements(TrafficEntry.ClusterIP, TrafficEntry.NodePort, TrafficEntry.LoadBalancer, TrafficEntry.ExternalIP)
        from source in Gen.Elements<TrafficSource?>(null, TrafficSource.Pod, TrafficSource.OutsideCluster, TrafficSource.Node)
        from client in Gen.Elements<string?>(null, "192.168.1.9")
        select new TrafficRequest { NodeName = node, Entry = entry, Source = source, ClientIP = client };

    // A quarter of the scenarios have no ready endpoint at all, so kube-proxy's fallback to serving
    // terminating endpoints is exercised (with independent conditions it almost never happens).
    public static Gen<(Service Service, EndpointSlice[] Slices, TrafficRequest Request)> Scenario { get; } =
        from service in Service
        from slices in Slices
        from noneReady in Gen.Frequency((3, Gen.Constant(false)), (1, Gen.Constant(true)))
        from request in Request
        select (service, noneReady ? [.. slices.Select(NotReady)] : slices, request);

    // For comparing the prepared table with one-off routing: a Service with one or two ports, slices
    // that sometimes carry the second port, and requests that name a port and a family and may
    // remember an earlier endpoint (so ClientIP affinity is looked up too).
    public static Gen<(Service Service, EndpointSlice[] Slices, TrafficRequest[] Requests)> PreparedScenario { get; } =
        from scenario in Scenario
        from twoPorts in Gen.Elements(false, true)
        from metricsOnSlices in Gen.Elements(false, true)
        from count in Gen.Choose(1, 6)
        from requests in Gen.ArrayOf(
            from request in Request
            from portName in twoPorts ? Gen.Elements<string?>("http", "metrics") : Gen.Elements<string?>(null, "http")
            from family in Gen.Elements<ServiceModel.Networking.IPFamily?>(null, ServiceModel.Networking.IPFamily.IPv4, ServiceModel.Networking.IPFamily.IPv6)
            from affinity in Gen.OneOf(
                Gen.Constant<AffinityRecord?>(null),
                from host in Gen.Choose(1, 12)
                from port in Gen.Elements(8080, 8443, 9090)
                from seconds in Gen.Choose(-5, 20000)
                select (AffinityRecord?)new AffinityRecord { Address = "10.0.0." + host, Port = port, Age = TimeSpan.FromSeconds(seconds) })
            select request with { PortName = portName, Family = family, Affinity = affinity },
            count)
        let service = twoPorts
            ? scenario.Service with { Spec = scenario.Service.Spec with { Ports = [.. scenario.Service.Spec.Ports, new ServicePort { Name = "metrics", Port = 9090, NodePort = scenario.Service.Spec.Ports[0].NodePort == 0 ? 0 : 30090 }] } }
            : scenario.Service
        let slices = metricsOnSlices
            ? [.. scenario.Slices.Select(s => s with { Ports = [.. s.Ports, new EndpointPort { Name = "metrics", Port = 9090, Protocol = Protocol.TCP }] })]
            : scenario.Slices
        select (service, slices, requests);

    public static readonly string[] Zones = ["zone-a", "zone-b", "zone-c"];

    // Hint styles: 0 every endpoint zone-hinted, 1 zone and node hints on every endpoint, 2 a mixture
    // with some endpoints unhinted or hinted by zone or node only. Names repeat now and then.
    private static Gen<EndpointHints?> Hints(int style) =>
        from zoneCount in Gen.Choose(style == 2 ? 0 : 1, 2)
        from zones in Gen.ArrayOf(Gen.Elements(Zones), zoneCount)
        from nodeCount in Gen.Choose(style == 1 ? 1 : 0, style == 0 ? 0 : 2)
        from nodes in Gen.ArrayOf(Gen.Elements(Nodes), nodeCount)
        from none in style == 2 ? Gen.Frequency((1, Gen.Constant(true)), (3, Gen.Constant(false))) : Gen.Constant(false)
        select none ? null : new EndpointHints { ForZones = [.. zones], ForNodes = [.. nodes] };

    private static Gen<EndpointSlice[]> WithHints(EndpointSlice[] slices) =>
        from style in Gen.Choose(0, 2)
        from hints in Gen.ArrayOf(Hints(style), 32)
        select slices.Select((slice, s) => slice with
        {
            Endpoints = [.. slice.Endpoints.Select((e, i) => e with { Hints = hints[((s * 7) + i) % hints.Length] })],
        }).ToArray();

    private static Gen<string?> Zone { get; } = Gen.Elements<string?>(null, "", "zone-a", "zone-b", "zone-c", "zone-d");

    /// <summary>As <see cref="PreparedScenario"/>, with topology hints on the endpoints and a zone on each request.</summary>
    public static Gen<(Service Service, EndpointSlice[] Slices, TrafficRequest[] Requests)> TopologyScenario { get; } =
        from scenario in PreparedScenario
        from slices in WithHints(scenario.Slices)
        from zones in Gen.ArrayOf(Zone, scenario.Requests.Length)
        select (scenario.Service, slices, scenario.Requests.Select((r, i) => r with { Zone = zones[i] }).ToArray());

    private static EndpointSlice NotReady(EndpointSlice slice)
        => slice with { Endpoints = [.. slice.Endpoints.Select(e => e with { Conditions = e.Conditions with { Ready = false } })] };
}
