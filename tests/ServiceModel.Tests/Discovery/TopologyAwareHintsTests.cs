using System.Collections.Immutable;
using ServiceModel.Discovery;
using static ServiceModel.Tests.Discovery.TopologyFixtures;

namespace ServiceModel.Tests.Discovery;

public class TopologyAwareHintsTests
{
    private static readonly NodeTopology TwoZones = Zones(("zone-a", 450), ("zone-b", 550));

    [Fact]
    public void Nothing_and_no_node_information_gives_the_insufficient_node_info_event()
    {
        var result = TopologyAwareHints.Assign(NodeTopology.Empty, AddressType.IPv4, [], [], []);

        Assert.Equal(TopologyHintsOutcome.InsufficientNodeInfo, result.Outcome);
        Assert.Equal("Insufficient Node information: allocatable CPU or zone not specified on one or more nodes, addressType: IPv4", result.Message);
        Assert.Equal(("Warning", "TopologyAwareHintsDisabled"), (result.EventType, result.EventReason));
        Assert.Empty(result.AllocatedByZone);
    }

    [Fact]
    public void A_slice_to_create_without_zone_ratios_gets_no_hints()
    {
        var result = TopologyAwareHints.Assign(NodeTopology.Empty, AddressType.IPv4, [Slice("a", Ready("10.1.2.3", "zone-a"))], [], []);

        Assert.Equal(TopologyHintsOutcome.InsufficientNodeInfo, result.Outcome);
        Assert.Null(Assert.Single(result.ToCreate).Endpoints[0].Hints);
    }

    [Fact]
    public void Two_endpoints_for_three_zones_are_too_few()
    {
        var nodes = Zones(("zone-a", 300), ("zone-b", 400), ("zone-c", 300));
        var result = TopologyAwareHints.Assign(nodes, AddressType.IPv6, [Slice("a", Ready("10.1.2.3", "zone-a"), Ready("10.1.2.4", "zone-b"))], [], []);

        Assert.Equal(TopologyHintsOutcome.InsufficientNumberOfEndpoints, result.Outcome);
        Assert.Equal("Insufficient number of endpoints (2 endpoints, 3 zones), addressType: IPv6", result.Message);
        Assert.Equal(["-", "-"], HintZones(result.ToCreate));
    }

    [Fact]
    public void Two_endpoints_for_two_zones_are_each_hinted_for_their_own_zone()
    {
        var result = TopologyAwareHints.Assign(TwoZones, AddressType.IPv4, [Slice("a", Ready("10.1.2.3", "zone-a"), Ready("10.1.2.4", "zone-b"))], [], []);

        Assert.Equal(TopologyHintsOutcome.HintsAssigned, result.Outcome);
        Assert.Equal("Topology Aware Hints has been enabled, addressType: IPv4", result.Message);
        Assert.Equal(("Normal", "TopologyAwareHintsEnabled"), (result.EventType, result.EventReason));
        Assert.Equal(["zone-a", "zone-b"], HintZones(result.ToCreate));
        Assert.Equal(1, result.AllocatedByZone["zone-a"]);
        Assert.Equal(1, result.AllocatedByZone["zone-b"]);
    }

    [Fact]
    public void Endpoints_not_ready_or_of_unknown_readiness_are_neither_counted_nor_hinted()
    {
        var slice = Slice("a", Ready("10.1.2.3", "zone-a"), Ready("10.1.2.4", "zone-b"), Ready("10.1.2.5", "zone-b", ready: false), Ready("10.1.2.6", "zone-b", ready: null));
        var result = TopologyAwareHints.Assign(TwoZones, AddressType.IPv4, [slice], [], []);

        Assert.Equal(["zone-a", "zone-b", "-", "-"], HintZones(result.ToCreate));
        Assert.Equal(2, result.AllocatedByZone.Values.Sum());
    }

