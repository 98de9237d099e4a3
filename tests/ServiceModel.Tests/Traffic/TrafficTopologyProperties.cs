using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ServiceModel.Discovery;
using ServiceModel.Tests.Properties;
using ServiceModel.Traffic;

namespace ServiceModel.Tests.Traffic;

public class TrafficTopologyProperties
{
    private static readonly TrafficReason[] ClusterScope =
        [TrafficReason.ClusterEndpoints, TrafficReason.InClusterSourceUsesClusterEndpoints, TrafficReason.SameNodeEndpoints,
         TrafficReason.SameZoneEndpoints, TrafficReason.TopologyHintsIgnored];

    // The cluster-wide candidates are exactly the ones TopologyFilter (an endpoint-by-endpoint reading
    // of topology.go) keeps: hints never send a connection outside that set, nor leave one out.
    [Property(MaxTest = 300)]
    public Property Cluster_scope_candidates_are_the_topology_filtered_set()
        => Prop.ForAll(TrafficGenerators.TopologyScenario.ToArbitrary(), s => s.Requests
            .Where(r => r.PortName is null or "http" && r.Family is null or ServiceModel.Networking.IPFamily.IPv4)
            .All(request =>
            {
                var route = TrafficRouter.Route(s.Service, s.Slices, request);
                if (!route.IsRouted || !ClusterScope.Contains(route.Reason))
                {
                    return true;
                }

                var merged = NaiveRouter.Winners(s.Service, s.Slices);
                var filtered = TopologyFilter.Categorize([.. merged.Select(m => m.Endpoint)], request.NodeName, request.Zone, usesClusterEndpoints: true, usesLocalEndpoints: false);
                var expected = merged.Where(m => filtered.ClusterEndpoints.Any(e => ReferenceEquals(e, m.Endpoint))).Select(m => m.Key).ToHashSet(StringComparer.Ordinal);
                return expected.SetEquals(route.Candidates.Select(c => c.Endpoint));
            }));

    [Property(MaxTest = 300)]
    public Property With_every_node_in_one_zone_routing_equals_routing_without_topology()
        => Prop.ForAll(TrafficGenerators.PreparedScenario.ToArbitrary(), s =>
        {
            var hinted = s.Slices.Select(slice => slice with
            {
                Endpoints = [.. slice.Endpoints.Select(e => e with { Zone = "zone-a", Hints = new EndpointHints { ForZones = ["zone-a"] } })],
            }).ToArray();
            var withTopology = TrafficRouter.Prepare(s.Service, hinted);
            var without = TrafficRouter.Prepare(s.Service, s.Slices);
            return s.Requests.All(request =>
            {
                var a = withTopology.Route(request with { Zone = "zone-a" });
                var b = without.Route(request);
                return a.Outcome == b.Outcome
                    && a.Candidates.Select(c => (c.Endpoint, c.Probability)).SequenceEqual(b.Candidates.Select(c => (c.Endpoint, c.Probability)))
                    && a.UsesTerminatingEndpoints == b.UsesTerminatingEndpoints
                    && a.ClientIPPreserved == b.ClientIPPreserved
                    && Equals(a.HealthCheck, b.HealthCheck)
                    && a.AffinityTimeout == b.AffinityTimeout;
            });
        });
}
