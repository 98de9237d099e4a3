using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ServiceModel.Discovery;
using ServiceModel.Services;
using LegacyEndpoints = ServiceModel.Discovery.Endpoints;

namespace ServiceModel.Tests.Discovery;

// Facts from upstream's TestPackSubsets (pkg/api/v1/endpoints/util_test.go at v1.35), in our words.
public class RepackSubsetsTests
{
    private static readonly EndpointPort s_p111 = new() { Name = "", Port = 111, Protocol = Protocol.TCP };
    private static readonly EndpointPort s_p222 = new() { Name = "", Port = 222, Protocol = Protocol.TCP };
    private static readonly EndpointPort s_p333 = new() { Name = "", Port = 333, Protocol = Protocol.TCP };

    private static EndpointAddress IP(string ip, string? uid = null)
        => new() { IP = ip, TargetRef = uid is null ? null : new ObjectReference { Kind = "Pod", Namespace = "ns", Name = uid, Uid = uid } };

    [Fact]
    public void A_subset_with_neither_addresses_nor_ports_repacks_to_nothing()
        => Assert.Empty(LegacyEndpoints.RepackSubsets([new EndpointSubset()]));

    [Fact]
    public void A_subset_with_a_port_but_no_addresses_repacks_to_nothing()
        => Assert.Empty(LegacyEndpoints.RepackSubsets([new EndpointSubset { Ports = [s_p111] }]));

    [Fact]
    public void A_port_listed_only_by_address_less_subsets_is_dropped()
    {
        var repacked = LegacyEndpoints.RepackSubsets(
        [
            new EndpointSubset { Ports = [s_p222] },
            new EndpointSubset { Addresses = [IP("1.2.3.4")], Ports = [s_p111] },
            new EndpointSubset { NotReadyAddresses = [], Ports = [s_p111, s_p333] },
        ]);

        var subset = Assert.Single(repacked);
        Assert.Equal([s_p111], subset.Ports.AsEnumerable());
        Assert.Equal([IP("1.2.3.4")], subset.Addresses.AsEnumerable());
    }

    [Fact]
    public void Port_less_addresses_are_kept_ready_or_not()
    {
        // A headless Service without ports still publishes its addresses (upstream's port sentinel).
        var ready = Assert.Single(LegacyEndpoints.RepackSubsets([new EndpointSubset { Addresses = [IP("1.2.3.4")] }]));
        Assert.Equal([IP("1.2.3.4")], ready.Addresses.AsEnumerable());
        Assert.Empty(ready.Ports);

        var notReady = Assert.Single(LegacyEndpoints.RepackSubsets([new EndpointSubset { NotReadyAddresses = [IP("1.2.3.4")] }]));
        Assert.Equal([IP("1.2.3.4")], notReady.NotReadyAddresses.AsEnumerable());
        Assert.Empty(notReady.Addresses);
    }

    [Fact]
    public void An_address_both_ready_and_not_ready_in_one_set_is_not_ready()
    {
        var subset = Assert.Single(LegacyEndpoints.RepackSubsets(
            [new EndpointSubset { Addresses = [IP("1.2.3.4")], NotReadyAddresses = [IP("1.2.3.4")], Ports = [s_p111] }]));
        Assert.Empty(subset.Addresses);
        Assert.Equal([IP("1.2.3.4")], subset.NotReadyAddresses.AsEnumerable());
    }

    [Fact]
    public void The_first_copy_of_a_duplicated_address_is_kept()
    {
        // Same IP, no UID on either: one address, and its first spelling (here, its hostname) wins.
        var first = IP("1.2.3.4") with { Hostname = "foo" };
        var second = IP("1.2.3.4") with { Hostname = "bar" };
        var subset = Assert.Single(LegacyEndpoints.RepackSubsets(
            [new EndpointSubset { Addresses = [first], NotReadyAddresses = [second], Ports = [s_p111] }]));
        Assert.Equal([first], subset.NotReadyAddresses.AsEnumerable());
    }

