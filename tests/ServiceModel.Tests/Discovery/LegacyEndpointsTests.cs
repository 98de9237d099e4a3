using ServiceModel.Discovery;
using ServiceModel.Networking;
using ServiceModel.Services;
using static ServiceModel.Tests.Discovery.EndpointFixtures;
using LegacyEndpoints = ServiceModel.Discovery.Endpoints;

namespace ServiceModel.Tests.Discovery;

public class LegacyEndpointsTests
{
    private static readonly EndpointPort s_http = new() { Name = "", Port = 8080, Protocol = Protocol.TCP };

    private static EndpointAddress Address(int i, string? node = "node-1")
        => new() { IP = $"10.1.0.{i}", NodeName = node, TargetRef = new ObjectReference { Kind = "Pod", Namespace = "test", Name = $"pod{i}", Uid = $"uid-{i}" } };

    [Fact]
    public void Ready_and_not_ready_pods_share_one_subset_per_port_set()
    {
        // upstream TestSyncEndpointsItemsPreexisting-style: one Service port, ready and unready pods.
        var endpoints = LegacyEndpoints.ForService(Service(), [Pod(1), Pod(2, ready: false), Pod(3)])!;

        var subset = Assert.Single(endpoints.Subsets);
        Assert.Equal([Address(1), Address(3)], subset.Addresses.AsEnumerable());
        Assert.Equal([Address(2)], subset.NotReadyAddresses.AsEnumerable());
        Assert.Equal([s_http], subset.Ports.AsEnumerable());
        Assert.Equal("test", endpoints.Namespace);
        Assert.Equal("foo", endpoints.Name);
        Assert.Equal(LabelSet((LegacyEndpoints.ManagedByLabel, "endpoint-controller")), endpoints.Labels);
        Assert.Empty(endpoints.Annotations);
    }

    [Fact]
    public void Terminating_pods_are_dropped_unless_not_ready_addresses_are_published()
    {
        var terminating = Pod(1) with { DeletionTimestamp = DateTimeOffset.UnixEpoch };
        var service = Service();

        Assert.Empty(LegacyEndpoints.ForService(service, [terminating])!.Subsets);

        var published = service with { Spec = service.Spec with { PublishNotReadyAddresses = true } };
        var subset = Assert.Single(LegacyEndpoints.ForService(published, [terminating, Pod(2, ready: false)])!.Subsets);
        Assert.Equal(2, subset.Addresses.Length);
        Assert.Empty(subset.NotReadyAddresses);
    }

    [Fact]
    public void Headless_service_without_ports_lists_addresses_without_ports()
    {
        // upstream TestSyncEndpointsHeadlessWithoutPort.
        var service = Service() with { Spec = Service().Spec with { ClusterIP = "None", Ports = [] } };
        var endpoints = LegacyEndpoints.ForService(service, [Pod(0) with { NodeName = null }])!;

        var subset = Assert.Single(endpoints.Subsets);
        Assert.Equal([Address(0, node: "")], subset.Addresses.AsEnumerable());
        Assert.Empty(subset.Ports);
        Assert.Equal("", endpoints.Labels[EndpointSlice.HeadlessServiceLabel]);
    }

    [Fact]
    public void Non_headless_service_without_ports_has_no_subsets()
    {
        var service = Service() with { Spec = Service().Spec with { Ports = [] } };
        Assert.Empty(LegacyEndpoints.ForService(service, [Pod(0)])!.Subsets);
    }

    [Fact]
    public void Pods_contribute_only_their_address_of_the_primary_family()
    {
        var service = Service(families: [IPFamily.IPv6, IPFamily.IPv4]);
        var pod = Pod(1) with { PodIPs = ["10.1.0.1", "fd00::1"] };
        var v4Only = Pod(2);

        var subset = Assert.Single(LegacyEndpoints.ForService(service, [pod, v4Only])!.Subsets);
        Assert.Equal(["fd00::1"], subset.Addresses.Select(a => a.IP));
    }

