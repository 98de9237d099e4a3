using System.Collections.Immutable;
using k8s.Models;
using ServiceModel.Discovery;
using ServiceModel.Services;

namespace ServiceModel.KubernetesClient.Tests.Cluster;

// Re-applying and deleting objects gives back what they held: pod addresses of the nodes' blocks,
// ClusterIPs and node ports of the API server's allocators.
public class ServiceClusterLifecycleTests
{
    private static readonly Dictionary<string, string> App = new() { ["app"] = "web" };

    private static V1Deployment Deployment(string name, int replicas) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1DeploymentSpec
        {
            Replicas = replicas,
            Selector = new V1LabelSelector { MatchLabels = App },
            Template = new V1PodTemplateSpec { Metadata = new V1ObjectMeta { Labels = App }, Spec = new V1PodSpec { Containers = [new V1Container { Name = "app" }] } },
        },
    };

    private static V1Pod Pod(string name, string? nodeName = null)
        => new() { Metadata = new V1ObjectMeta { Name = name, Labels = App }, Spec = new V1PodSpec { Containers = [], NodeName = nodeName } };

    private static Service NodePort(string name, ServiceType type = ServiceType.NodePort) => new()
    {
        Name = name,
        Namespace = "default",
        Spec = new ServiceSpec { Type = type, Selector = App.ToImmutableDictionary(), Ports = [new ServicePort { Name = "http", Port = 80, TargetPort = 8080 }] },
    };

    // A /29 per node: .2 to .6 for pods.
    private static ServiceCluster OneNode() => new(nodes: [new Node { Name = "only" }]) { NodePodCidrMaskSize = 29 };

    private static string[] Addresses(IEnumerable<Pod> pods) => [.. pods.Select(p => p.PodIPs.IsEmpty ? "-" : p.PodIPs[0])];

    [Fact]
    public void Reapplying_a_workload_keeps_its_pods_addresses_so_repeated_applies_never_exhaust_the_nodes_block()
    {
        var cluster = OneNode();
        var first = Addresses(cluster.Apply(Deployment("web", 5)).Pods);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(first, Addresses(cluster.Apply(Deployment("web", 5)).Pods));
        }

        Assert.Equal(["10.244.0.2", "10.244.0.3", "10.244.0.4", "10.244.0.5", "10.244.0.6"], first);
        Assert.All(cluster.Pods, p => Assert.Equal(PodPhase.Running, p.Phase));
        Assert.Equal(first, cluster.HeldPodAddresses().ToArray());
    }

    [Fact]
    public void Reapplying_the_same_pod_keeps_its_node_and_address()
    {
        var cluster = new ServiceCluster(nodes: [new Node { Name = "only" }]) { NodePodCidrMaskSize = 30 };

        var first = cluster.Apply(Pod("p")).Pods.Single();
        var again = cluster.Apply(Pod("p")).Pods.Single();

        Assert.Equal(("only", "10.244.0.2"), (first.NodeName, first.PodIPs.Single()));
        Assert.Equal(first, again);
        Assert.Single(cluster.Pods);
    }

    [Fact]
    public void A_pod_moved_to_another_node_frees_its_old_address_there()
    {
        var cluster = new ServiceCluster(nodes: [new Node { Name = "a" }, new Node { Name = "b" }]) { NodePodCidrMaskSize = 30 };
        cluster.Apply(Pod("p", "a"));

        var moved = cluster.Apply(Pod("p", "b")).Pods.Single();
        var other = cluster.Apply(Pod("q", "a")).Pods.Single();

        // /30 blocks: node a has 10.244.0.0/30 (one pod address, .2), node b 10.244.0.4/30 (.6).
        Assert.Equal("10.244.0.6", moved.PodIPs.Single());
        Assert.Equal("10.244.0.2", other.PodIPs.Single());
        Assert.Equal(["10.244.0.2", "10.244.0.6"], cluster.HeldPodAddresses().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Scaling_down_frees_the_dropped_replicas_and_new_pods_take_the_next_free_addresses_round_robin_as_host_local_does()
    {
        var cluster = OneNode();
        cluster.Apply(Deployment("a", 3));

        var scaled = Addresses(cluster.Apply(Deployment("a", 1)).Pods);
        var b = Addresses(cluster.Apply(Deployment("b", 2)).Pods);
        var c = Addresses(cluster.Apply(Deployment("c", 3)).Pods);

        Assert.Equal(["10.244.0.2"], scaled);
        Assert.Equal(["10.244.0.5", "10.244.0.6"], b); // after the last handed out (.4), not the freed .3
        Assert.Equal(["10.244.0.3", "10.244.0.4", "-"], c); // wrapped round to the freed ones; then the block is full
        Assert.Equal(PodPhase.Pending, cluster.Pods[^1].Phase);
    }

    [Fact]
    public void A_pod_that_found_its_block_full_gets_an_address_when_reapplied_after_others_left()
    {
        var cluster = new ServiceCluster(nodes: [new Node { Name = "only" }]) { NodePodCidrMaskSize = 30 };
        cluster.Apply(Pod("p"));
        Assert.Empty(cluster.Apply(Pod("q")).Pods.Single().PodIPs);

        Assert.True(cluster.Delete(Pod("p")));
        var q = cluster.Apply(Pod("q")).Pods.Single();

        Assert.Equal((PodPhase.Running, "10.244.0.2"), (q.Phase, q.PodIPs.Single()));
    }

    private static V1Pod Observed(string name, string? nodeName, params string[] podIPs)
    {
        var pod = Pod(name, nodeName);
        pod.Status = new V1PodStatus
        {
            Phase = podIPs.Length == 0 ? "Pending" : "Running",
            PodIPs = podIPs.Length == 0 ? null : [.. podIPs.Select(ip => new V1PodIP { Ip = ip })],
            PodIP = podIPs.FirstOrDefault(),
        };
        return pod;
    }

    [Fact]
    public void A_pod_applied_with_its_status_gives_back_the_address_its_earlier_apply_held()
    {
        var cluster = new ServiceCluster(nodes: [new Node { Name = "only" }]) { NodePodCidrMaskSize = 30 };
        cluster.Apply(Pod("p"));

        cluster.Apply(Observed("p", "only"));

        Assert.Empty(cluster.HeldPodAddresses());
        Assert.Equal("10.244.0.2", cluster.Apply(Pod("q")).Pods.Single().PodIPs.Single());
    }

    [Fact]
    public void A_pod_observed_with_an_address_of_its_nodes_block_holds_it_so_synthetic_pods_get_others()
    {
        var cluster = OneNode();
        cluster.Apply(Observed("seen", "only", "10.244.0.3"));
        cluster.Apply(Observed("elsewhere", "only", "192.168.7.7")); // outside the block: nothing to hold
        cluster.Apply(Observed("seen", "only", "10.244.0.3")); // again: still held once

        var pods = Addresses(cluster.Apply(Deployment("web", 5)).Pods);

        Assert.Equal(["10.244.0.2", "10.244.0.4", "10.244.0.5", "10.244.0.6", "-"], pods);
        Assert.Equal(["10.244.0.2", "10.244.0.3", "10.244.0.4", "10.244.0.5", "10.244.0.6"], cluster.HeldPodAddresses().Order(StringComparer.Ordinal));
        Assert.True(cluster.Delete(Observed("seen", null)));
        Assert.DoesNotContain("10.244.0.3", cluster.HeldPodAddresses());
    }

    [Fact]
    public void Deleting_a_workload_or_a_pod_removes_its_pods_and_frees_their_addresses()
    {
        var cluster = OneNode();
        cluster.Apply(Deployment("web", 5));
        cluster.Apply(NodePort("web"));
        Assert.Equal(5, cluster.EndpointSlicesOf("default", "web").Sum(s => s.Endpoints.Length));

        Assert.True(cluster.Delete(Deployment("web", 0)));

        Assert.Empty(cluster.Pods);
        Assert.Empty(cluster.HeldPodAddresses());
        Assert.Empty(cluster.EndpointSlicesOf("default", "web").SelectMany(s => s.Endpoints));
        Assert.Equal(5, cluster.Apply(Deployment("other", 5)).Pods.Count(p => p.PodIPs.Length == 1));
        Assert.False(cluster.Delete(Deployment("web", 0)));
        Assert.False(cluster.Delete(new V1StatefulSet { Metadata = new V1ObjectMeta { Name = "other" } })); // another kind's object
        Assert.False(cluster.Delete(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "cfg" } }));
    }

    [Fact]
    public void Deleting_a_service_gives_its_cluster_ip_and_node_ports_back_to_the_allocators()
    {
        var cluster = new ServiceCluster();
        var stored = cluster.Apply(NodePort("web")).Service!;
        Assert.Equal((1L, 1), (cluster.Allocator.PrimaryClusterIPs.Used, cluster.Allocator.NodePorts.Used));

        Assert.True(cluster.Delete(stored.ToV1()));

        Assert.Equal((0L, 0), (cluster.Allocator.PrimaryClusterIPs.Used, cluster.Allocator.NodePorts.Used));
        Assert.Null(cluster.GetService("default", "web"));
        Assert.Empty(cluster.Services);
        Assert.Throws<KeyNotFoundException>(() => cluster.EndpointSlicesOf("default", "web"));
        Assert.False(cluster.Delete(stored));
        var again = cluster.Apply(NodePort("web") with { Spec = NodePort("web").Spec with { Ports = [stored.Spec.Ports[0]], ClusterIP = stored.Spec.ClusterIP } }).Service!;
        Assert.Equal((stored.Spec.ClusterIP, stored.Spec.Ports[0].NodePort), (again.Spec.ClusterIP, again.Spec.Ports[0].NodePort));
    }

    [Fact]
    public void Reapplying_a_service_keeps_its_cluster_ip_and_node_ports_like_an_update_and_a_type_change_releases_what_the_new_type_drops()
    {
        var cluster = new ServiceCluster();
        var first = cluster.Apply(NodePort("web", ServiceType.LoadBalancer) with { Spec = NodePort("web").Spec with { Type = ServiceType.LoadBalancer, ExternalTrafficPolicy = TrafficPolicy.Local } }).Service!;
        Assert.Equal((1L, 2), (cluster.Allocator.PrimaryClusterIPs.Used, cluster.Allocator.NodePorts.Used)); // node port + health-check node port

        var again = cluster.Apply(NodePort("web", ServiceType.LoadBalancer) with { Spec = NodePort("web").Spec with { Type = ServiceType.LoadBalancer, ExternalTrafficPolicy = TrafficPolicy.Local } }).Service!;
        var clusterIPOnly = cluster.Apply(NodePort("web", ServiceType.ClusterIP)).Service!;

        Assert.Equal((first.Spec.ClusterIP, first.Spec.Ports[0].NodePort, first.Spec.HealthCheckNodePort), (again.Spec.ClusterIP, again.Spec.Ports[0].NodePort, again.Spec.HealthCheckNodePort));
        Assert.Equal(first.Spec.ClusterIP, clusterIPOnly.Spec.ClusterIP);
        Assert.Equal((1L, 0), (cluster.Allocator.PrimaryClusterIPs.Used, cluster.Allocator.NodePorts.Used));
    }
}
