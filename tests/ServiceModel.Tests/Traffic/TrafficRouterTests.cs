using ServiceModel.Discovery;
using ServiceModel.Services;
using ServiceModel.Traffic;
using static ServiceModel.Tests.Traffic.TrafficFixtures;

namespace ServiceModel.Tests.Traffic;

public class TrafficRouterTests
{
    // Cases from kube-proxy's TestCategorizeEndpoints (pkg/proxy/topology_test.go), read through the
    // two entries: the cluster IP (internal policy) and the node port (external policy) on node-a.
    [Theory]
    [InlineData("internalTrafficPolicy: Local, but all endpoints are remote", true, false, "0R,1R", "drop", "0,1")]
    [InlineData("internalTrafficPolicy: Local, all endpoints are local", true, false, "0RL,1RL", "0,1", "0,1")]
    [InlineData("internalTrafficPolicy: Local, some endpoints are local", true, false, "0RL,1R", "0", "0,1")]
    [InlineData("Cluster traffic policy, endpoints not Ready", false, false, "0,1", "reject", "reject")]
    [InlineData("Cluster traffic policy, some endpoints are Ready", false, false, "0,1R", "1", "1")]
    [InlineData("Cluster traffic policy, all endpoints are terminating", false, false, "0STL,1ST", "0,1t", "0,1t")]
    [InlineData("iTP: Local, eTP: Cluster, some endpoints local", true, false, "0RL,1R", "0", "0,1")]
    [InlineData("iTP: Cluster, eTP: Local, some endpoints local", false, true, "0RL,1R", "0,1", "0")]
    [InlineData("iTP: Local, eTP: Local, some endpoints local", true, true, "0RL,1R", "0", "0")]
    [InlineData("iTP: Local, eTP: Local, all endpoints remote", true, true, "0R,1R", "drop", "drop")]
    [InlineData("iTP: Local, eTP: Local, all endpoints remote and terminating", true, true, "0ST,1ST", "drop", "drop")]
    [InlineData("iTP: Cluster, eTP: Local, with terminating endpoints", false, true, "0R,1L,2STL,3ST", "0", "2t")]
    public void Follows_kube_proxy_CategorizeEndpoints(string name, bool internalLocal, bool externalLocal, string endpoints, string viaClusterIP, string viaNodePort)
    {
        var service = Web(
            external: externalLocal ? TrafficPolicy.Local : TrafficPolicy.Cluster,
            @internal: internalLocal ? TrafficPolicy.Local : TrafficPolicy.Cluster);
        EndpointSlice[] slices = [FromSpec(endpoints)];
        Assert.True(viaClusterIP == Describe(TrafficRouter.Route(service, slices, LocalNode, TrafficEntry.ClusterIP)), name);
        Assert.True(viaNodePort == Describe(TrafficRouter.Route(service, slices, LocalNode, TrafficEntry.NodePort)), name);
    }

    [Fact]
    public void External_policy_is_ignored_for_the_cluster_IP()
    {
        // "externalTrafficPolicy ignored if not externally accessible"
        var route = TrafficRouter.Route(Web(external: TrafficPolicy.Local), [FromSpec("0R,1RL")], LocalNode, TrafficEntry.ClusterIP);
        Assert.Equal("0,1", Describe(route));
        Assert.Equal(TrafficReason.ClusterEndpoints, route.Reason);
    }

    [Fact]
    public void Ready_endpoints_share_the_traffic_evenly_and_the_reason_is_stated()
    {
        var route = TrafficRouter.Route(Web(), [FromSpec("0R,1R,2RL,3")], RemoteNode, TrafficEntry.NodePort);
        Assert.Equal(TrafficOutcome.Routed, route.Outcome);
        Assert.Equal(TrafficReason.ClusterEndpoints, route.Reason);
        Assert.Equal(["10.0.0.0:8080", "10.0.0.1:8080", "10.0.0.2:8080"], route.Candidates.Select(c => c.Endpoint));
        Assert.All(route.Candidates, c => Assert.Equal(1.0 / 3, c.Probability));
        Assert.False(route.ClientIPPreserved);
        Assert.Equal("default/web:http", route.ServicePortName);
        Assert.Equal(
            "default/web:http: a connection to node port 30080 on node node-b reaches one of 3 ready endpoints on any node "
            + "(10.0.0.0:8080, 10.0.0.1:8080, 10.0.0.2:8080), each with probability 1/3 "
            + "(externalTrafficPolicy Cluster); the client's IP is masqueraded to the node's",
            route.Message);
    }

