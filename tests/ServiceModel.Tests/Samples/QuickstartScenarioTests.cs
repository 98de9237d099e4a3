using System.Collections.Immutable;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using ServiceModel.Allocation;
using ServiceModel.Configuration;
using ServiceModel.Discovery;
using ServiceModel.Networking;
using ServiceModel.Services;
using ServiceModel.Traffic;

namespace ServiceModel.Tests.Samples;

/// <summary>
/// The facts samples/ServiceModel.Quickstart prints, pinned through the library: the Service
/// concept note's cluster (a control-plane node, two workers, a MyApp pod on each worker) and
/// its <c>my-service</c> (port 80 -> 9376, TCP) as a NodePort Service.
/// </summary>
public class QuickstartScenarioTests
{
    private const string ControlPlane = "control-plane";
    private static readonly string[] s_nodes = [ControlPlane, "worker-1", "worker-2"];
    private static readonly ImmutableDictionary<string, string> s_myApp =
        ImmutableDictionary<string, string>.Empty.Add("app.kubernetes.io/name", "MyApp");

    private static readonly Pod[] s_pods =
    [
        new("default", "myapp-1") { Labels = s_myApp, PodIPs = ["10.244.1.2"], NodeName = "worker-1", Ready = true },
        new("default", "myapp-2") { Labels = s_myApp, PodIPs = ["10.244.2.2"], NodeName = "worker-2", Ready = true },
    ];

    private static Service MyService(ServiceType type = ServiceType.NodePort, int nodePort = 35001, TrafficPolicy? external = null) => new()
    {
        Name = "my-service",
        Uid = "5e7a3c1d-8f2b-4a6e-9d0c-1b2a3c4d5e6f",
        Spec = new ServiceSpec
        {
            Type = type,
            Selector = s_myApp,
            Ports = [new ServicePort { Protocol = Protocol.TCP, Port = 80, TargetPort = 9376, NodePort = nodePort }],
            ExternalTrafficPolicy = external,
        },
    };

    private static ServiceAllocator ApiServer(string nodePortRange = "30000-32767")
        => new(new ClusterIPAllocator(ServiceCidr.Parse("10.96.0.0/12"), new Random(1)),
               new NodePortAllocator(PortRange.Parse(nodePortRange), new Random(1)));

    private static (Service Service, ImmutableArray<EndpointSlice> Slices) Deploy(TrafficPolicy? external = null)
    {
        var service = ApiServer("30000-35999").Create(MyService(external: external)).Service;
        return (service, EndpointSliceReconciler.Default.Compute(service, s_pods));
    }

    [Fact]
    public void AddServiceModel_with_the_walkthroughs_flags_and_seed_allocates_the_same_cluster_IP_as_allocators_built_by_hand()
    {
        using var provider = new ServiceCollection()
            .AddServiceModel(o => { o.ServiceClusterIPRange = "10.96.0.0/12"; o.AllocatorSeed = 1; })
            .BuildServiceProvider();
        var clusterIP = MyService(ServiceType.ClusterIP, nodePort: 0);

        var viaDI = provider.GetRequiredService<ServiceAllocator>().Create(clusterIP).Service.Spec.ClusterIP;
        var byHand = ApiServer().Create(clusterIP).Service.Spec.ClusterIP;

        Assert.Equal(byHand, viaDI);
        Assert.Equal(byHand, ApiServer().Create(clusterIP).Service.Spec.ClusterIP);
    }

    [Fact]
    public void Node_port_35001_is_refused_with_upstreams_message_under_the_default_range_and_nothing_is_allocated()
    {
        var apiServer = ApiServer();

        var ex = Assert.Throws<ServiceValidationException>(() => apiServer.Create(MyService()));

        Assert.Equal(
            "Service \"my-service\" is invalid: spec.ports[0].nodePort: Invalid value: 35001: provided port is not in the valid range. The range of valid ports is 30000-32767",
            ex.Message);
        Assert.Equal(0, apiServer.NodePorts.Used);
        Assert.Equal(0, apiServer.PrimaryClusterIPs.Used);
    }

