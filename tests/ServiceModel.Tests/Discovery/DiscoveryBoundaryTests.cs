using ServiceModel.Discovery;
using ServiceModel.Networking;
using ServiceModel.Services;
using static ServiceModel.Tests.Discovery.EndpointFixtures;

namespace ServiceModel.Tests.Discovery;

// Every public Discovery entry point reads a default ImmutableArray as empty, refuses what its
// constructor refuses also through `with`, and carries pod addresses as the API's text.
public class DiscoveryBoundaryTests
{
    private static Service DefaultArrays(string? clusterIP = "10.96.0.10")
        => Service() with { Spec = Service().Spec with { Ports = default, IPFamilies = default, ClusterIPs = default, ClusterIP = clusterIP } };

    [Fact]
    public void Compute_and_reconcile_read_default_ports_and_families_as_empty()
    {
        var service = DefaultArrays();
        var pods = Pods(3);

        var slices = EndpointSliceReconciler.Default.Compute(service, pods);

        // No families: the cluster IP's family; no ports: one port-less slice.
        var slice = Assert.Single(slices);
        Assert.Equal(AddressType.IPv4, slice.AddressType);
        Assert.Empty(slice.Ports);
        Assert.Equal(3, slice.Endpoints.Length);
        Assert.True(EndpointSliceReconciler.Default.Reconcile(service, pods, slices).IsEmpty);
        Assert.Equal(slices.AsEnumerable(), EndpointSliceReconciler.Default.Track(service, pods, []).InitialChanges.ToCreate.AsEnumerable());
        Assert.Equal(slices.AsEnumerable(), EndpointSliceReconciler.Default.ComputeAll([service], pods)[service].AsEnumerable());
    }

    [Fact]
    public void Headless_service_with_default_arrays_gets_both_address_types()
    {
        var slices = EndpointSliceReconciler.Default.Compute(DefaultArrays(ServiceSpec.ClusterIPNone), Pods(1));

        Assert.Equal([AddressType.IPv4, AddressType.IPv6], slices.Select(s => s.AddressType));
    }

    [Fact]
    public void Legacy_endpoints_read_default_ports_and_families_as_empty()
    {
        Assert.Empty(Endpoints.ForService(DefaultArrays(), Pods(2))!.Subsets);

        var headless = Endpoints.ForService(DefaultArrays(ServiceSpec.ClusterIPNone), Pods(2))!;
        var subset = Assert.Single(headless.Subsets);
        Assert.Equal(["10.1.0.0", "10.1.0.1"], subset.Addresses.Select(a => a.IP));
        Assert.Empty(subset.Ports);
    }

    [Fact]
    public void Service_index_accepts_services_with_default_arrays()
    {
        var service = DefaultArrays();
        var index = new ServiceIndex([service]);

        Assert.Equal([service], index.ServicesFor(Pod(1)).AsEnumerable());
        Assert.Equal(2, index.AssignPods(Pods(2))[service].Count());
    }

