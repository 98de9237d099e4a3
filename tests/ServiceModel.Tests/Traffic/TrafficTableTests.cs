using System.Collections.Immutable;
using ServiceModel.Discovery;
using ServiceModel.Services;
using ServiceModel.Traffic;
using static ServiceModel.Tests.Traffic.TrafficFixtures;

namespace ServiceModel.Tests.Traffic;

public class TrafficTableTests
{
    [Fact]
    public void A_table_routes_every_node_entry_and_policy_as_the_rules_say()
    {
        EndpointSlice[] slices = [FromSpec("0R,1RL,2STL,3R")];
        var table = TrafficRouter.Prepare(Web(external: TrafficPolicy.Local), slices);

        Assert.Equal("1", Describe(table.Route(LocalNode, TrafficEntry.NodePort)));
        Assert.Equal("drop", Describe(table.Route("node-c", TrafficEntry.NodePort)));
        Assert.Equal("0,1,3", Describe(table.Route(LocalNode, TrafficEntry.ClusterIP)));
        Assert.Equal("0,3", Describe(table.Route(RemoteNode, TrafficEntry.NodePort)));
        Assert.Same(table.Service, table.Service);
    }

    [Fact]
    public void Routes_from_one_table_share_their_candidates()
    {
        var table = TrafficRouter.Prepare(Web(), [FromSpec("0R,1R,2R")]);
        var a = table.Route(LocalNode, TrafficEntry.NodePort).Candidates;
        var b = table.Route("node-c", TrafficEntry.NodePort).Candidates;
        Assert.Equal(a, b);
        Assert.True(a == b, "the same immutable array, not a copy per connection");
    }

    [Fact]
    public void An_equal_request_without_a_client_gets_the_remembered_route_and_allocates_nothing()
    {
        var table = TrafficRouter.Prepare(Web(), [FromSpec("0R,1R,2R")]);
        var request = new TrafficRequest { NodeName = LocalNode, Entry = TrafficEntry.NodePort };
        var first = table.Route(request);

        Assert.Same(first, table.Route(request with { }));
        Assert.Equal(TrafficRouter.Route(Web(), [FromSpec("0R,1R,2R")], request), first);
        var before = GC.GetAllocatedBytesForCurrentThread();
        table.Route(request);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);