    [Fact]
    public void An_overfull_zone_gives_its_first_ready_endpoint_to_the_zone_short_of_its_share()
    {
        var nodes = Zones(("zone-a", 350), ("zone-b", 350), ("zone-c", 300));
        ImmutableArray<EndpointSlice> create =
        [
            Slice("c1", Ready("10.1.2.3", "zone-a"), Ready("10.1.2.4", "zone-b")),
            Slice("c2", Ready("10.1.3.3", "zone-c"), Ready("10.1.3.4", "zone-c"), Ready("10.1.3.5", "zone-a")),
        ];
        ImmutableArray<EndpointSlice> update =
        [
            Slice("u1", Ready("10.2.2.3", "zone-a"), Ready("10.2.2.4", "zone-a")),
            Slice("u2", Ready("10.2.3.3", "zone-b"), Ready("10.2.3.4", "zone-c"), Ready("10.2.3.5", "zone-a")),
        ];

        var result = TopologyAwareHints.Assign(nodes, AddressType.IPv4, create, update, []);

        Assert.Equal(["zone-b", "zone-b", "zone-c", "zone-c", "zone-a"], HintZones(result.ToCreate));
        Assert.Equal(["zone-a", "zone-a", "zone-b", "zone-c", "zone-a"], HintZones(result.ToUpdate));
        Assert.Equal(4, result.AllocatedByZone["zone-a"]);
        Assert.Equal(3, result.AllocatedByZone["zone-b"]);
        Assert.Equal(3, result.AllocatedByZone["zone-c"]);
    }

    [Fact]
    public void Minimums_above_the_endpoint_count_exceed_the_overload_threshold()
    {
        // Shares 1.5, 0.75, 0.75 of three endpoints need at least 2 + 1 + 1.
        var nodes = Zones(("zone-a", 500), ("zone-b", 250), ("zone-c", 250));
        var result = TopologyAwareHints.Assign(nodes, AddressType.IPv4, [Slice("a", Ready("10.0.0.1", "zone-a"), Ready("10.0.0.2", "zone-b"), Ready("10.0.0.3", "zone-c"))], [], []);

        Assert.Equal(TopologyHintsOutcome.MinAllocationExceedsOverloadThreshold, result.Outcome);
        Assert.Equal("Unable to allocate minimum required endpoints to each zone without exceeding overload threshold (3 endpoints, 3 zones), addressType: IPv4", result.Message);
    }

    [Fact]
    public void A_ready_endpoint_without_a_zone_removes_every_hint()
    {
        var stale = Slice("old", Hinted(Ready("10.0.0.9", "zone-a"), "zone-a"));
        var result = TopologyAwareHints.Assign(TwoZones, AddressType.IPv4, [Slice("a", Ready("10.0.0.1", "zone-a"), Ready("10.0.0.2", null), Ready("10.0.0.3", "zone-b"))], [], [stale]);

        Assert.Equal(TopologyHintsOutcome.NoZoneSpecified, result.Outcome);
        Assert.Equal("One or more endpoints do not have a zone specified, addressType: IPv4", result.Message);
        Assert.Equal(["-", "-", "-"], HintZones(result.ToCreate));
        Assert.Equal(["-"], HintZones(result.ToUpdate));
        Assert.Empty(result.Unchanged);
    }

