using System.Collections.Immutable;
using ServiceModel.Discovery;
using ServiceModel.Services;

namespace ServiceModel.Benchmarks;

/// <summary>The NodePort Service "default/web" and its slices, shared by the traffic benchmarks.</summary>
internal static class TrafficBenchmarkData
{
    public static Service NodePortService(TrafficPolicy externalPolicy) => new()
    {
        Name = "web",
        Spec = new ServiceSpec
        {
            Type = ServiceType.NodePort,
            ClusterIP = "10.96.0.10",
            Ports = [new ServicePort { Name = "http", Port = 80, TargetPort = 8080, NodePort = 30080 }],
            ExternalTrafficPolicy = externalPolicy,
        },
    };

    /// <summary><paramref name="endpoints"/> ready endpoints (a multiple of 100) in slices of 100, spread over nodes node-0..node-3.</summary>
    public static EndpointSlice[] Slices(int endpoints)
        => [.. Enumerable.Range(0, endpoints / 100).Select(s => new EndpointSlice("default", $"web-{s}", AddressType.IPv4)
        {
            Labels = ImmutableDictionary<string, string>.Empty.Add(EndpointSlice.ServiceNameLabel, "web"),
            Ports = [new EndpointPort { Name = "http", Port = 8080, Protocol = Protocol.TCP }],
            Endpoints = [.. Enumerable.Range(0, 100).Select(i => new Endpoint([$"10.{s}.{i % 4}.{i + 2}"])
            {
                NodeName = $"node-{i % 4}",
                Conditions = new EndpointConditions { Ready = true, Serving = true, Terminating = false },
            })],
        })];

    /// <summary>
    /// <paramref name="slices"/> as the EndpointSlice controller writes them for <c>trafficDistribution: PreferSameZone</c>
    /// when node-0 and node-1 are in zone-a and node-2 and node-3 in zone-b: each endpoint hinted for its node's zone.
    /// </summary>
    public static EndpointSlice[] ZoneHinted(EndpointSlice[] slices)
    {
        EndpointHints[] hints = [new() { ForZones = ["zone-a"] }, new() { ForZones = ["zone-b"] }];
        return [.. slices.Select(slice => slice with
        {
            Endpoints = [.. slice.Endpoints.Select(e =>
            {
                var zone = e.NodeName is "node-0" or "node-1" ? 0 : 1;
                return e with { Zone = hints[zone].ForZones[0], Hints = hints[zone] };
            })],
        })];
    }
}
