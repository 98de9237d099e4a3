using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using k8s.Models;
using ServiceModel.Discovery;
using ServiceModel.Services;

namespace ServiceModel.KubernetesClient.Tests.Conversions;

public class PodConversionTests
{
    private static readonly DateTime s_deleted = new(2025, 1, 2, 3, 4, 5, DateTimeKind.Utc);

    [Fact]
    public void Every_field_the_model_carries_is_converted()
    {
        var client = new V1Pod
        {
            Metadata = new V1ObjectMeta
            {
                Name = "web-1",
                NamespaceProperty = "prod",
                Uid = "uid-1",
                Labels = new Dictionary<string, string> { ["app"] = "web" },
                DeletionTimestamp = s_deleted,
            },
            Spec = new V1PodSpec
            {
                NodeName = "node-a",
                Hostname = "web-1",
                Subdomain = "web",
                HostNetwork = true,
                Containers =
                [
                    new V1Container { Name = "app", Ports = [new V1ContainerPort { Name = "http", ContainerPort = 8080 }, new V1ContainerPort { ContainerPort = 53, Protocol = "UDP" }] },
                    new V1Container { Name = "noports" },
                ],
                InitContainers =
                [
                    new V1Container { Name = "setup", Ports = [new V1ContainerPort { Name = "setup", ContainerPort = 1 }] },
                    new V1Container { Name = "proxy", RestartPolicy = "Always", Ports = [new V1ContainerPort { Name = "proxy", ContainerPort = 15001 }] },
                ],
            },
            Status = new V1PodStatus
            {
                Phase = "Running",
                PodIPs = [new V1PodIP { Ip = "10.244.1.5" }, new V1PodIP { Ip = "fd00::5" }],
                Conditions =
                [
                    new V1PodCondition { Type = "PodScheduled", Status = "True" },
                    new V1PodCondition { Type = "Ready", Status = "True", Reason = "r", Message = "m", LastTransitionTime = s_deleted },
                ],
            },
        };

        var pod = client.ToModel();

        Assert.Equal(("prod", "web-1", "uid-1"), (pod.Namespace, pod.Name, pod.Uid));
        Assert.Equal("web", pod.Labels["app"]);
        Assert.Equal(new DateTimeOffset(s_deleted), pod.DeletionTimestamp);
        Assert.True(pod.IsTerminating);
        Assert.Equal(("node-a", "web-1", "web", true), (pod.NodeName, pod.Hostname, pod.Subdomain, pod.HostNetwork));
        Assert.Equal(
            [
                new ContainerPort { Name = "http", Port = 8080, ContainerName = "app" },
                new ContainerPort { Port = 53, Protocol = Protocol.UDP, ContainerName = "app" },
                new ContainerPort { Name = "proxy", Port = 15001, ContainerName = "proxy", IsSidecar = true },
            ],
            pod.ContainerPorts.AsEnumerable());
        Assert.Equal(["10.244.1.5", "fd00::5"], pod.PodIPs.AsEnumerable());
        Assert.Equal(PodPhase.Running, pod.Phase);
        Assert.True(pod.Ready);
        Assert.Equal(["PodScheduled", "Ready"], pod.Conditions.Select(c => c.Type));
        Assert.Equal(("r", "m", new DateTimeOffset(s_deleted)), (pod.Conditions[1].Reason, pod.Conditions[1].Message, pod.Conditions[1].LastTransitionTime!.Value));
    }

    [Fact]
    public void A_manifest_pod_without_status_is_pending_unready_in_the_default_namespace()
    {
        var pod = new V1Pod { Metadata = new V1ObjectMeta { Name = "p" } }.ToModel();

        Assert.Equal(("default", PodPhase.Pending, false), (pod.Namespace, pod.Phase, pod.Ready));
        Assert.Empty(pod.PodIPs);
        Assert.Empty(pod.ContainerPorts.AsEnumerable());
        Assert.Null(pod.DeletionTimestamp);
    }

    [Fact]
    public void The_single_pod_ip_of_older_objects_is_read_when_the_list_is_absent()
        => Assert.Equal(["10.1.2.3"], new V1Pod { Metadata = new() { Name = "p" }, Status = new() { PodIP = "10.1.2.3" } }.ToModel().PodIPs.AsEnumerable());