    [Fact]
    public void Model_types_read_default_arrays_as_empty()
    {
        var slice = new EndpointSlice("ns", "s", AddressType.IPv4) { Endpoints = default, Ports = default, OwnerReferences = default };
        Assert.True(slice.Endpoints.IsEmpty && slice.Ports.IsEmpty && slice.OwnerReferences.IsEmpty);
        Assert.Equal(new EndpointSlice("ns", "s", AddressType.IPv4), slice);

        Assert.True(new Endpoint(default).Addresses.IsEmpty);
        Assert.True((new Endpoint(["10.0.0.1"]) with { Addresses = default }).Addresses.IsEmpty);
        var hints = new EndpointHints { ForZones = default, ForNodes = default };
        Assert.True(hints.ForZones.IsEmpty && hints.ForNodes.IsEmpty);
        var subset = new EndpointSubset { Addresses = default, NotReadyAddresses = default, Ports = default };
        Assert.True(subset.Addresses.IsEmpty && subset.NotReadyAddresses.IsEmpty && subset.Ports.IsEmpty);
        Assert.True(new Endpoints("ns", "s") { Subsets = default }.Subsets.IsEmpty);
        Assert.True(new Pod("ns", "p") { PodIPs = default, ContainerPorts = default }.PodIPs.IsEmpty);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    public void With_cannot_clear_a_name_or_namespace(string? value)
    {
        AssertRefused("Name", () => new Pod("default", "a") with { Name = value! });
        AssertRefused("Namespace", () => new Pod("default", "a") with { Namespace = value! });
        AssertRefused("Name", () => new EndpointSlice("default", "a", AddressType.IPv4) with { Name = value! });
        AssertRefused("Namespace", () => new EndpointSlice("default", "a", AddressType.IPv4) with { Namespace = value! });
        AssertRefused("Name", () => new Endpoints("default", "a") with { Name = value! });
        AssertRefused("Namespace", () => new Endpoints("default", "a") with { Namespace = value! });
    }

    [Fact]
    public void With_keeps_valid_names()
    {
        Assert.Equal("b", (new Pod("default", "a") with { Name = "b" }).Name);
        Assert.Equal("b", (new EndpointSlice("default", "a", AddressType.IPv4) with { Name = "b" }).Name);
        Assert.Equal("b", (new Endpoints("default", "a") with { Name = "b" }).Name);
    }

    [Fact]
    public void Pod_addresses_are_canonicalized_and_sorted_by_family_as_upstream_reads_them()
    {
        // Upstream's IsIPv6String: an IPv4-mapped IPv6 address is IPv4, non-canonical IPv6 text is
        // IPv6, and text that is no address at all is not IPv6. Since v1.33 the controllers print the
        // parsed address (kubernetes#130101); text that is no address is kept as written, where Go
        // would print "<nil>" (the API never holds such a pod IP).
        var pod = Pod(1) with { PodIPs = ["::ffff:10.1.0.1", "FD00:0::1", "not-an-ip"] };
        var service = Service(families: [IPFamily.IPv4, IPFamily.IPv6]);

        var slices = EndpointSliceReconciler.Default.Compute(service, [pod]);

        Assert.Equal(["10.1.0.1", "not-an-ip"], slices.Single(s => s.AddressType == AddressType.IPv4).Endpoints.Single().Addresses.AsEnumerable());
        Assert.Equal(["fd00::1"], slices.Single(s => s.AddressType == AddressType.IPv6).Endpoints.Single().Addresses.AsEnumerable());
        Assert.Equal("10.1.0.1", Endpoints.ForService(service, [pod])!.Subsets.Single().Addresses.Single().IP);
    }

    [Fact]
    public void A_selector_that_skipped_validation_still_matches_rather_than_throws()
    {
        var odd = Service() with { Spec = Service().Spec with { Selector = LabelSet(("not a key!", "x y")) } };
        var pod = Pod(1) with { Labels = LabelSet(("not a key!", "x y")) };

        Assert.Single(EndpointSliceReconciler.Default.Compute(odd, [pod]).Single().Endpoints);
        Assert.Equal([odd], new ServiceIndex([odd]).ServicesFor(pod).AsEnumerable());
    }

    [Fact]
    public void A_null_endpoint_or_slice_in_an_argument_is_an_ArgumentNullException_naming_it()
    {
        // As TopologyAwareHints and TopologyFilter do; these two threw NullReferenceException.
        var hints = Assert.Throws<ArgumentNullException>(() => TrafficDistributionHints.Apply("PreferClose", [null!]));
        Assert.Equal("endpoints", hints.ParamName);
        var strip = Assert.Throws<ArgumentNullException>(() => TrafficDistributionHints.Apply(null, [new Endpoint(["10.0.0.1"]), null!]));
        Assert.Equal("endpoints", strip.ParamName);
        var apply = Assert.Throws<ArgumentNullException>(() => EndpointSliceChanges.None.ApplyTo([null!]));
        Assert.Equal("existing", apply.ParamName);
    }

    [Fact]
    public void A_service_without_uid_named_by_a_megabyte_gives_a_short_message()
    {
        var service = Service() with { Name = new string('w', 1_000_000), Uid = "" };
        var error = Assert.Throws<ArgumentException>(() => EndpointSliceReconciler.Default.Compute(service, Pods(1)));
        Assert.Contains("has no uid (metadata.uid)", error.Message, StringComparison.Ordinal);
        Assert.InRange(error.Message.Length, 1, 2_000);
    }

    private static void AssertRefused(string member, Func<object> make)
        => Assert.Equal(member, Assert.ThrowsAny<ArgumentException>(make).ParamName);
}
