using System.Collections.Immutable;
using k8s.Models;
using ServiceModel.Configuration;
using ServiceModel.Discovery;
using ServiceModel.Services;
using ServiceModel.Traffic;

namespace ServiceModel.KubernetesClient.Tests.Cluster;

public class ServiceClusterTests
{
    private static readonly Dictionary<string, string> MyApp = new() { ["app.kubernetes.io/name"] = "MyApp" };

    private static V1PodTemplateSpec Template(IDictionary<string, string>? labels = null, string? portName = "http", IList<V1Toleration>? tolerations = null) => new()
    {
        Metadata = new V1ObjectMeta { Labels = labels ?? MyApp },
        Spec = new V1PodSpec
        {
            Containers = [new V1Container { Name = "app", Ports = [new V1ContainerPort { Name = portName, ContainerPort = 9376 }] }],
            Tolerations = tolerations,
        },
    };

    private static V1Deployment Deployment(string name, int? replicas, string? ns = null) => new()
    {
        ApiVersion = "apps/v1",
        Kind = "Deployment",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, Labels = new Dictionary<string, string> { ["workload-only"] = "yes" } },
        Spec = new V1DeploymentSpec { Replicas = replicas, Template = Template(), Selector = new V1LabelSelector { MatchLabels = MyApp } },
    };

    private static Service NodePortService(string name, int nodePort = 0, string ns = "default") => new()
    {
        Name = name,
        Namespace = ns,
        Spec = new ServiceSpec
        {
            Type = ServiceType.NodePort,
            Selector = MyApp.ToImmutableDictionary(),
            Ports = [new ServicePort { Port = 80, TargetPort = 9376, NodePort = nodePort }],
        },
    };

    [Fact]
    public void Default_nodes_are_the_concept_notes_control_plane_and_two_workers()
    {
        var cluster = new ServiceCluster();

        Assert.Equal(["control-plane", "worker-1", "worker-2"], cluster.Nodes.Select(n => n.Name));
        Assert.True(cluster.Nodes[0].IsExcludedFromTopology);
    }

    [Fact]
    public void A_deployment_makes_its_replicas_from_the_template_spread_over_the_workers_with_per_node_pod_cidrs()
    {
        var cluster = new ServiceCluster();

        var pods = cluster.Apply(Deployment("web", 3, "shop")).Pods;

        Assert.Equal(["web-0", "web-1", "web-2"], pods.Select(p => p.Name));
        Assert.All(pods, p => Assert.Equal("shop", p.Namespace));
        Assert.All(pods, p => Assert.Equal(MyApp, p.Labels));
        Assert.All(pods, p => Assert.True(p.Ready));
        Assert.Equal(["worker-1", "worker-2", "worker-1"], pods.Select(p => p.NodeName));
        Assert.Equal(["10.244.1.2", "10.244.2.2", "10.244.1.3"], pods.Select(p => p.PodIPs.Single()));
        Assert.Equal("http", pods[0].ContainerPorts.Single().Name);
    }

    [Fact]
    public void A_node_whose_pod_cidr_block_is_used_up_leaves_further_pods_pending_without_an_address()
    {
        // A /29 per node: .0 network, .1 gateway, .7 broadcast, so .2 to .6 for pods.
        var cluster = new ServiceCluster(nodes: [new Node { Name = "only" }]) { NodePodCidrMaskSize = 29 };

        var pods = cluster.Apply(Deployment("web", 6)).Pods;

        Assert.Equal(["10.244.0.2", "10.244.0.3", "10.244.0.4", "10.244.0.5", "10.244.0.6"], pods.Take(5).Select(p => p.PodIPs.Single()));
        Assert.Equal((PodPhase.Pending, false, "only", 0), (pods[5].Phase, pods[5].Ready, pods[5].NodeName, pods[5].PodIPs.Length));
    }

    [Fact]
    public void The_pod_network_follows_the_cluster_cidr_and_node_mask_size_and_nodes_beyond_it_get_no_addresses()
    {
        var nodes = Enumerable.Range(0, 3).Select(i => new Node { Name = "n" + i });
        var cluster = new ServiceCluster(nodes: nodes) { NodePodCidrMaskSize = 21, PodCidr = "172.16.0.0/20" };

        var pods = cluster.Apply(Deployment("web", 3)).Pods;

        Assert.Equal(("172.16.0.0/20", 21), (cluster.PodCidr, cluster.NodePodCidrMaskSize));
        Assert.Equal(["172.16.0.2", "172.16.8.2"], pods.Take(2).Select(p => p.PodIPs.Single()));
        Assert.Equal(("n2", PodPhase.Pending), (pods[2].NodeName, pods[2].Phase));
        Assert.Empty(pods[2].PodIPs);
    }

    [Theory]
    [InlineData("10.244.0.1/16")]
    [InlineData("fd00::/64")]
    [InlineData("10.244.0.0")]
    [InlineData("10.244.0.0/25")]
    public void A_pod_cidr_that_is_not_an_ipv4_network_wider_than_the_node_blocks_is_refused(string cidr)
    {
        var error = Assert.Throws<ArgumentException>(() => new ServiceCluster { PodCidr = cidr });

        Assert.Contains("PodCidr", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Replicas_default_to_one_for_every_workload_kind_and_a_daemon_set_runs_on_each_eligible_node()
    {
        var cluster = new ServiceCluster();
        var meta = (string name) => new V1ObjectMeta { Name = name };

        Assert.Single(cluster.Apply(Deployment("d", null)).Pods);
        Assert.Single(cluster.Apply(new V1ReplicaSet { Metadata = meta("rs"), Spec = new V1ReplicaSetSpec { Template = Template(), Selector = new V1LabelSelector() } }).Pods);
        Assert.Single(cluster.Apply(new V1StatefulSet { Metadata = meta("ss"), Spec = new V1StatefulSetSpec { Template = Template(), Selector = new V1LabelSelector() } }).Pods);
        Assert.Single(cluster.Apply(new V1ReplicationController { Metadata = meta("rc"), Spec = new V1ReplicationControllerSpec { Template = Template() } }).Pods);
        Assert.Single(cluster.Apply(new V1Job { Metadata = meta("job"), Spec = new V1JobSpec { Template = Template() } }).Pods);
        Assert.Single(cluster.Apply(new V1CronJob { Metadata = meta("cron"), Spec = new V1CronJobSpec { Schedule = "* * * * *", JobTemplate = new V1JobTemplateSpec { Spec = new V1JobSpec { Template = Template() } } } }).Pods);

        var daemons = cluster.Apply(new V1DaemonSet { Metadata = meta("ds"), Spec = new V1DaemonSetSpec { Template = Template(), Selector = new V1LabelSelector() } }).Pods;
        Assert.Equal(["worker-1", "worker-2"], daemons.Select(p => p.NodeName));
        var tolerant = Template(tolerations: [new V1Toleration { Key = Node.ControlPlaneRoleLabel, OperatorProperty = "Exists", Effect = "NoSchedule" }]);
        var everywhere = cluster.Apply(new V1DaemonSet { Metadata = meta("ds2"), Spec = new V1DaemonSetSpec { Template = tolerant, Selector = new V1LabelSelector() } }).Pods;
        Assert.Equal(["control-plane", "worker-1", "worker-2"], everywhere.Select(p => p.NodeName));
        Assert.Equal(6 + 2 + 3, cluster.Pods.Length);
    }

    [Fact]
    public void Reapplying_a_workload_replaces_its_pods_and_other_kinds_are_ignored()
    {
        var cluster = new ServiceCluster();
        cluster.Apply(Deployment("web", 3));

        cluster.Apply(Deployment("web", 1));
        var ignored = cluster.Apply(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "cfg" } });

        Assert.Single(cluster.Pods);
        Assert.True(ignored.Ignored);
    }

    [Fact]
    public void A_pod_manifest_without_status_is_scheduled_and_started_and_one_with_status_is_kept_as_observed()
    {
        var cluster = new ServiceCluster();
        var fresh = cluster.Apply(new V1Pod { Metadata = new V1ObjectMeta { Name = "p", Labels = MyApp }, Spec = new V1PodSpec { Containers = [] } }).Pods.Single();
        var observed = cluster.Apply(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "q" },
            Spec = new V1PodSpec { NodeName = "worker-2" },
            Status = new V1PodStatus { Phase = "Pending" },
        }).Pods.Single();

        Assert.Equal((PodPhase.Running, true, "worker-1"), (fresh.Phase, fresh.Ready, fresh.NodeName));
        Assert.Equal((PodPhase.Pending, false), (observed.Phase, observed.Ready));
        Assert.Empty(observed.PodIPs);
    }

    [Fact]
    public void A_template_no_node_accepts_stays_pending_without_an_ip()
    {
        var cluster = new ServiceCluster(nodes: [new Node { Name = "cp", Labels = ImmutableDictionary<string, string>.Empty.Add(Node.ControlPlaneRoleLabel, "") }]);

        var pod = cluster.Apply(Deployment("web", 1)).Pods.Single();

        Assert.Equal((PodPhase.Pending, null), (pod.Phase, pod.NodeName));
        Assert.Empty(pod.PodIPs);
    }

    [Fact]
    public void A_requested_node_port_held_by_an_earlier_service_is_refused_on_the_second_with_the_api_servers_text_and_changes_nothing()
    {
        var cluster = new ServiceCluster();
        cluster.Apply(NodePortService("first", 30080));

        var ex = Assert.Throws<ServiceValidationException>(() => cluster.Apply(NodePortService("second", 30080)));

        Assert.Equal("spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated", ex.Errors.Single().ToString());
        Assert.Equal(["first"], cluster.Services.Select(s => s.Name));
        Assert.Equal(1, cluster.Allocator.NodePorts.Used);
    }

    [Fact]
    public void An_out_of_range_node_port_is_refused_unless_the_options_widen_the_range()
    {
        Assert.Throws<ServiceValidationException>(() => new ServiceCluster().Apply(NodePortService("my-service", 35001)));

        var wide = new ServiceCluster(new ServiceModelOptions { ServiceNodePortRange = "30000-35999", AllocatorSeed = 1 });
        var stored = wide.Apply(NodePortService("my-service", 35001)).Service!;

        Assert.Equal(35001, stored.Spec.Ports[0].NodePort);
        Assert.Equal(TrafficPolicy.Cluster, stored.Spec.ExternalTrafficPolicy);
        Assert.Same(stored, wide.GetService("default", "my-service"));
    }

    [Fact]
    public void Applying_a_stored_service_again_updates_it_and_keeps_its_cluster_ip()
    {
        var cluster = new ServiceCluster();
        var first = cluster.Apply(NodePortService("web")).Service!;

        var second = cluster.Apply(NodePortService("web") with { Spec = NodePortService("web").Spec with { Type = ServiceType.ClusterIP } }).Service!;

        Assert.Equal(first.Spec.ClusterIP, second.Spec.ClusterIP);
        Assert.Single(cluster.Services);
    }

    [Fact]
    public void Routes_from_each_node_follow_trafficDistribution_hints_for_its_zone()
    {
        var cluster = new ServiceCluster(nodes: [Node.InZone("worker-1", "zone-a", 4000), Node.InZone("worker-2", "zone-b", 4000)]);
        cluster.Apply(Deployment("web", 2));
        var service = NodePortService("web");
        cluster.Apply(service with { Spec = service.Spec with { TrafficDistribution = "PreferSameZone" } });

        var fromClusterIP = cluster.Routes("default", "web").Where(r => r.Entry == TrafficEntry.ClusterIP).ToArray();
        Assert.Equal(2, fromClusterIP.Length);
        Assert.All(fromClusterIP, r =>
        {
            Assert.Equal(TrafficReason.SameZoneEndpoints, r.Route.Reason);
            Assert.Equal(r.NodeName, Assert.Single(r.Route.Candidates).NodeName);
        });
    }

    [Fact]
    public void Selected_pods_are_the_selectors_pods_of_the_services_namespace_scheduled_or_not_and_follow_every_apply()
    {
        var cluster = new ServiceCluster(nodes: [new Node { Name = "only" }]) { NodePodCidrMaskSize = 30 };
        cluster.Apply(Deployment("web", 3));
        cluster.Apply(Deployment("elsewhere", 2, "other"));
        cluster.Apply(NodePortService("web"));

        var before = cluster.SelectedPods[cluster.GetService("default", "web")!].ToList();
        var endpoints = Assert.Single(cluster.EndpointSlicesOf("default", "web")).Endpoints;
        cluster.Apply(Deployment("web", 1));
        var after = cluster.SelectedPods[cluster.GetService("default", "web")!].ToList();

        // A /30 holds one pod address (.2): the other two replicas are scheduled without an IP, still selected.
        Assert.Equal(["web-0", "web-1", "web-2"], before.Select(p => p.Name));
        Assert.Equal([1, 0, 0], before.Select(p => p.PodIPs.Length));
        Assert.Equal(["web-0"], after.Select(p => p.Name));
        Assert.Equal("10.244.0.2", Assert.Single(endpoints).Addresses[0]);
    }

    [Fact]
    public void Endpoint_slices_and_routes_come_from_the_applied_pods_in_the_services_namespace_only()
    {
        var cluster = new ServiceCluster();
        cluster.Apply(Deployment("web", 2));
        cluster.Apply(Deployment("elsewhere", 2, "other"));
        cluster.Apply(NodePortService("web"));

        var slice = Assert.Single(cluster.EndpointSlicesOf("default", "web"));
        Assert.Equal(["10.244.1.2", "10.244.2.2"], slice.Endpoints.Select(e => e.Addresses[0]));

        var routes = cluster.Routes("default", "web");
        Assert.Equal(2 * 3, routes.Length); // ClusterIP and node port, from each of three nodes
        var fromControlPlane = routes.Single(r => r.Entry == TrafficEntry.NodePort && r.NodeName == "control-plane");
        Assert.Equal(TrafficOutcome.Routed, fromControlPlane.Route.Outcome);
        Assert.Equal([0.5, 0.5], fromControlPlane.Route.Candidates.Select(c => c.Probability));
        Assert.Throws<KeyNotFoundException>(() => cluster.Routes("default", "missing"));
    }

    [Fact]
    public void Slices_are_recomputed_after_each_apply()
    {
        var cluster = new ServiceCluster();
        cluster.Apply(NodePortService("web"));
        Assert.Empty(cluster.EndpointSlicesOf("default", "web").SelectMany(s => s.Endpoints));

        cluster.Apply(Deployment("web", 1));

        Assert.Single(cluster.EndpointSlicesOf("default", "web").SelectMany(s => s.Endpoints));
    }

    [Fact]
    public void A_default_pods_array_in_an_apply_result_reads_as_empty()
    {
        Assert.Empty(new ServiceClusterApplyResult { Pods = default }.Pods);
    }

    // docs/tool.md "ServiceCluster as a test double": the example, compiled and run.
    [Fact]
    public void Operator_unit_test_example()
    {
        // The operator under test would create this Service for a "Web" custom resource.
        var cluster = new ServiceCluster();
        cluster.Apply(new V1Deployment
        {
            Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "shop" },
            Spec = new V1DeploymentSpec
            {
                Replicas = 2,
                Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "web" } },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "web" } },
                    Spec = new V1PodSpec { Containers = [new V1Container { Name = "web", Ports = [new V1ContainerPort { Name = "http", ContainerPort = 8080 }] }] },
                },
            },
        });
        var desired = new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "shop" },
            Spec = new V1ServiceSpec
            {
                Type = "NodePort",
                ExternalTrafficPolicy = "Local",
                Selector = new Dictionary<string, string> { ["app"] = "web" },
                Ports = [new V1ServicePort { Port = 80, TargetPort = "http" }],
            },
        };

        var stored = cluster.Apply(desired).Service!;

        Assert.InRange(stored.Spec.Ports[0].NodePort, 30000, 32767);
        Assert.Equal(2, cluster.EndpointSlicesOf("shop", "web").Sum(s => s.Endpoints.Length));
        var dropped = cluster.Routes("shop", "web").Where(r => r.Entry == TrafficEntry.NodePort && !r.Route.IsRouted).Select(r => r.NodeName);
        Assert.Equal(["control-plane"], dropped); // Local policy: no web pod on the control-plane node
    }
}
