using System.Collections.Immutable;
using ServiceModel.Discovery;
using ServiceModel.Services;
using static ServiceModel.Tests.Discovery.EndpointFixtures;

namespace ServiceModel.Tests.Discovery;

/// <summary>Reconcile writes topology hints as v1.35's reconcileByAddressType does, and says why.</summary>
public class EndpointSliceReconcilerHintsTests
{
    private static readonly EndpointSliceReconciler s_reconciler = EndpointSliceReconciler.Default;

    // node-1 and node-3 in zone-a, node-2 in zone-b; equal CPU.
    private static readonly NodeTopology s_nodes = NodeTopology.FromNodes(
        [Node.InZone("node-1", "zone-a", 1000), Node.InZone("node-2", "zone-b", 1000), Node.InZone("node-3", "zone-a", 1000)]);

    private static List<Pod> Spread(int count) => [.. Pods(count).Select((p, i) => p with { NodeName = $"node-{(i % 3) + 1}" })];

    private static Service WithDistribution(string? value) => Service() with { Spec = Service().Spec with { TrafficDistribution = value } };

    private static Service WithTopologyMode(string? distribution = null)
        => WithDistribution(distribution) with { Annotations = ImmutableDictionary<string, string>.Empty.Add(TopologyAwareHints.TopologyModeAnnotation, "Auto") };

    [Fact]
    public void PreferSameZone_hints_each_ready_endpoint_for_its_own_zone()
    {
        var pods = Spread(3);
        pods[2] = pods[2] with { Ready = false };

        var changes = s_reconciler.Reconcile(WithDistribution(TrafficDistribution.PreferSameZone), pods, [], s_nodes);

        var endpoints = Assert.Single(changes.ToCreate).Endpoints;
        Assert.Equal(["zone-a"], endpoints[0].Hints!.ForZones.AsEnumerable());
        Assert.Equal(["zone-b"], endpoints[1].Hints!.ForZones.AsEnumerable());
        Assert.True(endpoints[0].Hints!.ForNodes.IsEmpty);
        Assert.Null(endpoints[2].Hints);
        Assert.Equal(new EndpointHintsReport { AddressType = AddressType.IPv4, Source = EndpointHintSource.TrafficDistribution }, Assert.Single(changes.Hints));
    }

    [Fact]
    public void PreferSameNode_also_hints_the_node()
    {
        var slice = Assert.Single(s_reconciler.Compute(WithDistribution(TrafficDistribution.PreferSameNode), Spread(2), s_nodes));

        Assert.Equal(["node-2"], slice.Endpoints[1].Hints!.ForNodes.AsEnumerable());
        Assert.Equal(["zone-b"], slice.Endpoints[1].Hints!.ForZones.AsEnumerable());
    }

    [Fact]
    public void Adding_a_distribution_rewrites_an_otherwise_unchanged_slice_and_removing_it_strips_the_hints()
    {
        var plain = s_reconciler.Compute(Service(), Spread(3), s_nodes);

        var hinted = s_reconciler.Reconcile(WithDistribution(TrafficDistribution.PreferClose), Spread(3), plain, s_nodes);
        var updated = Assert.Single(hinted.ToUpdate);
        Assert.Equal(plain[0].Name, updated.Name);
        Assert.All(updated.Endpoints, e => Assert.Single(e.Hints!.ForZones));
        Assert.Empty(hinted.ToCreate);

        Assert.True(s_reconciler.Reconcile(WithDistribution(TrafficDistribution.PreferSameZone), Spread(3), [updated], s_nodes).IsEmpty);

        var stripped = s_reconciler.Reconcile(Service(), Spread(3), [updated], s_nodes);
        Assert.All(Assert.Single(stripped.ToUpdate).Endpoints, e => Assert.Null(e.Hints));
        Assert.Equal(TopologyHintsOutcome.Disabled, Assert.Single(stripped.Hints).Outcome);
    }