        // With a client, affinity and source ranges read the client: routed afresh every time.
        var withClient = request with { ClientIP = "192.168.1.9" };
        Assert.NotSame(table.Route(withClient), table.Route(withClient));
        Assert.Equal(table.Route(withClient), table.Route(withClient));
    }

    [Fact]
    public void Routes_stay_exact_beyond_the_remembered_ones()
    {
        var table = TrafficRouter.Prepare(Web(), [FromSpec("0R,1R")]);
        for (var i = 0; i < 1100; i++)
        {
            var request = new TrafficRequest { NodeName = $"node-{i}", Entry = TrafficEntry.NodePort };
            Assert.Equal(TrafficRouter.Route(Web(), [FromSpec("0R,1R")], request), table.Route(request));
        }

        var late = new TrafficRequest { NodeName = "node-1099", Entry = TrafficEntry.NodePort };
        Assert.NotSame(table.Route(late), table.Route(late));
    }

    [Fact]
    public void A_table_checks_the_request_as_one_off_routing_does()
    {
        var table = TrafficRouter.Prepare(Web(), [FromSpec("0R")]);
        Assert.Throws<ArgumentNullException>(() => table.Route(null!));
        Assert.Throws<ArgumentException>(() => table.Route(string.Empty, TrafficEntry.ClusterIP));
        var badClient = Assert.Throws<ArgumentException>(() => table.Route(LocalNode, TrafficEntry.ClusterIP, clientIP: "node-a"));
        Assert.Contains("client IP \"node-a\" is not an IP address", badClient.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => TrafficRouter.Route(Web(), [], LocalNode, TrafficEntry.ClusterIP, clientIP: "10.0.0.300"));
        Assert.Throws<ArgumentException>(() => table.Route(new TrafficRequest { NodeName = LocalNode, PortName = "grpc" }));
        Assert.Throws<ArgumentNullException>(() => TrafficRouter.Prepare(null!, []));
        Assert.Throws<ArgumentNullException>(() => TrafficRouter.Prepare(Web(), null!));
    }

    [Fact]
    public void A_with_expression_on_the_request_cannot_slip_past_the_checks()
    {
        var request = new TrafficRequest { NodeName = LocalNode };
        var table = TrafficRouter.Prepare(Web(), [FromSpec("0R")]);
        Assert.Throws<ArgumentException>(() => table.Route(request with { NodeName = string.Empty }));
        Assert.Throws<ArgumentException>(() => TrafficRouter.Route(Web(), [], request with { NodeName = string.Empty }));
        Assert.Throws<ArgumentException>(() => table.Route(request with { ClientIP = "" }));
    }

    [Fact]
    public void A_default_slice_array_reads_as_no_slices_at_every_entry_point()
    {
        ImmutableArray<EndpointSlice> none = default;
        Assert.Equal(TrafficOutcome.Rejected, TrafficRouter.Route(Web(), none, LocalNode, TrafficEntry.NodePort).Outcome);
        Assert.Equal(TrafficOutcome.Rejected, TrafficRouter.Route(Web(), none, new TrafficRequest { NodeName = LocalNode }).Outcome);
        Assert.Equal(TrafficOutcome.Rejected, TrafficRouter.Prepare(Web(), none).Route(LocalNode, TrafficEntry.NodePort).Outcome);
    }

    [Fact]
    public void Default_arrays_inside_the_Service_and_its_slices_read_as_empty()
    {
        var noPorts = new Service { Name = "web", Spec = new ServiceSpec { Ports = default, IPFamilies = default, ExternalIPs = default } };
        var error = Assert.Throws<ArgumentException>(() => TrafficRouter.Route(noPorts, [], LocalNode, TrafficEntry.ClusterIP));
        Assert.Contains("has no ports", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => TrafficRouter.Prepare(noPorts, []).Route(LocalNode, TrafficEntry.ClusterIP));

        var service = Web() with { Spec = Web().Spec with { IPFamilies = default, ExternalIPs = default, ClusterIPs = default } };
        var emptySlice = Slice() with { Endpoints = default, Ports = default };
        var slices = new[] { emptySlice, Slice(new Endpoint(default(ImmutableArray<string>)), Ep("10.0.0.1")) };
        Assert.Equal("1", Describe(TrafficRouter.Route(service, slices, LocalNode, TrafficEntry.ClusterIP)));
        Assert.Equal("1", Describe(TrafficRouter.Prepare(service, slices).Route(LocalNode, TrafficEntry.ClusterIP)));
        Assert.Equal(TrafficOutcome.NotProxied, TrafficRouter.Route(service, slices, LocalNode, TrafficEntry.ExternalIP).Outcome);
    }

    [Fact]
    public void A_route_built_with_default_candidates_holds_an_empty_array()
    {
        var route = new TrafficRoute { Outcome = TrafficOutcome.Rejected, Reason = TrafficReason.NoEndpoints, Message = "m", ServicePortName = "default/web", Candidates = default };
        Assert.False(route.Candidates.IsDefault);
        Assert.Empty(route.Candidates);
        Assert.Equal(route, route with { Candidates = [] });
        Assert.True((route with { Candidates = default }).Candidates.IsEmpty);
        Assert.Throws<InvalidOperationException>(() => route.Choose(0.5));
    }

    [Fact]
    public void A_health_check_status_follows_its_local_endpoints_even_through_with()
    {
        var healthy = new HealthCheckResponse { NodePort = 32000, LocalEndpoints = 2 };
        Assert.Equal((200, true), (healthy.StatusCode, healthy.IsHealthy));
        var drained = healthy with { LocalEndpoints = 0 };
        Assert.Equal((503, false), (drained.StatusCode, drained.IsHealthy));
    }

    [Fact]
    public void The_message_names_the_endpoints_and_says_the_single_case_plainly()
    {
        var one = TrafficRouter.Route(Web(), [FromSpec("5R")], RemoteNode, TrafficEntry.NodePort);
        Assert.Equal(
            "default/web:http: a connection to node port 30080 on node node-b reaches 10.0.0.5:8080 (the only ready endpoint on any node) with probability 1 "
            + "(externalTrafficPolicy Cluster); the client's IP is masqueraded to the node's",
            one.Message);

        var local = TrafficRouter.Route(Web(external: TrafficPolicy.Local), [FromSpec("0STL,1R")], LocalNode, TrafficEntry.NodePort);
        Assert.Contains("reaches 10.0.0.0:8080 (the only serving and terminating endpoint on node node-a) with probability 1", local.Message, StringComparison.Ordinal);

        var v6 = new EndpointSlice("default", "web-v6", AddressType.IPv6) { Labels = Slice().Labels, Ports = Slice().Ports, Endpoints = [Ep("fd00::1")] };
        var v6Service = Web() with { Spec = Web().Spec with { ClusterIP = "fd00:10::a", ClusterIPs = ["fd00:10::a"] } };
        Assert.Contains("reaches [fd00::1]:8080 (the only ready endpoint", TrafficRouter.Route(v6Service, [v6], LocalNode, TrafficEntry.ClusterIP).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_pool_is_named_by_its_first_endpoints_and_counted_so_the_message_stays_short()
    {
        var many = Slice([.. Enumerable.Range(0, 1000).Select(i => Ep($"10.1.{i / 250}.{i % 250}"))]);
        var route = TrafficRouter.Prepare(Web(), [many]).Route(LocalNode, TrafficEntry.ClusterIP);
        Assert.Contains("reaches one of 1000 ready endpoints on any node (10.1.0.0:8080, 10.1.0.1:8080, 10.1.0.2:8080 and 997 more), each with probability 1/1000",
            route.Message, StringComparison.Ordinal);
        Assert.InRange(route.Message.Length, 1, 400);

        var four = TrafficRouter.Route(Web(), [FromSpec("0R,1R,2R,3R")], LocalNode, TrafficEntry.ClusterIP);
        Assert.Contains("(10.0.0.0:8080, 10.0.0.1:8080, 10.0.0.2:8080, 10.0.0.3:8080), each with probability 1/4", four.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Affinity_finds_an_endpoint_on_a_second_port_number_and_not_a_remote_one_under_Local_policy()
    {
        var service = Web(affinity: SessionAffinity.ClientIP, @internal: TrafficPolicy.Local);
        EndpointSlice[] slices = [Slice("web-1", 8080, Ep("10.0.0.1", LocalNode)), Slice("web-2", 9090, Ep("10.0.0.1", LocalNode), Ep("10.0.0.2"))];
        var table = TrafficRouter.Prepare(service, slices);
        var request = new TrafficRequest
        {
            NodeName = LocalNode,
            ClientIP = "192.168.1.9",
            Affinity = new AffinityRecord { Address = "10.0.0.1", Port = 9090, Age = TimeSpan.FromSeconds(5) },
        };
        Assert.Equal("10.0.0.1:9090", Assert.Single(table.Route(request).Candidates).Endpoint);
        Assert.Equal(TrafficReason.SessionAffinity, table.Route(request).Reason);

        var remote = request with { Affinity = request.Affinity with { Address = "10.0.0.2" } };
        Assert.Equal(TrafficReason.LocalEndpoints, table.Route(remote).Reason);
        Assert.Equal(TrafficReason.LocalEndpoints, TrafficRouter.Route(service, slices, remote).Reason);
    }
}
