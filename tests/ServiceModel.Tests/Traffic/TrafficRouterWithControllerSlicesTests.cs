using System.Collections.Immutable;
using ServiceModel.Discovery;
using ServiceModel.Services;
using ServiceModel.Traffic;

namespace ServiceModel.Tests.Traffic;

public class TrafficRouterWithControllerSlicesTests
{
    // The concept note's cluster: a control-plane node and two workers, one MyApp pod per worker,
    // a NodePort Service over them; slices come from the EndpointSlice controller model.
    private static (Service Service, ImmutableArray<EndpointSlice> Slices) Cluster(TrafficPolicy external, bool secondPodTerminating = false)
    {
        var selector = ImmutableDictionary<string, string>.Empty.Add("app", "MyApp");
        var service = new Service
        {
            Name = "my-service",
            Uid = "uid-default-my-service",
            Spec = new ServiceSpec
            {
                Type = ServiceType.NodePort,
                Selector = selector,
                ClusterIP = "10.96.0.20",
                Ports = [new ServicePort { Port = 80, TargetPort = 9376, NodePort = 30007 }],
                ExternalTrafficPolicy = external,
                InternalTrafficPolicy = TrafficPolicy.Cluster,
            },
        };
        Pod MakePod(string name, string ip, string node, bool terminating) => new("default", name)
        {
            Labels = selector,
            PodIPs = [ip],
            NodeName = node,
            Ready = true,
            DeletionTimestamp = terminating ? DateTimeOffset.UnixEpoch : null,
        };
        var pods = new[] { MakePod("my-app-1", "10.244.1.2", "worker-1", false), MakePod("my-app-2", "10.244.2.2", "worker-2", secondPodTerminating) };
        return (service, EndpointSliceReconciler.Default.Compute(service, pods));
    }

    [Theory]
    [InlineData("control-plane")]
    [InlineData("worker-1")]
    [InlineData("worker-2")]
    public void A_node_port_on_any_node_reaches_either_pod_with_probability_one_half(string node)
    {
        var (service, slices) = Cluster(TrafficPolicy.Cluster);
        var route = TrafficRouter.Route(service, slices, node, TrafficEntry.NodePort);
        Assert.Equal(["10.244.1.2:9376", "10.244.2.2:9376"], route.Candidates.Select(c => c.Endpoint).Order());
        Assert.All(route.Candidates, c => Assert.Equal(0.5, c.Probability));
        Assert.Equal("default/my-service", route.ServicePortName);
    }

    [Fact]
    public void Local_policy_changes_the_answer_per_node()
    {
        var (service, slices) = Cluster(TrafficPolicy.Local);
        Assert.Equal(TrafficOutcome.Dropped, TrafficRouter.Route(service, slices, "control-plane", TrafficEntry.NodePort).Outcome);
        var worker = TrafficRouter.Route(service, slices, "worker-2", TrafficEntry.NodePort);
        Assert.Equal(("10.244.2.2:9376", 1.0), (Assert.Single(worker.Candidates).Endpoint, worker.Candidates[0].Probability));
    }

    [Fact]
    public void A_terminating_pod_leaves_the_rotation_while_a_ready_one_exists()
    {
        var (service, slices) = Cluster(TrafficPolicy.Cluster, secondPodTerminating: true);
        var route = TrafficRouter.Route(service, slices, "worker-2", TrafficEntry.NodePort);
        Assert.Equal("10.244.1.2:9376", Assert.Single(route.Candidates).Endpoint);

        var (local, localSlices) = Cluster(TrafficPolicy.Local, secondPodTerminating: true);
        var draining = TrafficRouter.Route(local, localSlices, "worker-2", TrafficEntry.NodePort);
        Assert.True(draining.UsesTerminatingEndpoints);
        Assert.Equal("10.244.2.2:9376", Assert.Single(draining.Candidates).Endpoint);
    }
}