    [Fact]
    public void Node_port_35001_is_refused_on_update_too_and_the_stored_cluster_IP_stays()
    {
        var apiServer = ApiServer();
        var stored = apiServer.Create(MyService(ServiceType.ClusterIP, nodePort: 0)).Service;

        var ex = Assert.Throws<ServiceValidationException>(() => apiServer.Update(stored, MyService() with { Spec = MyService().Spec with { ClusterIP = stored.Spec.ClusterIP } }));

        Assert.Equal("spec.ports[0].nodePort: Invalid value: 35001: provided port is not in the valid range. The range of valid ports is 30000-32767", Assert.Single(ex.Errors).ToString());
        Assert.Equal(0, apiServer.NodePorts.Used);
        Assert.True(apiServer.PrimaryClusterIPs.IsAllocated(IPAddress.Parse(stored.Spec.ClusterIP!)));
    }

    [Fact]
    public void Node_port_35001_is_accepted_once_the_range_is_30000_35999()
    {
        var apiServer = ApiServer("30000-35999");

        var created = apiServer.Create(MyService()).Service;

        Assert.Equal(35001, created.Spec.Ports[0].NodePort);
        Assert.True(apiServer.NodePorts.IsAllocated(35001));
        Assert.True(ServiceCidr.Parse("10.96.0.0/12").Contains(IPAddress.Parse(created.Spec.ClusterIP!)));
        Assert.Equal(TrafficPolicy.Cluster, created.Spec.ExternalTrafficPolicy);
    }

    [Fact]
    public void The_endpoint_slice_lists_both_pods_ready_with_their_nodes_and_the_target_port()
    {
        var (_, slices) = Deploy();

        var slice = Assert.Single(slices);
        Assert.Equal(AddressType.IPv4, slice.AddressType);
        Assert.StartsWith("my-service-", slice.Name, StringComparison.Ordinal);
        Assert.Equal([new EndpointPort { Name = "", Port = 9376, Protocol = Protocol.TCP }], slice.Ports.AsEnumerable());
        Assert.Equal(
            ["10.244.1.2 worker-1 True", "10.244.2.2 worker-2 True"],
            slice.Endpoints.Select(e => $"{e.Addresses[0]} {e.NodeName} {e.Conditions.Ready}"));
    }

    [Theory]
    [InlineData(ControlPlane)]
    [InlineData("worker-1")]
    [InlineData("worker-2")]
    public void Under_cluster_policy_the_node_port_on_any_node_reaches_either_pod_with_probability_one_half(string node)
    {
        var (service, slices) = Deploy();

        var route = TrafficRouter.Route(service, slices, node, TrafficEntry.NodePort);

        Assert.Equal(TrafficOutcome.Routed, route.Outcome);
        Assert.Equal(TrafficReason.ClusterEndpoints, route.Reason);
        Assert.Equal(["10.244.1.2:9376", "10.244.2.2:9376"], route.Candidates.Select(c => c.Endpoint).Order(StringComparer.Ordinal));
        Assert.All(route.Candidates, c => Assert.Equal(0.5, c.Probability));
        Assert.False(route.ClientIPPreserved);
    }

    [Theory]
    [InlineData(ControlPlane, null)]
    [InlineData("worker-1", "10.244.1.2:9376")]
    [InlineData("worker-2", "10.244.2.2:9376")]
    public void Under_local_policy_a_worker_reaches_its_own_pod_and_the_control_plane_drops(string node, string? expected)
    {
        var (service, slices) = Deploy(TrafficPolicy.Local);

        var route = TrafficRouter.Route(service, slices, node, TrafficEntry.NodePort);

        if (expected is null)
        {
            Assert.Equal(TrafficOutcome.Dropped, route.Outcome);
            Assert.Equal(TrafficReason.NoLocalEndpoints, route.Reason);
            Assert.Empty(route.Candidates);
        }
        else
        {
            Assert.Equal(TrafficOutcome.Routed, route.Outcome);
            var only = Assert.Single(route.Candidates);
            Assert.Equal(expected, only.Endpoint);
            Assert.Equal(1.0, only.Probability);
            Assert.True(route.ClientIPPreserved);
        }
    }