    [Fact]
    public void An_unchanged_slice_whose_hints_fit_stays_unchanged_and_counts()
    {
        var kept = Slice("kept", Hinted(Ready("10.0.0.1", "zone-a"), "zone-a"));
        var result = TopologyAwareHints.Assign(TwoZones, AddressType.IPv4, [Slice("new", Ready("10.0.0.2", "zone-b"))], [], [kept]);

        Assert.Same(kept, Assert.Single(result.Unchanged));
        Assert.Empty(result.ToUpdate);
        Assert.Equal(1, result.AllocatedByZone["zone-a"]);
        Assert.Equal(1, result.AllocatedByZone["zone-b"]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("zone-x")]
    public void An_unchanged_slice_with_a_missing_or_unallocated_hint_is_hinted_afresh(string? hint)
    {
        var endpoint = Ready("10.0.0.1", "zone-a");
        var stale = Slice("stale", hint is null ? endpoint : Hinted(endpoint, hint));
        var result = TopologyAwareHints.Assign(TwoZones, AddressType.IPv4, [Slice("new", Ready("10.0.0.2", "zone-b"))], [], [stale]);

        Assert.Empty(result.Unchanged);
        Assert.Equal("stale", Assert.Single(result.ToUpdate).Name);
        Assert.Equal(["zone-a"], HintZones(result.ToUpdate));
    }

    [Fact]
    public void An_unchanged_slice_that_would_push_a_zone_past_its_maximum_is_hinted_afresh()
    {
        // Two endpoints over two equal zones: each zone's maximum is one.
        var nodes = Zones(("zone-a", 500), ("zone-b", 500));
        var crowded = Slice("crowded", Hinted(Ready("10.0.0.1", "zone-a"), "zone-a"), Hinted(Ready("10.0.0.2", "zone-a"), "zone-a"));
        var result = TopologyAwareHints.Assign(nodes, AddressType.IPv4, [], [], [crowded]);

        Assert.Empty(result.Unchanged);
        Assert.Equal(["zone-b", "zone-a"], HintZones(result.ToUpdate));
    }

    [Fact]
    public void A_failure_strips_hints_from_unchanged_slices_that_had_some_and_leaves_the_rest()
    {
        var hinted = Slice("hinted", Hinted(Ready("10.0.0.1", "zone-a"), "zone-a"));
        var plain = Slice("plain", Ready("10.0.0.2", "zone-b"));
        var result = TopologyAwareHints.Assign(NodeTopology.Empty, AddressType.IPv4, [], [], [hinted, plain]);

        Assert.Equal("hinted", Assert.Single(result.ToUpdate).Name);
        Assert.Null(result.ToUpdate[0].Endpoints[0].Hints);
        Assert.Same(plain, Assert.Single(result.Unchanged));
    }

    [Fact]
    public void RemoveHints_reports_the_annotation_removal()
    {
        var result = TopologyAwareHints.RemoveHints(AddressType.IPv4, [Slice("a", Hinted(Ready("10.0.0.1", "zone-a"), "zone-a"))], default, default);

        Assert.Equal(TopologyHintsOutcome.Disabled, result.Outcome);
        Assert.Equal("Topology Aware Hints has been disabled, addressType: IPv4", result.Message);
        Assert.Null(result.ToCreate[0].Endpoints[0].Hints);
    }

    [Theory]
    [InlineData("service.kubernetes.io/topology-mode", "Auto", true)]
    [InlineData("service.kubernetes.io/topology-mode", "auto", true)]
    [InlineData("service.kubernetes.io/topology-mode", "AUTO", false)]
    [InlineData("service.kubernetes.io/topology-mode", "PreferZone", false)]
    [InlineData("service.kubernetes.io/topology-aware-hints", "Auto", true)]
    [InlineData("other", "Auto", false)]
    public void The_annotations_turn_routing_on_with_Auto(string key, string value, bool enabled)
        => Assert.Equal(enabled, TopologyAwareHints.IsEnabled(Annotations((key, value))));

    [Fact]
    public void The_deprecated_annotation_wins_when_both_are_set()
    {
        Assert.False(TopologyAwareHints.IsEnabled(Annotations((TopologyAwareHints.DeprecatedTopologyAwareHintsAnnotation, "Disabled"), (TopologyAwareHints.TopologyModeAnnotation, "Auto"))));
        Assert.True(TopologyAwareHints.IsEnabled(Annotations((TopologyAwareHints.DeprecatedTopologyAwareHintsAnnotation, "auto"), (TopologyAwareHints.TopologyModeAnnotation, "Disabled"))));
        Assert.False(TopologyAwareHints.IsEnabled(null));
    }

    [Fact]
    public void Zone_shares_come_from_ready_worker_nodes_only()
    {
        var nodes = NodeTopology.FromNodes(
        [
            Node.InZone("a1", "zone-a", 1000),
            Node.InZone("a2", "zone-a", 1000),
            Node.InZone("b1", "zone-b", 2000),
            Node.InZone("b2", "zone-b", 5000) with { Ready = false },
            Node.InZone("cp", "zone-c", 8000) with { Labels = ImmutableDictionary<string, string>.Empty.Add(Node.ZoneLabel, "zone-c").Add(Node.ControlPlaneRoleLabel, "") },
            Node.InZone("m", "zone-c", 8000) with { Labels = ImmutableDictionary<string, string>.Empty.Add(Node.ZoneLabel, "zone-c").Add(Node.MasterRoleLabel, "true") },
        ]);

        var ratios = TopologyAwareHints.CpuRatiosByZone(nodes);

        Assert.Equal(["zone-a", "zone-b"], ratios.Keys);
        Assert.Equal(0.5, ratios["zone-a"]);
        Assert.Equal(0.5, ratios["zone-b"]);
    }

    [Theory]
    [InlineData(null, 1000)]
    [InlineData("", 1000)]
    [InlineData("zone-c", 0)]
    public void One_ready_worker_without_zone_or_cpu_spoils_the_node_information(string? zone, long cpu)
    {
        var nodes = NodeTopology.FromNodes([Node.InZone("a", "zone-a", 1000), Node.InZone("b", "zone-b", 1000), Node.InZone("x", zone, cpu)]);

        Assert.Empty(TopologyAwareHints.CpuRatiosByZone(nodes));
        Assert.Equal(TopologyHintsOutcome.InsufficientNodeInfo, TopologyAwareHints.Assign(nodes, AddressType.IPv4, [Slice("s", Ready("10.0.0.1", "zone-a"), Ready("10.0.0.2", "zone-b"))], [], []).Outcome);
    }

    [Fact]
    public void Nodes_in_one_zone_are_insufficient_node_information()
    {
        var nodes = NodeTopology.FromNodes([Node.InZone("a", "zone-a", 1000), Node.InZone("b", "zone-a", 1000)]);

        Assert.Empty(TopologyAwareHints.CpuRatiosByZone(nodes));
    }

    [Fact]
    public void Topology_built_from_zones_alone_has_no_cpu()
    {
        var nodes = new NodeTopology([new("n1", "zone-a"), new("n2", "zone-b")]);

        Assert.Equal(0, nodes.Nodes["n1"].AllocatableMilliCpu);
        Assert.Equal("zone-a", nodes.Nodes["n1"].Zone);
        Assert.Null(nodes.Nodes["n1"].Labels.GetValueOrDefault("other"));
        Assert.Empty(TopologyAwareHints.CpuRatiosByZone(nodes));
    }

    [Fact]
    public void Endpoints_that_are_not_ready_keep_their_hints_as_upstream()
    {
        var notReady = Hinted(Ready("10.0.0.3", "zone-a", ready: false), "zone-x");
        var result = TopologyAwareHints.Assign(TwoZones, AddressType.IPv4, [Slice("a", Ready("10.0.0.1", "zone-a"), Ready("10.0.0.2", "zone-b"), notReady)], [], []);

        Assert.Same(notReady, result.ToCreate[0].Endpoints[2]);
    }

    [Fact]
    public void Default_arrays_read_as_empty()
    {
        var result = TopologyAwareHints.Assign(TwoZones, AddressType.IPv4, default, default, default);

        Assert.Equal(TopologyHintsOutcome.InsufficientNumberOfEndpoints, result.Outcome);
        Assert.Equal(result, result with { ToCreate = default, ToUpdate = default, Unchanged = default, AllocatedByZone = null! });
    }
}
