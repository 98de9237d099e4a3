using System.Collections.Immutable;
using ServiceModel.Discovery;
using static ServiceModel.Tests.Discovery.TopologyFixtures;

namespace ServiceModel.Tests.Discovery;

public class TrafficDistributionHintsTests
{
    [Theory]
    [InlineData("PreferClose", true)]
    [InlineData("PreferSameZone", true)]
    [InlineData("PreferSameNode", true)]
    [InlineData("preferclose", false)]
    [InlineData("Unknown", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Only_the_three_v1_35_values_are_acted_on(string? value, bool supported)
        => Assert.Equal(supported, TrafficDistributionHints.IsSupported(value));

    [Theory]
    [InlineData("PreferClose")]
    [InlineData("PreferSameZone")]
    public void Close_distribution_hints_each_ready_endpoint_for_its_own_zone_only(string distribution)
    {
        var result = TrafficDistributionHints.Apply(distribution, [Ready("10.0.0.1", "zone-a", "n1"), Ready("10.0.0.2", "zone-b", "n2")]);

        Assert.True(result.Changed);
        Assert.Equal(["zone-a"], result.Endpoints[0].Hints!.ForZones.AsEnumerable());
        Assert.Equal(["zone-b"], result.Endpoints[1].Hints!.ForZones.AsEnumerable());
        Assert.All(result.Endpoints, e => Assert.Empty(e.Hints!.ForNodes));
    }

    [Fact]
    public void PreferSameNode_also_hints_the_endpoints_own_node()
    {
        var result = TrafficDistributionHints.Apply("PreferSameNode", [Ready("10.0.0.1", "zone-a", "n1"), Ready("10.0.0.2", null, "n2")]);

        Assert.Equal(["zone-a"], result.Endpoints[0].Hints!.ForZones.AsEnumerable());
        Assert.Equal(["n1"], result.Endpoints[0].Hints!.ForNodes.AsEnumerable());
        Assert.Empty(result.Endpoints[1].Hints!.ForZones.AsEnumerable());
        Assert.Equal(["n2"], result.Endpoints[1].Hints!.ForNodes.AsEnumerable());
    }

    [Fact]
    public void A_ready_endpoint_without_zone_or_node_gets_no_hints()
    {
        var stale = Hinted(Ready("10.0.0.1", null), "zone-x");
        var result = TrafficDistributionHints.Apply("PreferClose", [stale]);

        Assert.True(result.Changed);
        Assert.Null(result.Endpoints[0].Hints);
    }

    [Fact]
    public void Endpoints_that_are_not_ready_keep_their_hints_and_never_make_a_slice_change()
    {
        var notReady = Hinted(Ready("10.0.0.1", "zone-a", ready: false), "zone-x");
        var unset = Ready("10.0.0.2", "zone-a", ready: null);
        var result = TrafficDistributionHints.Apply("PreferClose", [notReady, unset]);

        Assert.False(result.Changed);
        Assert.Same(notReady, result.Endpoints[0]);
        Assert.Null(result.Endpoints[1].Hints);
    }

    [Fact]
    public void Correct_hints_need_no_update_and_are_returned_as_they_are()
    {
        ImmutableArray<Endpoint> endpoints = [Hinted(Ready("10.0.0.1", "zone-a"), "zone-a")];
        var result = TrafficDistributionHints.Apply("PreferSameZone", endpoints);

        Assert.False(result.Changed);
        Assert.Equal(endpoints.AsEnumerable(), result.Endpoints.AsEnumerable());
    }

    [Theory]
    [InlineData("zone-b")]
    [InlineData("zone-a", "zone-b")]
    public void Wrong_or_extra_zone_hints_need_an_update(params string[] zones)
    {
        var result = TrafficDistributionHints.Apply("PreferClose", [Hinted(Ready("10.0.0.1", "zone-a"), zones)]);

        Assert.True(result.Changed);
        Assert.Equal(["zone-a"], result.Endpoints[0].Hints!.ForZones.AsEnumerable());
    }

    [Fact]
    public void A_stale_node_hint_under_PreferSameZone_needs_an_update()
    {
        var endpoint = Ready("10.0.0.1", "zone-a", "n1") with { Hints = new EndpointHints { ForZones = ["zone-a"], ForNodes = ["n1"] } };
        var result = TrafficDistributionHints.Apply("PreferSameZone", [endpoint]);

        Assert.True(result.Changed);
        Assert.Empty(result.Endpoints[0].Hints!.ForNodes.AsEnumerable());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Unknown")]
    public void Without_a_supported_distribution_every_hint_is_removed(string? distribution)
    {
        var notReady = Hinted(Ready("10.0.0.2", "zone-a", ready: false), "zone-a");
        var result = TrafficDistributionHints.Apply(distribution, [Hinted(Ready("10.0.0.1", "zone-a"), "zone-a"), notReady]);

        Assert.True(result.Changed);
        Assert.All(result.Endpoints, e => Assert.Null(e.Hints));
    }

    [Fact]
    public void Without_a_distribution_endpoints_without_hints_need_nothing()
    {
        var result = TrafficDistributionHints.Apply(null, [Ready("10.0.0.1", "zone-a")]);

        Assert.False(result.Changed);
    }

    [Fact]
    public void A_default_array_reads_as_empty()
    {
        var result = TrafficDistributionHints.Apply("PreferClose", default);

        Assert.Empty(result.Endpoints);
        Assert.False(result.Changed);
        Assert.Equal(result, new TrafficDistributionHintResult { Endpoints = default });
    }

    [Fact]
    public void Topology_annotation_takes_precedence_over_trafficDistribution()
    {
        var auto = Annotations((TopologyAwareHints.TopologyModeAnnotation, "Auto"));

        Assert.Equal(EndpointHintSource.TopologyAwareRouting, TrafficDistributionHints.SourceFor("PreferClose", auto));
        Assert.Equal(EndpointHintSource.TrafficDistribution, TrafficDistributionHints.SourceFor("PreferClose", null));
        Assert.Equal(EndpointHintSource.None, TrafficDistributionHints.SourceFor("Bogus", Annotations((TopologyAwareHints.TopologyModeAnnotation, "Disabled"))));
    }
}
