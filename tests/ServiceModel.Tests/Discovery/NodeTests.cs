using System.Collections.Immutable;
using ServiceModel.Discovery;

namespace ServiceModel.Tests.Discovery;

public class NodeTests
{
    [Fact]
    public void A_node_reads_its_zone_from_the_well_known_label()
    {
        var node = Node.InZone("n1", "zone-a", 2000);

        Assert.Equal("zone-a", node.Zone);
        Assert.Equal("zone-a", node.Labels["topology.kubernetes.io/zone"]);
        Assert.True(node.Ready);
        Assert.False(node.IsExcludedFromTopology);
        Assert.Null(Node.InZone("n2", null, 0).Zone);
    }

    [Fact]
    public void With_cannot_make_a_node_invalid()
    {
        var node = Node.InZone("n1", "zone-a", 2000);

        Assert.Equal("Name", Assert.Throws<ArgumentException>(() => node with { Name = "" }).ParamName);
        Assert.Equal("AllocatableMilliCpu", Assert.Throws<ArgumentOutOfRangeException>(() => node with { AllocatableMilliCpu = -1 }).ParamName);
    }

    [Fact]
    public void Nodes_compare_by_value_labels_included()
    {
        var one = Node.InZone("n1", "zone-a", 2000) with { Labels = ImmutableDictionary<string, string>.Empty.Add(Node.ZoneLabel, "zone-a").Add("x", "y") };
        var two = Node.InZone("n1", "zone-a", 2000) with { Labels = ImmutableDictionary<string, string>.Empty.Add("x", "y").Add(Node.ZoneLabel, "zone-a") };

        Assert.Equal(one, two);
        Assert.Equal(one.GetHashCode(), two.GetHashCode());
        Assert.NotEqual(one, two with { Ready = false });
        Assert.NotEqual(one, two with { AllocatableMilliCpu = 1 });
        Assert.Empty((one with { Labels = null! }).Labels);
    }

    [Fact]
    public void A_topology_from_nodes_knows_their_zones_and_rejects_duplicate_names()
    {
        var topology = NodeTopology.FromNodes([Node.InZone("n1", "zone-a", 1000), Node.InZone("n2", null, 1000)]);

        Assert.Equal("zone-a", topology.ZoneOf("n1"));
        Assert.Null(topology.ZoneOf("n2"));
        Assert.True(topology.Contains("n2"));
        Assert.Equal(topology, NodeTopology.FromNodes([Node.InZone("n2", null, 1000), Node.InZone("n1", "zone-a", 1000)]));
        Assert.NotEqual(topology, NodeTopology.FromNodes([Node.InZone("n2", null, 1000), Node.InZone("n1", "zone-a", 999)]));
        var error = Assert.Throws<ArgumentException>(() => NodeTopology.FromNodes([Node.InZone("n1", "a", 1), Node.InZone("n1", "b", 1)]));
        Assert.Contains("\"n1\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_duplicate_node_name_of_a_megabyte_gives_a_short_message()
    {
        var name = new string('n', 1_000_000);
        var error = Assert.Throws<ArgumentException>(() => NodeTopology.FromNodes([Node.InZone(name, "a", 1), Node.InZone(name, "b", 1)]));
        Assert.StartsWith("Node \"nnnn", error.Message, StringComparison.Ordinal);
        Assert.InRange(error.Message.Length, 1, 2_000);
    }
}
