using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using ServiceModel.Discovery;

namespace ServiceModel.Tests.Properties;

/// <summary>A cluster's nodes and one Service's endpoints on them, spread over slices of up to 5.</summary>
public sealed record TopologyScenario(NodeTopology Nodes, ImmutableArray<EndpointSlice> Create, ImmutableArray<EndpointSlice> Update, ImmutableArray<EndpointSlice> Unchanged)
{
    public IEnumerable<Endpoint> AllEndpoints => Create.Concat(Update).Concat(Unchanged).SelectMany(s => s.Endpoints);

    public override string ToString()
        => $"nodes [{string.Join(", ", Nodes.Nodes.Values.Select(n => $"{n.Name}@{n.Zone}:{n.AllocatableMilliCpu}{(n.Ready ? "" : "!")}"))}] "
           + $"create {Create.Length} update {Update.Length} unchanged {Unchanged.Length} endpoints "
           + string.Join(" ", AllEndpoints.Select(e => $"{e.Zone}{(e.Conditions.Ready == true ? "" : "?")}{(e.Hints is null ? "" : "^" + string.Join("|", e.Hints.ForZones))}"));
}

/// <summary>Generators for topology-aware routing scenarios.</summary>
public static class TopologyGenerators
{
    private static readonly string[] ZoneNames = ["zone-a", "zone-b", "zone-c", "zone-d"];

    public static Gen<Node> Node(int index) =>
        from zone in Gen.Elements(ZoneNames)
        from cpu in Gen.Choose(1, 16).Select(c => c * 250L)
        from ready in Gen.Frequency((5, Gen.Constant(true)), (1, Gen.Constant(false)))
        select ServiceModel.Discovery.Node.InZone($"node-{index}", zone, cpu) with { Ready = ready };

    public static Gen<NodeTopology> Nodes { get; } =
        from count in Gen.Choose(1, 8)
        from nodes in Gen.CollectToArray(Enumerable.Range(0, count).Select(Node))
        select NodeTopology.FromNodes(nodes);

    public static Gen<Endpoint> EndpointOn(NodeTopology nodes, int index) =>
        from node in Gen.Elements(nodes.Nodes.Values.ToArray())
        from ready in Gen.Frequency((6, Gen.Constant<bool?>(true)), (1, Gen.Constant<bool?>(false)), (1, Gen.Constant<bool?>(null)))
        from hint in Gen.Frequency((3, Gen.Constant<string?>(null)), (1, Gen.Elements(ZoneNames).Select(z => (string?)z)))
        select new Endpoint([$"10.0.{index / 250}.{index % 250}"])
        {
            NodeName = node.Name,
            Zone = node.Zone,
            Conditions = new EndpointConditions { Ready = ready, Serving = ready, Terminating = false },
            Hints = hint is null ? null : new EndpointHints { ForZones = [hint] },
        };

    public static Gen<TopologyScenario> Scenario { get; } =
        from nodes in Nodes
        from count in Gen.Choose(0, 30)
        from endpoints in Gen.CollectToArray(Enumerable.Range(0, count).Select(i => EndpointOn(nodes, i)))
        from kinds in Gen.ArrayOf(Gen.Choose(0, 2), (count + 4) / 5)
        select Split(nodes, [.. endpoints], kinds);

    private static TopologyScenario Split(NodeTopology nodes, Endpoint[] endpoints, int[] kinds)
    {
        var lists = new[] { new List<EndpointSlice>(), new List<EndpointSlice>(), new List<EndpointSlice>() };
        for (var s = 0; s < kinds.Length; s++)
        {
            lists[kinds[s]].Add(new EndpointSlice("ns", $"slice-{s}", AddressType.IPv4) { Endpoints = [.. endpoints.Skip(s * 5).Take(5)] });
        }

        return new TopologyScenario(nodes, [.. lists[0]], [.. lists[1]], [.. lists[2]]);
    }
}