    [Fact]
    public void Bad_pods_name_the_pod_and_the_field()
    {
        var missing = Assert.Throws<ArgumentException>(() => new V1Pod { Metadata = new V1ObjectMeta { NamespaceProperty = "prod" } }.ToModel());
        Assert.Equal("Pod: metadata.name: Required value", missing.Message);

        var phase = Assert.Throws<FormatException>(() => new V1Pod { Metadata = new() { Name = "p" }, Status = new() { Phase = "running" } }.ToModel());
        Assert.Equal("Pod default/p: status.phase: Unsupported value: \"running\": supported values: \"Failed\", \"Pending\", \"Running\", \"Succeeded\", \"Unknown\"", phase.Message);

        // Pod IP text is kept as written, address or not, as KubernetesJson keeps it.
        Assert.Equal(["not-an-ip"], new V1Pod { Metadata = new() { Name = "p" }, Status = new() { PodIPs = [new() { Ip = "not-an-ip" }] } }.ToModel().PodIPs.ToArray());

        var protocol = Assert.Throws<FormatException>(() => new V1Pod
        {
            Metadata = new() { Name = "p" },
            Spec = new() { Containers = [new() { Name = "c", Ports = [new() { ContainerPort = 1, Protocol = "tcp" }] }] },
        }.ToModel());
        Assert.StartsWith("Pod default/p: spec.containers[0].ports[0].protocol: Unsupported value: \"tcp\"", protocol.Message, StringComparison.Ordinal);

        var condition = Assert.Throws<ArgumentException>(() => new V1Pod { Metadata = new() { Name = "p" }, Status = new() { Conditions = [new() { Type = "Ready" }] } }.ToModel());
        Assert.Equal("Pod default/p: status.conditions[0].status: Required value", condition.Message);
    }

    // podToEndpoint (k8s.io/endpointslice, v1.35): serving = the Ready condition is True; terminating =
    // deletionTimestamp set; ready = publishNotReadyAddresses || (serving && !terminating). The slice
    // controller keeps terminating pods and drops terminal ones and those without an IP.
    [Property(MaxTest = 300)]
    public Property Converted_pods_get_the_endpoint_conditions_the_EndpointSlice_controller_writes()
    {
        var cases =
            from readyStatus in Gen.Elements<string?>(null, "True", "False", "Unknown")
            from deleted in Gen.Elements(false, true)
            from phase in Gen.Elements<string?>(null, "Pending", "Running", "Succeeded", "Failed", "Unknown")
            from hasIP in Gen.Elements(true, true, false)
            from publish in Gen.Elements(false, true)
            select (readyStatus, deleted, phase, hasIP, publish);
        return Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var client = new V1Pod
            {
                Metadata = new V1ObjectMeta
                {
                    Name = "web-1",
                    Labels = new Dictionary<string, string> { ["app"] = "web" },
                    DeletionTimestamp = c.deleted ? s_deleted : null,
                },
                Spec = new V1PodSpec { NodeName = "node-a" },
                Status = new V1PodStatus
                {
                    Phase = c.phase,
                    PodIPs = c.hasIP ? [new V1PodIP { Ip = "10.244.1.5" }] : null,
                    Conditions = c.readyStatus is null ? null : [new V1PodCondition { Type = "ContainersReady", Status = "True" }, new V1PodCondition { Type = "Ready", Status = c.readyStatus }],
                },
            };
            var service = new Service
            {
                Name = "web",
                Uid = "uid-default-web",
                Spec = new ServiceSpec
                {
                    Selector = ImmutableDictionary<string, string>.Empty.Add("app", "web"),
                    Ports = [new ServicePort { Port = 80 }],
                    ClusterIP = "10.96.0.10",
                    ClusterIPs = ["10.96.0.10"],
                    IPFamilies = [Networking.IPFamily.IPv4],
                    PublishNotReadyAddresses = c.publish,
                },
            };

            var endpoints = EndpointSliceReconciler.Default.Compute(service, [client.ToModel()]).SelectMany(s => s.Endpoints).ToList();

            var terminal = c.phase is "Succeeded" or "Failed";
            if (terminal || !c.hasIP)
            {
                return endpoints.Count == 0;
            }

            var serving = c.readyStatus == "True";
            var expected = new EndpointConditions { Ready = c.publish || (serving && !c.deleted), Serving = serving, Terminating = c.deleted };
            return endpoints.Count == 1 && endpoints[0].Conditions == expected;
        });
    }
}
