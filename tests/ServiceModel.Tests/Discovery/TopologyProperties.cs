using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ServiceModel.Discovery;
using ServiceModel.Tests.Properties;
using ServiceModel.Traffic;

namespace ServiceModel.Tests.Discovery;

public class TopologyProperties
{
    private static TopologyHintsResult Assign(TopologyScenario scenario)
        => TopologyAwareHints.Assign(scenario.Nodes, AddressType.IPv4, scenario.Create, scenario.Update, scenario.Unchanged);

    private static IEnumerable<Endpoint> Written(TopologyHintsResult result)
        => result.ToCreate.Concat(result.ToUpdate).Concat(result.Unchanged).SelectMany(s => s.Endpoints);

    [Property(MaxTest = 500)]
    public Property Hints_written_for_ready_endpoints_never_name_a_zone_without_nodes()
        => Prop.ForAll(TopologyGenerators.Scenario.ToArbitrary(), scenario =>
        {
            var zones = scenario.Nodes.Nodes.Values.Select(n => n.Zone).ToHashSet();
            var result = Assign(scenario);
            return Written(result).Where(e => e.Conditions.Ready == true)
                .All(e => e.Hints is null || e.Hints.ForZones.All(zones.Contains));
        });

    [Property(MaxTest = 500)]
    public Property Allocation_accounts_for_every_ready_endpoint_exactly_once()
        => Prop.ForAll(TopologyGenerators.Scenario.ToArbitrary(), scenario =>
        {
            var result = Assign(scenario);
            var ready = Written(result).Where(e => e.Conditions.Ready == true).ToList();
            var sameSlices = result.ToCreate.Length + result.ToUpdate.Length + result.Unchanged.Length
                == scenario.Create.Length + scenario.Update.Length + scenario.Unchanged.Length;
            if (!result.HintsAssigned)
            {
                // A fallback strips every written hint; only untouched slices may keep some.
                return sameSlices && result.ToCreate.Concat(result.ToUpdate).SelectMany(s => s.Endpoints).All(e => e.Hints is null)
                    && result.Unchanged.SelectMany(s => s.Endpoints).All(e => e.Hints is null);
            }

            var hinted = ready.SelectMany(e => e.Hints!.ForZones).GroupBy(z => z).ToDictionary(g => g.Key, g => g.Count());
            return sameSlices
                && ready.All(e => e.Hints is { ForZones.Length: 1 })
                && result.AllocatedByZone.Values.Sum() == ready.Count
                && result.AllocatedByZone.Where(p => p.Value != 0).All(p => hinted.GetValueOrDefault(p.Key) == p.Value);
        });

    [Property(MaxTest = 300)]
    public Property Each_zone_gets_at_least_its_minimum_when_hints_are_assigned()
        => Prop.ForAll(TopologyGenerators.Scenario.ToArbitrary(), scenario =>
        {
            var result = Assign(scenario);
            if (!result.HintsAssigned)
            {
                return true.Label("fallback");
            }

            // Endpoints in a zone without weighed capacity keep their own zone and give nothing away,
            // as upstream; the guarantee is for endpoints in weighed zones.
            var ratios = TopologyAwareHints.CpuRatiosByZone(scenario.Nodes);
            if (scenario.AllEndpoints.Any(e => e.Conditions.Ready == true && !ratios.ContainsKey(e.Zone!)))
            {
                return true.Label("endpoints outside weighed zones");
            }

            var ready = result.AllocatedByZone.Values.Sum();
            return ratios.All(pair =>
                result.AllocatedByZone.GetValueOrDefault(pair.Key) >= (int)Math.Ceiling(pair.Value * ready / 1.2) - 1).Label("minimums");
        });

    [Property(MaxTest = 300)]
    public Property With_every_node_in_one_zone_kube_proxy_routes_as_without_topology()
        => Prop.ForAll(TopologyGenerators.Scenario.ToArbitrary(), Gen.Elements("PreferClose", "PreferSameZone", "auto").ToArbitrary(), (scenario, mode) =>
        {
            var oneZone = NodeTopology.FromNodes(scenario.Nodes.Nodes.Values.Select(n => Node.InZone(n.Name, "zone-a", n.AllocatableMilliCpu) with { Ready = n.Ready }));
            // The controller always sets the ready condition; kube-proxy would read an unset one as ready.
            var endpoints = scenario.AllEndpoints
                .Select(e => e with { Zone = "zone-a", Conditions = e.Conditions with { Ready = e.Conditions.Ready ?? true } }).ToArray();
            var hinted = mode == "auto"
                ? [.. Written(TopologyAwareHints.Assign(oneZone, AddressType.IPv4, [new EndpointSlice("ns", "s", AddressType.IPv4) { Endpoints = [.. endpoints] }], [], []))]
                : TrafficDistributionHints.Apply(mode, [.. endpoints]).Endpoints.ToArray();
            var plain = endpoints.Select(e => e with { Hints = null }).ToArray();
            return oneZone.Nodes.Keys.All(node =>
            {
                var withTopology = TopologyFilter.Categorize(hinted, node, "zone-a", true, false);
                var without = TopologyFilter.Categorize(plain, node, "zone-a", true, false);
                return withTopology.ClusterEndpoints.Select(e => e.Addresses[0]).SequenceEqual(without.ClusterEndpoints.Select(e => e.Addresses[0]));
            });
        });
}