    [Fact]
    public void Unmanaged_services_get_no_endpoints_object()
    {
        Assert.Null(LegacyEndpoints.ForService(Service() with { Spec = Service().Spec with { Selector = null } }, [Pod(0)]));
        Assert.Null(LegacyEndpoints.ForService(Service() with { Spec = Service().Spec with { Type = ServiceType.ExternalName } }, [Pod(0)]));
    }

    [Fact]
    public void Pods_resolving_different_ports_land_in_different_subsets()
    {
        var service = Service(ports: [TcpPort(80, "http", "web"), TcpPort(81, 9000, "admin")]);
        var both = Pod(1) with { ContainerPorts = [new ContainerPort { Name = "http", Port = 8080 }] };
        var adminOnly = Pod(2);

        var subsets = LegacyEndpoints.ForService(service, [both, adminOnly])!.Subsets;

        Assert.Equal(2, subsets.Length);
        Assert.Equal([new EndpointPort { Name = "admin", Port = 9000, Protocol = Protocol.TCP }], subsets[0].Ports.AsEnumerable());
        Assert.Equal(["10.1.0.1", "10.1.0.2"], subsets[0].Addresses.Select(a => a.IP));
        Assert.Equal([new EndpointPort { Name = "web", Port = 8080, Protocol = Protocol.TCP }], subsets[1].Ports.AsEnumerable());
        Assert.Equal(["10.1.0.1"], subsets[1].Addresses.Select(a => a.IP));
    }

    [Fact]
    public void Repack_merges_ports_served_by_the_same_addresses()
    {
        // upstream util_test "one set, one ip, two ports" split across two input subsets.
        var a = new EndpointAddress { IP = "1.2.3.4" };
        var p1 = new EndpointPort { Name = "p", Port = 11, Protocol = Protocol.TCP };
        var p2 = new EndpointPort { Name = "q", Port = 22, Protocol = Protocol.TCP };

        var repacked = LegacyEndpoints.RepackSubsets(
            [new EndpointSubset { Addresses = [a], Ports = [p2] }, new EndpointSubset { Addresses = [a], Ports = [p1] }]);

        var subset = Assert.Single(repacked);
        Assert.Equal([a], subset.Addresses.AsEnumerable());
        Assert.Equal([p1, p2], subset.Ports.AsEnumerable());
    }

    [Fact]
    public void Repack_keeps_not_ready_over_ready_and_dedupes_by_ip_and_uid()
    {
        var ready = new EndpointAddress { IP = "1.2.3.4", TargetRef = new() { Kind = "Pod", Namespace = "ns", Name = "a", Uid = "uid1" } };
        var sameIPOtherPod = new EndpointAddress { IP = "1.2.3.4", TargetRef = new() { Kind = "Pod", Namespace = "ns", Name = "b", Uid = "uid2" } };
        var port = new EndpointPort { Name = "", Port = 80, Protocol = Protocol.TCP };

        var repacked = LegacyEndpoints.RepackSubsets(
        [
            new EndpointSubset { Addresses = [ready, sameIPOtherPod], Ports = [port] },
            new EndpointSubset { NotReadyAddresses = [ready], Ports = [port] },
            new EndpointSubset { Addresses = [ready], Ports = [port] },
        ]);

        var subset = Assert.Single(repacked);
        Assert.Equal([sameIPOtherPod], subset.Addresses.AsEnumerable());
        Assert.Equal([ready], subset.NotReadyAddresses.AsEnumerable());
    }

    [Fact]
    public void Repack_orders_addresses_by_ip_then_uid_with_untargeted_first()
    {
        var port = new EndpointPort { Name = "", Port = 80, Protocol = Protocol.TCP };
        EndpointAddress[] input =
        [
            new() { IP = "10.0.0.2" },
            new() { IP = "10.0.0.1", TargetRef = new() { Kind = "Pod", Namespace = "ns", Name = "b", Uid = "uid-b" } },
            new() { IP = "10.0.0.1", TargetRef = new() { Kind = "Pod", Namespace = "ns", Name = "a", Uid = "uid-a" } },
            new() { IP = "10.0.0.1" },
        ];

        var subset = Assert.Single(LegacyEndpoints.RepackSubsets([new EndpointSubset { Addresses = [.. input], Ports = [port] }]));

        Assert.Equal([input[3], input[2], input[1], input[0]], subset.Addresses.AsEnumerable());
    }

