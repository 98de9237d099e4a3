using ServiceModel.Discovery;
using ServiceModel.Services;
using ServiceModel.Traffic;
using static ServiceModel.Tests.Traffic.TrafficFixtures;

namespace ServiceModel.Tests.Traffic;

public class TrafficTopologyTests
{
    // "0R@a" = 10.0.0.0, ready, hinted for zone-a; "@a+b" two zones; "^n" a node hint for node-<n>
    // (node-a, node-b, ...); no "@" = no hints. Letters as TrafficFixtures.FromSpec: R S T L.
    private static EndpointSlice Hinted(string spec)
        => Slice([.. spec.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(item =>
        {
            var conditions = item.Split('@', '^')[0];
            var zones = item.Contains('@', StringComparison.Ordinal) ? item.Split('@')[1].Split('^')[0].Split('+').Select(z => "zone-" + z).ToArray() : [];
            var nodes = item.Contains('^', StringComparison.Ordinal) ? item.Split('^')[1].Split('+').Select(n => "node-" + n).ToArray() : [];
            var endpoint = Ep("10.0.0." + conditions[0], conditions.Contains('L') ? LocalNode : RemoteNode,
                conditions.Contains('R'), conditions.Contains('S'), conditions.Contains('T'));
            return zones.Length == 0 && nodes.Length == 0 ? endpoint : endpoint with { Hints = new EndpointHints { ForZones = [.. zones], ForNodes = [.. nodes] } };
        })]);

    private static TrafficRoute Route(string spec, string? zone, TrafficEntry entry = TrafficEntry.ClusterIP, Service? service = null, string node = LocalNode)
        => TrafficRouter.Route(service ?? Web(), [Hinted(spec)], new TrafficRequest { NodeName = node, Zone = zone, Entry = entry });

    // Cases from kube-proxy's TestCategorizeEndpoints (pkg/proxy/topology_test.go), through the cluster IP of node-a.
    [Theory]
    [InlineData("normal endpoint filtering", "zone-a", "3R@a,4R@b,5R@c,6R@a", "3,6", TrafficReason.SameZoneEndpoints)]
    [InlineData("unready endpoint", "zone-a", "3R@a,4R@b,5R@c,6@a", "3", TrafficReason.SameZoneEndpoints)]
    [InlineData("only unready endpoints in same zone (should not filter)", "zone-a", "3@a,4R@b,5R@c,6@a", "4,5", TrafficReason.TopologyHintsIgnored)]
    [InlineData("missing hints, no filtering applied", "zone-a", "3R@a,4R@b,5R,6R@a", "3,4,5,6", TrafficReason.TopologyHintsIgnored)]
    [InlineData("multiple hints per endpoint", "zone-c", "3R@a+b+c,4R@b+c,5R@b+d,6R@c", "3,4,6", TrafficReason.SameZoneEndpoints)]
    [InlineData("empty node labels", null, "3R@a", "3", TrafficReason.TopologyHintsIgnored)]
    [InlineData("empty zone label", "", "3R@a", "3", TrafficReason.TopologyHintsIgnored)]
    [InlineData("node in different zone, no endpoint filtering", "zone-b", "3R@a", "3", TrafficReason.TopologyHintsIgnored)]
    [InlineData("no hints at all", "zone-a", "3R,4R", "3,4", TrafficReason.ClusterEndpoints)]
    [InlineData("PreferSameNode: node hints for this node win over zone hints", "zone-a", "1R@a^a,2R@a^b,3R@b^c", "1", TrafficReason.SameNodeEndpoints)]
    [InlineData("PreferSameNode: no node hint for this node falls back to zone hints", "zone-a", "1R@a^b,2R@a^b,3R@b^c", "1,2", TrafficReason.SameZoneEndpoints)]
    [InlineData("PreferSameNode: one endpoint without a node hint falls back to zone hints", "zone-b", "1R@a^a,2R@b,3R@b^c", "2,3", TrafficReason.SameZoneEndpoints)]
    [InlineData("PreferSameNode: node hints only, none for this node", "zone-a", "1R^b,2R^c", "1,2", TrafficReason.TopologyHintsIgnored)]
    [InlineData("no ready endpoint: serving terminating ones everywhere, hints ignored", "zone-a", "1ST@a,2ST@b", "1,2t", TrafficReason.ClusterEndpoints)]
    public void Follows_kube_proxy_topology(string name, string? zone, string endpoints, string expected, TrafficReason reason)
    {
        var route = Route(endpoints, zone);
        Assert.True(expected == Describe(route), $"{name}: {Describe(route)}");
        Assert.True(reason == route.Reason, $"{name}: {route.Reason}");
    }

    [Fact]
    public void Same_zone_route_says_which_zone_and_why()
    {
        var route = Route("3R@a,4R@b,6R@a", "zone-a");
        Assert.Equal(
            "default/web:http: a connection to the cluster IP 10.96.0.10:80 reaches one of 2 ready endpoints hinted for zone zone-a "
            + "(10.0.0.3:8080, 10.0.0.6:8080), each with probability 1/2 (internalTrafficPolicy Cluster; topology hints: every ready endpoint "
            + "has a zone hint and some are hinted for zone \"zone-a\"; using those); the endpoint sees the client's IP",
            route.Message);
    }

