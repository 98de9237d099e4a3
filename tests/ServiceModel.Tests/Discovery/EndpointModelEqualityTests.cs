using System.Collections.Immutable;
using ServiceModel.Discovery;
using ServiceModel.Services;
using static ServiceModel.Tests.Discovery.EndpointFixtures;
using LegacyEndpoints = ServiceModel.Discovery.Endpoints;

namespace ServiceModel.Tests.Discovery;

public class EndpointModelEqualityTests
{
    [Fact]
    public void Pods_with_equal_contents_in_distinct_collections_are_equal()
    {
        var left = Pod(1) with { ContainerPorts = [new ContainerPort { Name = "http", Port = 8080 }] };
        var right = Pod(1) with
        {
            Labels = ImmutableDictionary.CreateRange([new KeyValuePair<string, string>("app", "foo")]),
            PodIPs = ["10.1.0.1"],
            ContainerPorts = [new ContainerPort { Name = "http", Port = 8080 }],
        };

        Assert.Equal(left, right);
        Assert.Equal(left.GetHashCode(), right.GetHashCode());
        Assert.NotEqual(left, right with { ContainerPorts = [new ContainerPort { Name = "http", Port = 8081 }] });
        Assert.NotEqual(left, right with { Labels = LabelSet(("app", "bar")) });
        Assert.NotEqual(left, right with { PodIPs = ["10.1.0.2"] });
        Assert.NotEqual(left, right with { DeletionTimestamp = DateTimeOffset.UnixEpoch });
    }

    [Fact]
    public void Unset_collections_read_as_empty_and_equal_empty_ones()
    {
        var pod = new Pod("ns", "p") { PodIPs = default, ContainerPorts = default, Labels = null! };
        Assert.Empty(pod.PodIPs);
        Assert.Empty(pod.ContainerPorts);
        Assert.Empty(pod.Labels);
        Assert.Equal(new Pod("ns", "p"), pod);
        Assert.Empty(new Endpoint(default).Addresses);
    }

    [Fact]
    public void Endpoints_and_slices_compare_by_value()
    {
        static Endpoint Make() => new(["10.0.0.1"]) { Conditions = new() { Ready = true, Serving = true, Terminating = false }, NodeName = "n", TargetRef = new() { Kind = "Pod", Namespace = "ns", Name = "p" } };
        static EndpointSlice Slice() => new("ns", "s", AddressType.IPv4)
        {
            Endpoints = [Make()],
            Ports = [new EndpointPort { Name = "", Port = 80, Protocol = Protocol.TCP }],
            Labels = LabelSet(("a", "b")),
            OwnerReferences = [new OwnerReference { ApiVersion = "v1", Kind = "Service", Name = "svc", Uid = "", Controller = true }],
        };

        Assert.Equal(Make(), Make());
        Assert.Equal(Make().GetHashCode(), Make().GetHashCode());
        Assert.NotEqual(Make(), Make() with { Addresses = ["10.0.0.2"] });
        Assert.NotEqual(Make(), Make() with { Conditions = new() { Ready = false, Serving = true, Terminating = false } });
        Assert.Equal(Make() with { Hints = new EndpointHints { ForZones = ["z1"] } }, Make() with { Hints = new EndpointHints { ForZones = ["z1"] } });
        Assert.NotEqual(Make() with { Hints = new EndpointHints { ForZones = ["z1"] } }, Make() with { Hints = new EndpointHints { ForNodes = ["z1"] } });
        Assert.NotEqual(Make(), Make() with { Hints = new EndpointHints() });
        Assert.Equal(Slice(), Slice());
        Assert.Equal(Slice().GetHashCode(), Slice().GetHashCode());
        Assert.NotEqual(Slice(), Slice() with { Endpoints = [] });
        Assert.NotEqual(Slice(), Slice() with { Labels = LabelSet(("a", "c")) });
        Assert.NotEqual(Slice(), Slice() with { Ports = [new EndpointPort { Name = "", Port = 81, Protocol = Protocol.TCP }] });
        Assert.NotEqual(Slice(), Slice() with { OwnerReferences = [] });
    }

    [Fact]
    public void Legacy_objects_compare_by_value()
    {
        static EndpointSubset Subset() => new()
        {
            Addresses = [new EndpointAddress { IP = "10.0.0.1", NodeName = "n" }],
            NotReadyAddresses = [new EndpointAddress { IP = "10.0.0.2" }],
            Ports = [new EndpointPort { Name = "http", Port = 80, Protocol = Protocol.TCP }],
        };
        static LegacyEndpoints Make() => new("ns", "svc") { Subsets = [Subset()], Labels = LabelSet(("a", "b")), Annotations = LabelSet(("x", "y")) };

        Assert.Equal(Subset(), Subset());
        Assert.Equal(Subset().GetHashCode(), Subset().GetHashCode());
        Assert.NotEqual(Subset(), Subset() with { NotReadyAddresses = [] });
        Assert.Equal(Make(), Make());
        Assert.Equal(Make().GetHashCode(), Make().GetHashCode());
        Assert.NotEqual(Make(), Make() with { Annotations = ImmutableDictionary<string, string>.Empty });
        Assert.NotEqual(Make(), Make() with { Subsets = [] });
    }

    [Fact]
    public void Topologies_and_change_sets_compare_by_value()
    {
        var topology = new NodeTopology([new("n1", "z1"), new("n2", "")]);
        Assert.Equal(topology, new NodeTopology([new("n2", ""), new("n1", "z1")]));
        Assert.Equal("z1", topology.ZoneOf("n1"));
        Assert.Null(topology.ZoneOf("n2"));
        Assert.Null(topology.ZoneOf("n3"));
        Assert.True(topology.Contains("n2"));
        Assert.False(topology.Contains(null));

        var slice = new EndpointSlice("ns", "s", AddressType.IPv6);
        Assert.Equal(new EndpointSliceChanges([slice], [], []), new EndpointSliceChanges([slice with { }], default, default));
        Assert.NotEqual(new EndpointSliceChanges([slice], [], []), new EndpointSliceChanges([], [slice], []));
        Assert.True(EndpointSliceChanges.None.IsEmpty);
    }
}