    [Fact]
    public void Over_a_thousand_ready_addresses_are_truncated_and_annotated()
    {
        var pods = Enumerable.Range(0, 1001).Select(i => Pod(i) with { Ready = true });
        var endpoints = LegacyEndpoints.ForService(Service(), pods)!;

        var subset = Assert.Single(endpoints.Subsets);
        Assert.Equal(1000, subset.Addresses.Length);
        Assert.Equal("truncated", endpoints.Annotations[LegacyEndpoints.OverCapacityAnnotation]);
    }

    [Fact]
    public void Truncation_drops_not_ready_addresses_first_in_proportion()
    {
        // 400 ready and 800 not ready over two port sets: 600 not-ready slots, 300 per subset.
        var service = Service(ports: [TcpPort(80, "a", "a"), TcpPort(81, "b", "b")]);
        var pods = Enumerable.Range(0, 1200).Select(i => Pod(i, ready: i % 3 == 0) with
        {
            ContainerPorts = [new ContainerPort { Name = i % 2 == 0 ? "a" : "b", Port = 8000 }],
        });

        var endpoints = LegacyEndpoints.ForService(service, pods)!;

        Assert.Equal(2, endpoints.Subsets.Length);
        Assert.All(endpoints.Subsets, s => Assert.Equal(200, s.Addresses.Length));
        Assert.All(endpoints.Subsets, s => Assert.Equal(300, s.NotReadyAddresses.Length));
        Assert.Equal(LegacyEndpoints.Truncated, endpoints.Annotations[LegacyEndpoints.OverCapacityAnnotation]);
    }

    [Fact]
    public void A_lower_capacity_truncates_earlier_and_bad_capacities_are_rejected()
    {
        var endpoints = LegacyEndpoints.ForService(Service(), Enumerable.Range(0, 10).Select(i => Pod(i)), maxCapacity: 4)!;
        Assert.Equal(["10.1.0.0", "10.1.0.1", "10.1.0.2", "10.1.0.3"], endpoints.Subsets.Single().Addresses.Select(a => a.IP));
        Assert.Equal(LegacyEndpoints.Truncated, endpoints.Annotations[LegacyEndpoints.OverCapacityAnnotation]);
        Assert.Throws<ArgumentOutOfRangeException>(() => LegacyEndpoints.ForService(Service(), [], maxCapacity: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => LegacyEndpoints.ForService(Service(), [], maxCapacity: 1001));
    }

    [Fact]
    public void Exactly_a_thousand_addresses_are_not_truncated()
    {
        var endpoints = LegacyEndpoints.ForService(Service(), Enumerable.Range(0, 1000).Select(i => Pod(i)))!;
        Assert.Equal(1000, endpoints.Subsets.Single().Addresses.Length);
        Assert.False(endpoints.Annotations.ContainsKey(LegacyEndpoints.OverCapacityAnnotation));
    }

    [Fact]
    public void Hostname_is_published_for_pods_in_the_service_subdomain()
    {
        var pod = Pod(1) with { Hostname = "h", Subdomain = "foo" };
        var address = LegacyEndpoints.ForService(Service(), [pod])!.Subsets.Single().Addresses.Single();
        Assert.Equal("h", address.Hostname);
        Assert.Empty(LegacyEndpoints.RepackSubsets([]));
    }

    [Fact]
    public void Pod_IPs_are_written_in_canonical_form()
    {
        // v1.33+ endpoints controller (kubernetes#130101): irregular pod IP text is re-printed.
        var endpoints = LegacyEndpoints.ForService(Service(), [Pod(1, ip: "010.001.000.001")])!;

        Assert.Equal("10.1.0.1", Assert.Single(Assert.Single(endpoints.Subsets).Addresses).IP);
    }
}