    [Fact]
    public void Without_hints_anywhere_a_service_without_a_source_reports_nothing()
    {
        var changes = s_reconciler.Reconcile(Service(), Spread(3), [], s_nodes);

        Assert.Equal(new EndpointHintsReport { AddressType = AddressType.IPv4 }, Assert.Single(changes.Hints));
        Assert.True(EndpointSliceChanges.None.Hints.IsEmpty);
    }

    [Fact]
    public void Topology_mode_Auto_allocates_endpoints_to_zones_by_cpu_and_takes_precedence_over_trafficDistribution()
    {
        var changes = s_reconciler.Reconcile(WithTopologyMode(TrafficDistribution.PreferSameNode), Spread(6), [], s_nodes);

        var endpoints = Assert.Single(changes.ToCreate).Endpoints;
        Assert.All(endpoints, e => Assert.True(e.Hints!.ForNodes.IsEmpty));
        Assert.Equal(4, endpoints.Count(e => e.Hints!.ForZones.SequenceEqual(["zone-a"])));
        Assert.Equal(2, endpoints.Count(e => e.Hints!.ForZones.SequenceEqual(["zone-b"])));
        var report = Assert.Single(changes.Hints);
        Assert.Equal(EndpointHintSource.TopologyAwareRouting, report.Source);
        Assert.Equal(TopologyHintsOutcome.HintsAssigned, report.Outcome);
        Assert.Equal("Topology Aware Hints has been enabled, addressType: IPv4", report.Message);
    }

    [Fact]
    public void Topology_mode_Auto_says_why_it_removed_hints()
    {
        var few = s_reconciler.Reconcile(WithTopologyMode(), Spread(1), [], s_nodes);
        Assert.All(Assert.Single(few.ToCreate).Endpoints, e => Assert.Null(e.Hints));
        Assert.Equal(TopologyHintsOutcome.InsufficientNumberOfEndpoints, Assert.Single(few.Hints).Outcome);
        Assert.Equal("Insufficient number of endpoints (1 endpoints, 2 zones), addressType: IPv4", few.Hints[0].Message);

        var noNodes = s_reconciler.Reconcile(WithTopologyMode(), Spread(6), []);
        Assert.Equal(TopologyHintsOutcome.InsufficientNodeInfo, Assert.Single(noNodes.Hints).Outcome);
    }

    [Fact]
    public void Hints_are_set_before_a_create_pairs_with_a_delete()
    {
        // Every pod replaced: the old slice is rewritten by update, carrying the new hints.
        var old = s_reconciler.Compute(WithDistribution(TrafficDistribution.PreferSameZone), Spread(2), s_nodes);
        var replacements = Spread(2).Select((p, i) => p with { Name = $"new{i}", PodIPs = [$"10.2.0.{i}"] }).ToList();

        var changes = s_reconciler.Reconcile(WithDistribution(TrafficDistribution.PreferSameZone), replacements, old, s_nodes);

        var updated = Assert.Single(changes.ToUpdate);
        Assert.Equal(old[0].Name, updated.Name);
        Assert.All(updated.Endpoints, e => Assert.Single(e.Hints!.ForZones));
    }

    [Fact]
    public void The_tracker_rewrites_in_place_with_hints_under_trafficDistribution_and_reconciles_fully_under_topology_mode()
    {
        var pods = Spread(6);
        var tracker = s_reconciler.Track(WithDistribution(TrafficDistribution.PreferSameZone), pods, [], s_nodes);
        var changes = tracker.Update([pods[1] with { Ready = false }]);
        Assert.True(tracker.LastUpdateWasIncremental);
        Assert.Null(Assert.Single(changes.ToUpdate).Endpoints[1].Hints);

        var topology = s_reconciler.Track(WithTopologyMode(), pods, [], s_nodes);
        topology.Update([pods[1] with { Ready = false }]);
        Assert.False(topology.LastUpdateWasIncremental);
    }
}
