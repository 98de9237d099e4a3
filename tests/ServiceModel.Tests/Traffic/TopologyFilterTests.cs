using ServiceModel.Discovery;
using ServiceModel.Services;
using ServiceModel.Traffic;

namespace ServiceModel.Tests.Traffic;

public class TopologyFilterTests
{
    private static Endpoint Ep(string ip, string node, string[]? zones = null, string[]? nodes = null, bool? ready = true, bool? serving = null, bool? terminating = null)
        => new([ip])
        {
            NodeName = node,
            Conditions = new EndpointConditions { Ready = ready, Serving = serving, Terminating = terminating },
            Hints = zones is null && nodes is null ? null : new EndpointHints { ForZones = [.. zones ?? []], ForNodes = [.. nodes ?? []] },
        };

    private static string[] Ips(IEnumerable<Endpoint> endpoints) => [.. endpoints.Select(e => e.Addresses[0])];

    private static EndpointCategories Cluster(string node, string? zone, params Endpoint[] endpoints)
        => TopologyFilter.Categorize(endpoints, node, zone, usesClusterEndpoints: true, usesLocalEndpoints: false);

    [Fact]
    public void Without_hints_every_ready_endpoint_is_used()
    {
        var result = Cluster("node-1", "zone-a", Ep("10.1.2.3", "node-1"), Ep("10.1.2.4", "node-2"), Ep("10.1.2.5", "node-3", ready: false));

        Assert.Equal(["10.1.2.3", "10.1.2.4"], Ips(result.ClusterEndpoints));
        Assert.Equal(TopologyMode.None, result.Mode);
        Assert.Equal(TopologyReason.EndpointMissingZoneHint, result.Reason);
        Assert.True(result.HasAnyEndpoints);
    }

    [Fact]
    public void Zone_hints_restrict_the_cluster_endpoints_to_the_nodes_zone()
    {
        var result = Cluster("node-1", "zone-a",
            Ep("10.1.2.3", "node-1", ["zone-a"]), Ep("10.1.2.4", "node-2", ["zone-b"]), Ep("10.1.2.5", "node-3", ["zone-c"]), Ep("10.1.2.6", "node-4", ["zone-a"]));

        Assert.Equal(["10.1.2.3", "10.1.2.6"], Ips(result.ClusterEndpoints));
        Assert.Equal((TopologyMode.PreferSameZone, TopologyReason.SameZoneHints), (result.Mode, result.Reason));
        Assert.Contains("zone \"zone-a\"", result.Message, StringComparison.Ordinal);
        Assert.Equal(Ips(result.ClusterEndpoints), Ips(result.ReachableEndpoints));
    }

    [Fact]
    public void One_ready_endpoint_without_a_zone_hint_turns_topology_off()
    {
        var result = Cluster("node-1", "zone-a", Ep("10.1.2.3", "node-1", ["zone-a"]), Ep("10.1.2.4", "node-2"));

        Assert.Equal(["10.1.2.3", "10.1.2.4"], Ips(result.ClusterEndpoints));
        Assert.Equal(TopologyReason.EndpointMissingZoneHint, result.Reason);
    }

