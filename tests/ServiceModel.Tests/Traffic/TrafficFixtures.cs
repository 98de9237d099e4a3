using System.Collections.Immutable;
using ServiceModel.Discovery;
using ServiceModel.Services;

namespace ServiceModel.Tests.Traffic;

// A NodePort Service "default/web" (port http 80 -> node port 30080) and helpers to build its slices.
internal static class TrafficFixtures
{
    public const string LocalNode = "node-a";
    public const string RemoteNode = "node-b";

    public static Service Web(
        ServiceType type = ServiceType.NodePort,
        TrafficPolicy? external = null,
        TrafficPolicy? @internal = null,
        SessionAffinity affinity = SessionAffinity.None,
        int? timeoutSeconds = null) => new()
        {
            Name = "web",
            Spec = new ServiceSpec
            {
                Type = type,
                ClusterIP = "10.96.0.10",
                ClusterIPs = ["10.96.0.10"],
                Ports = [new ServicePort { Name = "http", Port = 80, TargetPort = 8080, NodePort = type == ServiceType.ClusterIP ? 0 : 30080 }],
                ExternalTrafficPolicy = type == ServiceType.ClusterIP ? null : external ?? TrafficPolicy.Cluster,
                InternalTrafficPolicy = @internal ?? TrafficPolicy.Cluster,
                HealthCheckNodePort = type == ServiceType.LoadBalancer && external == TrafficPolicy.Local ? 32000 : 0,
                SessionAffinity = affinity,
                SessionAffinityConfig = timeoutSeconds is null ? null : new SessionAffinityConfig { ClientIP = new ClientIPConfig { TimeoutSeconds = timeoutSeconds } },
            },
        };

    public static Endpoint Ep(string ip, string? node = RemoteNode, bool? ready = true, bool? serving = null, bool? terminating = null)
        => new([ip]) { NodeName = node, Conditions = new EndpointConditions { Ready = ready, Serving = serving, Terminating = terminating } };

    public static EndpointSlice Slice(params Endpoint[] endpoints) => Slice("web-abc", 8080, endpoints);

    public static EndpointSlice Slice(string name, int port, params Endpoint[] endpoints)
        => new("default", name, AddressType.IPv4)
        {
            Labels = ImmutableDictionary<string, string>.Empty.Add(EndpointSlice.ServiceNameLabel, "web"),
            Ports = [new EndpointPort { Name = "http", Port = port, Protocol = Protocol.TCP }],
            Endpoints = [.. endpoints],
        };

    // "0RL" = 10.0.0.0, ready, local; letters: R ready, S serving, T terminating, L local. Unlisted conditions are false.
    public static EndpointSlice FromSpec(string spec)
        => Slice([.. spec.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(e => Ep(
            "10.0.0." + e[0],
            e.Contains('L') ? LocalNode : RemoteNode,
            e.Contains('R'),
            e.Contains('S'),
            e.Contains('T')))]);

    public static string Describe(ServiceModel.Traffic.TrafficRoute route) => route.Outcome switch
    {
        ServiceModel.Traffic.TrafficOutcome.Rejected => "reject",
        ServiceModel.Traffic.TrafficOutcome.Dropped => "drop",
        ServiceModel.Traffic.TrafficOutcome.NotProxied => "none",
        _ => string.Join(',', route.Candidates.Select(c => c.Address[^1..])) + (route.UsesTerminatingEndpoints ? "t" : string.Empty),
    };
}