    [Fact]
    public void Local_external_policy_keeps_traffic_on_the_node_and_the_client_IP()
    {
        var service = Web(external: TrafficPolicy.Local);
        var route = TrafficRouter.Route(service, [FromSpec("0R,1RL,2RL")], LocalNode, TrafficEntry.NodePort);
        Assert.Equal((TrafficOutcome.Routed, TrafficReason.LocalEndpoints, "1,2"), (route.Outcome, route.Reason, Describe(route)));
        Assert.True(route.ClientIPPreserved);
        Assert.All(route.Candidates, c => Assert.Equal(LocalNode, c.NodeName));
        Assert.Null(route.HealthCheck);

        var dropped = TrafficRouter.Route(service, [FromSpec("0R,1RL")], "node-c", TrafficEntry.NodePort);
        Assert.Equal((TrafficOutcome.Dropped, TrafficReason.NoLocalEndpoints), (dropped.Outcome, dropped.Reason));
        Assert.Empty(dropped.Candidates);
        Assert.StartsWith("default/web:http has no local endpoints on node node-c: with externalTrafficPolicy Local kube-proxy drops", dropped.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_load_balancer_health_check_counts_local_ready_endpoints_only()
    {
        var service = Web(ServiceType.LoadBalancer, external: TrafficPolicy.Local) with { Status = new ServiceStatus { LoadBalancer = new LoadBalancerStatus { Ingress = [new LoadBalancerIngress { IP = "203.0.113.7" }] } } };

        var healthy = TrafficRouter.Route(service, [FromSpec("0RL,1RL,2R")], LocalNode, TrafficEntry.LoadBalancer);
        Assert.Equal(new HealthCheckResponse { NodePort = 32000, LocalEndpoints = 2 }, healthy.HealthCheck);
        Assert.Equal(200, healthy.HealthCheck!.StatusCode);
        Assert.True(healthy.HealthCheck!.IsHealthy);

        // Only a terminating endpoint on the node: traffic that still arrives is served, but the check fails so the LB drains the node.
        var draining = TrafficRouter.Route(service, [FromSpec("0STL,2R")], LocalNode, TrafficEntry.LoadBalancer);
        Assert.Equal("0t", Describe(draining));
        Assert.Equal(new HealthCheckResponse { NodePort = 32000, LocalEndpoints = 0 }, draining.HealthCheck);
        Assert.Equal(503, draining.HealthCheck!.StatusCode);

        var none = TrafficRouter.Route(service, [FromSpec("2R")], LocalNode, TrafficEntry.LoadBalancer);
        Assert.Equal(TrafficOutcome.Dropped, none.Outcome);
        Assert.Contains("its health check node port 32000 answers 503", none.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pending_load_balancer_and_missing_entries_are_not_proxied()
    {
        EndpointSlice[] slices = [FromSpec("0R")];
        var pending = TrafficRouter.Route(Web(ServiceType.LoadBalancer), slices, LocalNode, TrafficEntry.LoadBalancer);
        Assert.Equal((TrafficOutcome.NotProxied, TrafficReason.EntryNotExposed), (pending.Outcome, pending.Reason));
        Assert.Contains("its load balancer is still Pending", pending.Message, StringComparison.Ordinal);

        Assert.Equal(
            "default/web:http: the port has no node port (type ClusterIP), so kube-proxy has no rule for a connection to a node port on node node-a",
            TrafficRouter.Route(Web(ServiceType.ClusterIP), slices, LocalNode, TrafficEntry.NodePort).Message);
        Assert.Contains("the Service lists no externalIPs", TrafficRouter.Route(Web(), slices, LocalNode, TrafficEntry.ExternalIP).Message, StringComparison.Ordinal);
        Assert.Contains("not LoadBalancer", TrafficRouter.Route(Web(), slices, LocalNode, TrafficEntry.LoadBalancer).Message, StringComparison.Ordinal);

        var headless = Web(ServiceType.ClusterIP) with { Spec = Web(ServiceType.ClusterIP).Spec with { ClusterIP = ServiceSpec.ClusterIPNone, ClusterIPs = [ServiceSpec.ClusterIPNone] } };
        Assert.Equal(TrafficOutcome.NotProxied, TrafficRouter.Route(headless, slices, LocalNode, TrafficEntry.ClusterIP).Outcome);

        var withExternalIP = Web() with { Spec = Web().Spec with { ExternalIPs = ["198.51.100.1"] } };
        Assert.Equal("0", Describe(TrafficRouter.Route(withExternalIP, slices, LocalNode, TrafficEntry.ExternalIP)));
    }

    [Fact]
    public void No_usable_endpoint_anywhere_rejects_the_connection()
    {
        var route = TrafficRouter.Route(Web(), [FromSpec("0,1S,2T")], LocalNode, TrafficEntry.ClusterIP);
        Assert.Equal((TrafficOutcome.Rejected, TrafficReason.NoEndpoints), (route.Outcome, route.Reason));
        Assert.Equal(
            "default/web:http has no endpoints: none is ready, or serving and terminating, on any node, so kube-proxy on node-a rejects a connection to the cluster IP 10.96.0.10:80 (ICMP port unreachable)",
            route.Message);
        Assert.Equal(TrafficOutcome.Rejected, TrafficRouter.Route(Web(), [], LocalNode, TrafficEntry.NodePort).Outcome);
    }

    [Fact]
    public void In_cluster_clients_of_an_external_address_are_short_circuited_to_cluster_endpoints()
    {
        var service = Web(external: TrafficPolicy.Local);
        EndpointSlice[] slices = [FromSpec("0R,1R")];
        var fromPod = TrafficRouter.Route(service, slices, new TrafficRequest { NodeName = LocalNode, Entry = TrafficEntry.NodePort, Source = TrafficSource.Pod });
        Assert.Equal((TrafficReason.InClusterSourceUsesClusterEndpoints, "0,1", true), (fromPod.Reason, Describe(fromPod), fromPod.ClientIPPreserved));
        var fromNode = TrafficRouter.Route(service, slices, new TrafficRequest { NodeName = LocalNode, Entry = TrafficEntry.NodePort, Source = TrafficSource.Node });
        Assert.Equal((TrafficReason.InClusterSourceUsesClusterEndpoints, false), (fromNode.Reason, fromNode.ClientIPPreserved));
        Assert.Contains("traffic from the node itself is short-circuited", fromNode.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ClientIP_affinity_spreads_the_first_connection_and_sticks_within_the_timeout()
    {
        var service = Web(affinity: SessionAffinity.ClientIP, timeoutSeconds: 60);
        EndpointSlice[] slices = [FromSpec("0R,1R,2R")];
        var first = TrafficRouter.Route(service, slices, LocalNode, TrafficEntry.ClusterIP, clientIP: "192.168.1.9");
        Assert.Equal((TrafficReason.ClusterEndpoints, 3, TimeSpan.FromSeconds(60)), (first.Reason, first.Candidates.Length, first.AffinityTimeout));
        Assert.EndsWith("client 192.168.1.9 then sticks to its endpoint for 60s", first.Message, StringComparison.Ordinal);

        var chosen = first.Choose(0.5);
        var request = new TrafficRequest { NodeName = LocalNode, ClientIP = "192.168.1.9", Affinity = AffinityRecord.For(chosen, TimeSpan.FromSeconds(59)) };
        var again = TrafficRouter.Route(service, slices, request);
        Assert.Equal(TrafficReason.SessionAffinity, again.Reason);
        Assert.Equal(chosen with { Probability = 1.0 }, Assert.Single(again.Candidates));

        var expired = TrafficRouter.Route(service, slices, request with { Affinity = AffinityRecord.For(chosen, TimeSpan.FromSeconds(60)) });
        Assert.Equal(3, expired.Candidates.Length);
        var gone = TrafficRouter.Route(service, [FromSpec("0R,2R")], request with { Affinity = new AffinityRecord { Address = "10.0.0.1", Port = 8080, Age = TimeSpan.Zero } });
        Assert.Equal("0,2", Describe(gone));
        var anonymous = TrafficRouter.Route(service, slices, request with { ClientIP = null });
        Assert.Equal(3, anonymous.Candidates.Length);
        Assert.Contains("no client IP was given", anonymous.Message, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(ClientIPConfig.DefaultTimeoutSeconds), TrafficRouter.Route(Web(affinity: SessionAffinity.ClientIP), slices, LocalNode, TrafficEntry.ClusterIP).AffinityTimeout);
    }

    [Fact]
    public void Slices_are_read_as_kube_proxy_reads_them()
    {
        var other = Slice("other-x", 8080, Ep("10.0.0.7")) with { Labels = Slice().Labels.SetItem(EndpointSlice.ServiceNameLabel, "other") };
        var unlabelled = Slice("web-nolabel", 8080, Ep("10.0.0.8")) with { Labels = Slice().Labels.Clear() };
        var elsewhere = Slice("web-ns", 8080, Ep("10.0.0.9")) with { Namespace = "prod" };
        var udp = Slice("web-udp", 8080, Ep("10.0.0.6")) with { Ports = [new EndpointPort { Name = "http", Port = 8080, Protocol = Protocol.UDP }] };
        var ipv6 = new EndpointSlice("default", "web-v6", AddressType.IPv6) { Labels = Slice().Labels, Ports = Slice().Ports, Endpoints = [Ep("fd00::1")] };
        var first = Slice("web-1", 8080, Ep("10.0.0.1", ready: false, serving: true, terminating: true), Ep("10.0.0.2"), new Endpoint([]));
        var second = Slice("web-2", 8080, Ep("10.0.0.1"), Ep("10.0.0.2", ready: false, serving: true, terminating: true), Ep("10.0.0.3", ready: null, serving: null, terminating: null));
        var route = TrafficRouter.Route(Web(), [other, unlabelled, elsewhere, udp, ipv6, first, second], LocalNode, TrafficEntry.ClusterIP);
        Assert.Equal(["10.0.0.1:8080", "10.0.0.2:8080", "10.0.0.3:8080"], route.Candidates.Select(c => c.Endpoint));
        Assert.All(route.Candidates, c => Assert.True(c.Ready && !c.Terminating));

        // Mid-rollout the same pod may serve two target port numbers under one port name: two endpoints.
        var rollout = TrafficRouter.Route(Web(), [Slice("web-1", 8080, Ep("10.0.0.1")), Slice("web-2", 9090, Ep("10.0.0.1"), Ep("10.0.0.2")), Slice("web-3", 9090, Ep("10.0.0.2"))], LocalNode, TrafficEntry.ClusterIP);
        Assert.Equal(["10.0.0.1:8080", "10.0.0.1:9090", "10.0.0.2:9090"], rollout.Candidates.Select(c => c.Endpoint));

        var v6Service = Web() with { Spec = Web().Spec with { ClusterIP = "fd00:10::a", ClusterIPs = ["fd00:10::a"] } };
        Assert.Equal("[fd00::1]:8080", Assert.Single(TrafficRouter.Route(v6Service, [ipv6, first], LocalNode, TrafficEntry.ClusterIP).Candidates).Endpoint);
    }

    [Fact]
    public void The_port_must_be_named_when_the_Service_has_several()
    {
        var twoPorts = Web() with { Spec = Web().Spec with { Ports = [.. Web().Spec.Ports, new ServicePort { Name = "metrics", Port = 9090 }] } };
        var error = Assert.Throws<ArgumentException>(() => TrafficRouter.Route(twoPorts, [], LocalNode, TrafficEntry.ClusterIP));
        Assert.StartsWith("service default/web has 2 ports (http, metrics): set the request's PortName to one of them", error.Message, StringComparison.Ordinal);
        var unknown = Assert.Throws<ArgumentException>(() => TrafficRouter.Route(twoPorts, [], new TrafficRequest { NodeName = LocalNode, PortName = "grpc" }));
        Assert.StartsWith("service default/web has no port named \"grpc\"; its ports are: http, metrics", unknown.Message, StringComparison.Ordinal);
        Assert.Equal("default/web:metrics", TrafficRouter.Route(twoPorts, [], new TrafficRequest { NodeName = LocalNode, PortName = "metrics" }).ServicePortName);
        Assert.Throws<ArgumentException>(() => TrafficRouter.Route(Web(), [], string.Empty, TrafficEntry.ClusterIP));
    }

    [Fact]
    public void An_unknown_port_name_of_a_megabyte_gives_a_short_message()
    {
        var twoPorts = Web() with { Spec = Web().Spec with { Ports = [.. Web().Spec.Ports, new ServicePort { Name = "metrics", Port = 9090 }] } };
        var error = Assert.Throws<ArgumentException>(() => TrafficRouter.Route(twoPorts, [], new TrafficRequest { NodeName = LocalNode, PortName = new string('p', 1_000_000) }));
        Assert.StartsWith("service default/web has no port named \"pppp", error.Message, StringComparison.Ordinal);
        Assert.InRange(error.Message.Length, 1, 2_000);
    }

    [Fact]
    public void Routes_compare_by_value_and_Choose_walks_the_probabilities()
    {
        EndpointSlice[] slices = [FromSpec("0R,1R,2R,3R")];
        var a = TrafficRouter.Route(Web(), slices, LocalNode, TrafficEntry.ClusterIP);
        var b = TrafficRouter.Route(Web(), [FromSpec("0R,1R,2R,3R")], LocalNode, TrafficEntry.ClusterIP);
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, a with { Candidates = a.Candidates.RemoveAt(0) });
        Assert.Equal(["10.0.0.0", "10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.3"], new[] { 0.0, 0.25, 0.5, 0.75, 0.999999 }.Select(u => a.Choose(u).Address));
        Assert.Throws<ArgumentOutOfRangeException>(() => a.Choose(1.0));
        Assert.Throws<InvalidOperationException>(() => TrafficRouter.Route(Web(), [], LocalNode, TrafficEntry.ClusterIP).Choose(0));
    }
}