    [Fact]
    public void An_endpoint_that_is_not_ready_does_not_need_a_hint()
    {
        var result = Cluster("node-1", "zone-a", Ep("10.1.2.3", "node-1", ["zone-a"]), Ep("10.1.2.4", "node-2", ["zone-b"]), Ep("10.1.2.5", "node-2", ready: false));

        Assert.Equal(["10.1.2.3"], Ips(result.ClusterEndpoints));
        Assert.Equal(TopologyMode.PreferSameZone, result.Mode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void A_node_without_a_zone_label_ignores_zone_hints(string? zone)
    {
        var result = Cluster("node-1", zone, Ep("10.1.2.3", "node-1", ["zone-a"]), Ep("10.1.2.4", "node-2", ["zone-b"]));

        Assert.Equal(["10.1.2.3", "10.1.2.4"], Ips(result.ClusterEndpoints));
        Assert.Equal(TopologyReason.NodeHasNoZone, result.Reason);
    }

    [Fact]
    public void No_endpoint_hinted_for_the_nodes_zone_falls_back_to_every_endpoint()
    {
        var result = Cluster("node-1", "zone-c", Ep("10.1.2.3", "node-1", ["zone-a"]), Ep("10.1.2.4", "node-2", ["zone-b"]));

        Assert.Equal(["10.1.2.3", "10.1.2.4"], Ips(result.ClusterEndpoints));
        Assert.Equal(TopologyReason.NoHintsForZone, result.Reason);
    }

    [Fact]
    public void Node_hints_for_this_node_win_over_zone_hints()
    {
        var result = Cluster("node-1", "zone-a",
            Ep("10.1.2.3", "node-1", ["zone-a"], ["node-1"]), Ep("10.1.2.4", "node-2", ["zone-a"], ["node-2"]), Ep("10.1.2.5", "node-3", ["zone-b"], ["node-3"]));

        Assert.Equal(["10.1.2.3"], Ips(result.ClusterEndpoints));
        Assert.Equal((TopologyMode.PreferSameNode, TopologyReason.SameNodeHints), (result.Mode, result.Reason));
    }

    [Fact]
    public void Node_hints_for_other_nodes_only_fall_back_to_zone_hints()
    {
        var result = Cluster("node-9", "zone-a",
            Ep("10.1.2.3", "node-1", ["zone-a"], ["node-1"]), Ep("10.1.2.4", "node-2", ["zone-a"], ["node-2"]), Ep("10.1.2.5", "node-3", ["zone-b"], ["node-3"]));

        Assert.Equal(["10.1.2.3", "10.1.2.4"], Ips(result.ClusterEndpoints));
        Assert.Equal(TopologyMode.PreferSameZone, result.Mode);
    }

    [Fact]
    public void A_missing_node_hint_falls_back_to_zone_hints()
    {
        var result = Cluster("node-1", "zone-a", Ep("10.1.2.3", "node-1", ["zone-a"], ["node-1"]), Ep("10.1.2.4", "node-2", ["zone-a"]), Ep("10.1.2.5", "node-3", ["zone-b"]));

        Assert.Equal(["10.1.2.3", "10.1.2.4"], Ips(result.ClusterEndpoints));
        Assert.Equal(TopologyMode.PreferSameZone, result.Mode);
    }

    [Fact]
    public void With_no_ready_endpoint_the_serving_terminating_ones_are_used_whatever_their_hints()
    {
        var result = Cluster("node-1", "zone-a",
            Ep("10.1.2.3", "node-1", ["zone-a"], ready: false, serving: true, terminating: true),
            Ep("10.1.2.4", "node-2", ["zone-b"], ready: false, serving: true, terminating: true),
            Ep("10.1.2.5", "node-2", ["zone-a"], ready: false, serving: false, terminating: true));

        Assert.Equal(["10.1.2.3", "10.1.2.4"], Ips(result.ClusterEndpoints));
        Assert.Equal(TopologyReason.NoReadyEndpoints, result.Reason);
        Assert.True(result.HasAnyEndpoints);
    }

    [Fact]
    public void Nothing_usable_anywhere_means_no_endpoints()
    {
        var result = Cluster("node-1", "zone-a", Ep("10.1.2.3", "node-1", ready: false, serving: false));

        Assert.Empty(result.ClusterEndpoints);
        Assert.False(result.HasAnyEndpoints);
    }

    [Fact]
    public void Internal_policy_Local_uses_the_nodes_ready_endpoints_and_ignores_topology()
    {
        var service = TrafficFixtures.Web(ServiceType.ClusterIP, @internal: TrafficPolicy.Local);
        var result = TopologyFilter.Categorize(service,
            [Ep("10.1.2.3", "node-1", ["zone-b"]), Ep("10.1.2.4", "node-2", ["zone-a"])], "node-1", "zone-a");

        Assert.Empty(result.ClusterEndpoints);
        Assert.Equal(["10.1.2.3"], Ips(result.LocalEndpoints));
        Assert.Equal(["10.1.2.3"], Ips(result.ReachableEndpoints));
        Assert.Equal(TopologyReason.NotApplicable, result.Reason);
        Assert.True(result.HasAnyEndpoints);
    }

    [Fact]
    public void Local_policy_without_local_endpoints_still_knows_the_cluster_has_some()
    {
        var result = TopologyFilter.Categorize([Ep("10.1.2.4", "node-2")], "node-1", "zone-a", usesClusterEndpoints: false, usesLocalEndpoints: true);

        Assert.Empty(result.LocalEndpoints);
        Assert.True(result.HasAnyEndpoints);
    }

    [Fact]
    public void Local_policy_falls_back_to_the_nodes_serving_terminating_endpoints()
    {
        var result = TopologyFilter.Categorize(
            [Ep("10.1.2.3", "node-1", ready: false, serving: true, terminating: true), Ep("10.1.2.4", "node-2")], "node-1", "zone-a",
            usesClusterEndpoints: false, usesLocalEndpoints: true);

        Assert.Equal(["10.1.2.3"], Ips(result.LocalEndpoints));
    }

    [Fact]
    public void External_policy_Local_with_internal_Cluster_reaches_the_union_in_input_order()
    {
        var service = TrafficFixtures.Web(ServiceType.NodePort, external: TrafficPolicy.Local);
        var result = TopologyFilter.Categorize(service,
            [Ep("10.1.2.3", "node-2", ["zone-a"]), Ep("10.1.2.4", "node-1", ["zone-b"]), Ep("10.1.2.5", "node-3", ["zone-a"])], "node-1", "zone-a");

        Assert.Equal(["10.1.2.3", "10.1.2.5"], Ips(result.ClusterEndpoints));
        Assert.Equal(["10.1.2.4"], Ips(result.LocalEndpoints));
        Assert.Equal(["10.1.2.3", "10.1.2.4", "10.1.2.5"], Ips(result.ReachableEndpoints));
    }

    [Fact]
    public void Unset_conditions_read_as_ready_serving_and_not_terminating()
    {
        var result = Cluster("node-1", "zone-a", Ep("10.1.2.3", "node-1", ["zone-a"], ready: null), Ep("10.1.2.4", "node-2", ["zone-b"], ready: null));

        Assert.Equal(["10.1.2.3"], Ips(result.ClusterEndpoints));
    }

    [Fact]
    public void Null_arguments_are_rejected()
    {
        Assert.Throws<ArgumentNullException>(() => TopologyFilter.Categorize(null!, "n", "z", true, false));
        Assert.Throws<ArgumentNullException>(() => TopologyFilter.Categorize([], null!, "z", true, false));
        Assert.Throws<ArgumentNullException>(() => TopologyFilter.Categorize([null!], "n", "z", true, false));
        Assert.Throws<ArgumentNullException>(() => TopologyFilter.Categorize((Service)null!, [], "n", "z"));
    }

    [Fact]
    public void Categories_compare_by_value()
    {
        Endpoint[] endpoints = [Ep("10.1.2.3", "node-1", ["zone-a"]), Ep("10.1.2.4", "node-2", ["zone-b"])];
        var one = Cluster("node-1", "zone-a", endpoints);
        var two = Cluster("node-1", "zone-a", [.. endpoints.Select(e => e with { })]);

        Assert.Equal(one, two);
        Assert.Equal(one.GetHashCode(), two.GetHashCode());
        Assert.NotEqual(one, Cluster("node-1", "zone-b", endpoints));
        Assert.Equal(new EndpointCategories(), new EndpointCategories { ClusterEndpoints = default, LocalEndpoints = default, ReachableEndpoints = default });
    }
}