    [Fact]
    public void One_address_ready_on_one_port_and_not_ready_on_another_splits_into_two_subsets()
    {
        var repacked = LegacyEndpoints.RepackSubsets(
        [
            new EndpointSubset { Addresses = [IP("1.2.3.4", "uid-1")], Ports = [s_p111] },
            new EndpointSubset { NotReadyAddresses = [IP("1.2.3.4", "uid-1")], Ports = [s_p222] },
        ]);

        Assert.Equal(2, repacked.Length);
        Assert.Equal([IP("1.2.3.4", "uid-1")], repacked[0].Addresses.AsEnumerable());
        Assert.Equal([s_p111], repacked[0].Ports.AsEnumerable());
        Assert.Equal([IP("1.2.3.4", "uid-1")], repacked[1].NotReadyAddresses.AsEnumerable());
        Assert.Equal([s_p222], repacked[1].Ports.AsEnumerable());
    }

    [Fact]
    public void Four_jumbled_sets_regroup_by_the_addresses_each_port_reaches()
    {
        var repacked = LegacyEndpoints.RepackSubsets(
        [
            new EndpointSubset { Addresses = [IP("1.2.3.4")], Ports = [s_p111] },
            new EndpointSubset { Addresses = [IP("1.2.3.5")], Ports = [s_p222] },
            new EndpointSubset { Addresses = [IP("1.2.3.6")], Ports = [s_p111] },
            new EndpointSubset { Addresses = [IP("1.2.3.5")], Ports = [s_p333] },
        ]);

        Assert.Equal(2, repacked.Length);
        Assert.Equal([IP("1.2.3.4"), IP("1.2.3.6")], repacked[0].Addresses.AsEnumerable());
        Assert.Equal([s_p111], repacked[0].Ports.AsEnumerable());
        Assert.Equal([IP("1.2.3.5")], repacked[1].Addresses.AsEnumerable());
        Assert.Equal([s_p222, s_p333], repacked[1].Ports.AsEnumerable());
    }

    [Fact]
    public void Mixed_readiness_with_and_without_uids_ends_with_split_addresses()
    {
        var repacked = LegacyEndpoints.RepackSubsets(
        [
            new EndpointSubset { Addresses = [IP("5.6.7.8")], Ports = [s_p111] },
            new EndpointSubset { NotReadyAddresses = [IP("5.6.7.8", "uid-1")], Ports = [s_p111] },
            new EndpointSubset { NotReadyAddresses = [IP("1.2.3.4", "uid-1")], Ports = [s_p111] },
            new EndpointSubset { NotReadyAddresses = [IP("1.2.3.4")], Ports = [s_p111] },
        ]);

        var subset = Assert.Single(repacked);
        Assert.Equal([IP("5.6.7.8")], subset.Addresses.AsEnumerable());
        Assert.Equal([IP("1.2.3.4"), IP("1.2.3.4", "uid-1"), IP("5.6.7.8", "uid-1")], subset.NotReadyAddresses.AsEnumerable());
    }

    private static readonly Gen<EndpointSubset> s_subset =
        from ready in Gen.SubListOf(new[] { "1.2.3.4", "1.2.3.5", "1.2.3.6" })
        from notReady in Gen.SubListOf(new[] { "1.2.3.4", "1.2.3.7" })
        from ports in Gen.SubListOf(new[] { s_p111, s_p222, s_p333 })
        select new EndpointSubset { Addresses = [.. ready.Select(ip => IP(ip))], NotReadyAddresses = [.. notReady.Select(ip => IP(ip))], Ports = [.. ports] };

    [Property(MaxTest = 300)]
    public Property Repacking_leaves_no_empty_subset_and_is_idempotent()
        => Prop.ForAll(Gen.ListOf(s_subset).Select(l => l.ToArray()).ToArbitrary(), subsets =>
        {
            var once = LegacyEndpoints.RepackSubsets(subsets);
            var twice = LegacyEndpoints.RepackSubsets(once);
            return once.All(s => !s.Addresses.IsEmpty || !s.NotReadyAddresses.IsEmpty) && once.SequenceEqual(twice);
        });

    [Property(MaxTest = 300)]
    public Property A_port_survives_exactly_when_some_input_subset_gives_it_an_address()
        => Prop.ForAll(Gen.Choose(0, 3).SelectMany(n => Gen.ArrayOf(s_subset, n)).ToArbitrary(), subsets =>
        {
            var expected = subsets.Where(s => !s.Addresses.IsEmpty || !s.NotReadyAddresses.IsEmpty).SelectMany(s => s.Ports).ToHashSet();
            var actual = LegacyEndpoints.RepackSubsets(subsets).SelectMany(s => s.Ports).ToList();
            return actual.Count == expected.Count && expected.SetEquals(actual);
        });
}