    [Fact]
    public void A_load_balancer_without_a_cloud_stays_pending_and_is_not_proxied_while_its_node_port_works()
    {
        var apiServer = ApiServer("30000-35999");
        var lb = apiServer.Create(MyService(ServiceType.LoadBalancer)).Service;
        var slices = EndpointSliceReconciler.Default.Compute(lb, s_pods);

        Assert.Equal(LoadBalancerState.Pending, lb.LoadBalancerState);
        Assert.True(lb.IsLoadBalancerPending);
        Assert.Equal(TrafficOutcome.NotProxied, TrafficRouter.Route(lb, slices, "worker-1", TrafficEntry.LoadBalancer).Outcome);
        Assert.All(s_nodes, node => Assert.True(TrafficRouter.Route(lb, slices, node, TrafficEntry.NodePort).IsRouted));
    }

    [Fact]
    public void The_kubectl_proxy_path_names_the_service_and_resolves_port_80()
    {
        var (service, _) = Deploy();

        Assert.Equal("/api/v1/namespaces/default/services/my-service/proxy/", ServiceProxyPath.For(service).ToString());
        Assert.Equal(80, ServiceProxyPath.For(service, "80").ResolvePort(service).Port);
    }

    // The zones section: workers 1 and 2 in zone-a, worker 3 in zone-b, a MyApp pod on each, and
    // my-service with trafficDistribution: PreferSameZone.
    [Theory]
    [InlineData("worker-1", "zone-a", "10.244.1.2:9376 p=0.5, 10.244.2.2:9376 p=0.5")]
    [InlineData("worker-2", "zone-a", "10.244.1.2:9376 p=0.5, 10.244.2.2:9376 p=0.5")]
    [InlineData("worker-3", "zone-b", "10.244.3.2:9376 p=1")]
    public void PreferSameZone_keeps_cluster_IP_traffic_in_the_clients_zone(string worker, string zone, string expected)
    {
        var nodes = NodeTopology.FromNodes([Node.InZone("worker-1", "zone-a", 4000), Node.InZone("worker-2", "zone-a", 4000), Node.InZone("worker-3", "zone-b", 4000)]);
        Pod[] pods = [.. s_pods, new("default", "myapp-3") { Labels = s_myApp, PodIPs = ["10.244.3.2"], NodeName = "worker-3", Ready = true }];
        var (stored, _) = Deploy();
        var service = stored with { Spec = stored.Spec with { TrafficDistribution = "PreferSameZone" } };
        var slices = EndpointSliceReconciler.Default.Compute(service, pods, nodes);

        Assert.Equal(
            ["10.244.1.2 zone-a", "10.244.2.2 zone-a", "10.244.3.2 zone-b"],
            slices.SelectMany(s => s.Endpoints).Select(e => $"{e.Addresses[0]} {string.Join("+", e.Hints!.ForZones)}").Order(StringComparer.Ordinal));
        var route = TrafficRouter.Prepare(service, slices).Route(new TrafficRequest { NodeName = worker, Zone = zone });
        Assert.Equal(TrafficReason.SameZoneEndpoints, route.Reason);
        Assert.Equal(expected, string.Join(", ", route.Candidates.Select(c => FormattableString.Invariant($"{c.Endpoint} p={c.Probability}"))));

        // The same worker without its zone label ignores the hints and spreads over all three pods.
        var unlabelled = TrafficRouter.Route(service, slices, new TrafficRequest { NodeName = worker });
        Assert.Equal((TrafficReason.TopologyHintsIgnored, 3), (unlabelled.Reason, unlabelled.Candidates.Length));
    }
}