    [Fact]
    public void Ignored_hints_say_why()
    {
        Assert.Contains("topology hints: no endpoints are hinted for zone \"zone-b\"; ignoring same-zone hints", Route("3R@a", "zone-b").Message, StringComparison.Ordinal);
        Assert.Contains("topology hints: node \"node-a\" has no topology.kubernetes.io/zone label", Route("3R@a", null).Message, StringComparison.Ordinal);
        Assert.Contains("topology hints: one or more ready endpoints is missing a zone hint", Route("3R@a,4R", "zone-a").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Local_policies_ignore_hints()
    {
        // "externalTrafficPolicy: Local, topology ignored for Local endpoints": the node port uses the
        // local endpoints whatever their hints, while the cluster IP (iTP Cluster) follows the zone.
        var service = Web(external: TrafficPolicy.Local);
        const string endpoints = "3RL@a,4RL@b,5R@c,6R@a";
        Assert.Equal(("3,4", TrafficReason.LocalEndpoints), (Describe(Route(endpoints, "zone-a", TrafficEntry.NodePort, service)), Route(endpoints, "zone-a", TrafficEntry.NodePort, service).Reason));
        Assert.Equal("3,6", Describe(Route(endpoints, "zone-a", TrafficEntry.ClusterIP, service)));

        // "internalTrafficPolicy: Local, topology ignored for Local endpoints".
        var internalLocal = Web(@internal: TrafficPolicy.Local);
        Assert.Equal("3,4", Describe(Route(endpoints, "zone-a", TrafficEntry.ClusterIP, internalLocal)));
        Assert.Equal("3,6", Describe(Route(endpoints, "zone-a", TrafficEntry.NodePort, internalLocal)));
    }

    [Fact]
    public void In_cluster_traffic_short_circuited_under_local_external_policy_follows_the_hints()
    {
        // "conflicting topology and localness": the short-circuit uses the cluster endpoints, which topology narrows.
        var service = Web(external: TrafficPolicy.Local);
        var route = TrafficRouter.Route(service, [Hinted("0RL@a,1RL@b,2R@a,3R@b")],
            new TrafficRequest { NodeName = LocalNode, Zone = "zone-a", Entry = TrafficEntry.NodePort, Source = TrafficSource.Pod });
        Assert.Equal(("0,2", TrafficReason.InClusterSourceUsesClusterEndpoints), (Describe(route), route.Reason));
        Assert.Contains("topology hints: every ready endpoint has a zone hint", route.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Session_affinity_sticks_only_to_an_endpoint_in_the_filtered_set()
    {
        var service = Web(affinity: SessionAffinity.ClientIP);
        EndpointSlice[] slices = [Hinted("1R@a,2R@b")];
        var inZone = new TrafficRequest { NodeName = LocalNode, Zone = "zone-a", ClientIP = "192.168.1.9", Affinity = new AffinityRecord { Address = "10.0.0.1", Port = 8080, Age = TimeSpan.FromSeconds(5) } };
        var outOfZone = inZone with { Affinity = inZone.Affinity! with { Address = "10.0.0.2" } };
        var table = TrafficRouter.Prepare(service, slices);

        Assert.Equal(TrafficReason.SessionAffinity, table.Route(inZone).Reason);
        Assert.Equal((TrafficReason.SameZoneEndpoints, "1"), (table.Route(outOfZone).Reason, Describe(table.Route(outOfZone))));
        Assert.Equal(TrafficRouter.Route(service, slices, outOfZone), table.Route(outOfZone));
    }

    [Fact]
    public void A_prepared_table_answers_every_node_and_zone()
    {
        var service = Web();
        EndpointSlice[] slices = [Hinted("1R@a^a,2R@a^b,3R@b^c,4R@b^c")];
        var table = TrafficRouter.Prepare(service, slices);
        foreach (var (node, zone, expected) in new[] { ("node-a", "zone-a", "1"), ("node-c", "zone-b", "3,4"), ("node-d", "zone-b", "3,4"), ("node-d", "zone-z", "1,2,3,4"), ("node-d", (string?)null, "1,2,3,4") })
        {
            var request = new TrafficRequest { NodeName = node, Zone = zone };
            Assert.Equal(expected, Describe(table.Route(request)));
            Assert.Equal(TrafficRouter.Route(service, slices, request), table.Route(request));
        }
    }

    [Fact]
    public void Duplicate_hint_names_count_once()
    {
        var route = TrafficRouter.Route(Web(), [Slice(Ep("10.0.0.1") with { Hints = new EndpointHints { ForZones = ["zone-a", "zone-a"] } }, Ep("10.0.0.2") with { Hints = new EndpointHints { ForZones = ["zone-b"] } })],
            new TrafficRequest { NodeName = LocalNode, Zone = "zone-a" });
        Assert.Equal(("1", 1.0), (Describe(route), route.Candidates[0].Probability));
    }
}
