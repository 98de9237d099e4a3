using System.Collections.Immutable;
using System.Text;
using ServiceModel.Discovery;
using ServiceModel.Networking;
using ServiceModel.Serialization;
using ServiceModel.Services;

namespace ServiceModel.Tests.Serialization;

public class KubernetesJsonGoldenTests
{
    private static readonly ImmutableDictionary<string, string> NoLabels = ImmutableDictionary<string, string>.Empty;

    private static DateTimeOffset At(string text) => DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    private static readonly string[] s_serviceFiles =
        ["service-clusterip.json", "service-nodeport.json", "service-loadbalancer.json", "service-headless.json", "service-externalname.json"];

    public static TheoryData<string> ServiceFiles() => new(s_serviceFiles);

    [Theory]
    [MemberData(nameof(ServiceFiles))]
    public void A_service_from_the_API_is_written_back_exactly_in_the_API_order(string file)
    {
        var json = Golden.Text(file);
        var service = KubernetesJson.Deserialize<Service>(json);
        Golden.AssertSameJson(json, KubernetesJson.Serialize(service));
        Assert.Equal(service, KubernetesJson.Deserialize<Service>(Golden.Bytes(file)));
    }

    [Fact]
    public void ClusterIP_service_reads_into_the_model()
    {
        var service = KubernetesJson.Deserialize<Service>(Golden.Text("service-clusterip.json"));
        var expected = new Service
        {
            Name = "my-service",
            Namespace = "default",
            Uid = "8e1c2c52-4b7a-4f0e-9d55-0c8e0ad3b6a1",
            ResourceVersion = "1093",
            CreationTimestamp = At("2025-06-01T10:00:00Z"),
            Labels = NoLabels.Add("app.kubernetes.io/name", "MyApp"),
            Annotations = NoLabels.Add("kubectl.kubernetes.io/last-applied-configuration", service.Annotations["kubectl.kubernetes.io/last-applied-configuration"]),
            Spec = new ServiceSpec
            {
                Ports = [new ServicePort { Protocol = Protocol.TCP, Port = 80, TargetPort = 9376 }],
                Selector = NoLabels.Add("app.kubernetes.io/name", "MyApp"),
                ClusterIP = "10.96.0.15",
                ClusterIPs = ["10.96.0.15"],
                Type = ServiceType.ClusterIP,
                SessionAffinity = SessionAffinity.None,
                IPFamilies = [IPFamily.IPv4],
                IPFamilyPolicy = IPFamilyPolicy.SingleStack,
                InternalTrafficPolicy = TrafficPolicy.Cluster,
            },
        };
        Assert.Equal(expected, service);
        Assert.StartsWith("{\"apiVersion\":\"v1\"", service.Annotations["kubectl.kubernetes.io/last-applied-configuration"], StringComparison.Ordinal);
    }

    [Fact]
    public void NodePort_service_reads_named_target_ports_affinity_and_dual_stack()
    {
        var spec = KubernetesJson.Deserialize<Service>(Golden.Text("service-nodeport.json")).Spec;
        Assert.Equal(ServiceType.NodePort, spec.Type);
        Assert.Equal(new ServicePort { Name = "http", AppProtocol = "http", Port = 80, TargetPort = "http-web", NodePort = 30007 }, spec.Ports[0]);
        Assert.Equal(PortNumberOrName.FromInt32(9090), spec.Ports[1].TargetPort);
        Assert.Equal(["10.96.12.7", "fd00:10:96::c07"], spec.ClusterIPs.AsEnumerable());
        Assert.Equal([IPFamily.IPv4, IPFamily.IPv6], spec.IPFamilies.AsEnumerable());
        Assert.Equal(IPFamilyPolicy.PreferDualStack, spec.IPFamilyPolicy);
        Assert.Equal(TrafficPolicy.Local, spec.ExternalTrafficPolicy);
        Assert.Equal(10800, spec.SessionAffinityConfig?.ClientIP?.TimeoutSeconds);
        Assert.Equal("PreferClose", spec.TrafficDistribution);
    }

    [Fact]
    public void LoadBalancer_service_reads_its_status_with_ip_modes()
    {
        var service = KubernetesJson.Deserialize<Service>(Golden.Text("service-loadbalancer.json"));
        Assert.Equal(
            [new LoadBalancerIngress { IP = "192.0.2.127", IPMode = "VIP" }, new LoadBalancerIngress { Hostname = "k8s-default-example-0123456789.elb.us-west-2.amazonaws.com", IPMode = "Proxy" }],
            service.Status.LoadBalancer.Ingress.AsEnumerable());
        Assert.Equal(LoadBalancerState.Provisioned, service.LoadBalancerState);
        Assert.Equal(31956, service.Spec.HealthCheckNodePort);
        Assert.Equal(true, service.Spec.AllocateLoadBalancerNodePorts);
        Assert.Equal("service.k8s.aws/nlb", service.Spec.LoadBalancerClass);
        Assert.Equal(["130.211.204.1/32", "130.211.204.2/32"], service.Spec.LoadBalancerSourceRanges.AsEnumerable());
        Assert.Equal("nlb", service.Annotations["service.beta.kubernetes.io/aws-load-balancer-type"]);
    }

    [Fact]
    public void Headless_and_ExternalName_services_read_into_the_model()
    {
        var headless = KubernetesJson.Deserialize<Service>(Golden.Text("service-headless.json"));
        Assert.True(headless.Spec.IsHeadless);
        Assert.True(headless.Spec.PublishNotReadyAddresses);

        var external = KubernetesJson.Deserialize<Service>(Golden.Text("service-externalname.json"));
        Assert.Equal(ServiceType.ExternalName, external.Spec.Type);
        Assert.Equal("my.database.example.com", external.Spec.ExternalName);
        Assert.True(external.Spec.Ports.IsEmpty);
        Assert.Null(external.Spec.ClusterIP);
        Assert.Equal(At("2025-06-05T01:02:03Z"), external.DeletionTimestamp);
        Assert.Equal("prod", external.Namespace);
    }

    [Fact]
    public void Pod_reads_conditions_ports_and_sidecars_and_writes_a_subset_of_the_API_object()
    {
        var json = Golden.Text("pod.json");
        var pod = KubernetesJson.Deserialize<Pod>(json);
        Assert.Equal("shop", pod.Namespace);
        Assert.Equal("web-7d9c5b6f4-x2x8k", pod.Name);
        Assert.Equal("e2b7c1d4-3a5f-4e6b-8c9d-0a1b2c3d4e5f", pod.Uid);
        Assert.Equal(PodPhase.Running, pod.Phase);
        Assert.True(pod.Ready);
        Assert.Equal(5, pod.Conditions.Length);
        Assert.Equal(new PodCondition { Type = "Ready", Status = "True", LastTransitionTime = At("2025-06-01T10:06:09Z") }, pod.Conditions[2]);
        Assert.Equal(["10.244.1.17", "fd00:10:244:1::11"], pod.PodIPs.AsEnumerable());
        Assert.Equal("node-a", pod.NodeName);
        Assert.Equal("web-0", pod.Hostname);
        Assert.Equal("nginx", pod.Subdomain);
        Assert.False(pod.HostNetwork);

        // Regular containers first, then sidecars; a plain init container serves nothing.
        Assert.Equal(
            [
                new ContainerPort { Name = "http-web", Port = 8080, Protocol = Protocol.TCP, ContainerName = "web" },
                new ContainerPort { Name = null, Port = 9090, Protocol = Protocol.TCP, ContainerName = "web" },
                new ContainerPort { Name = "dns", Port = 5353, Protocol = Protocol.UDP, ContainerName = "web" },
                new ContainerPort { Name = "envoy-admin", Port = 9901, Protocol = Protocol.TCP, ContainerName = "proxy", IsSidecar = true },
            ],
            pod.ContainerPorts.AsEnumerable());

        var written = KubernetesJson.Serialize(pod);
        Golden.AssertSubset(StripContainers(json), StripContainers(written));
        Assert.Equal(pod, KubernetesJson.Deserialize<Pod>(written));
    }

    [Fact]
    public void A_multi_container_pod_keeps_its_containers_and_sidecar_through_a_round_trip()
    {
        var json = Golden.Text("pod-multicontainer.json");
        var pod = KubernetesJson.Deserialize<Pod>(json);

        Assert.Equal(
            [
                ("checkout", false, "http", 8080, Protocol.TCP),
                ("checkout", false, "grpc", 9000, Protocol.TCP),
                ("metrics-exporter", false, "metrics", 9102, Protocol.TCP),
                ("metrics-exporter", false, "statsd", 9125, Protocol.UDP),
                ("mesh-proxy", true, "mesh-inbound", 15006, Protocol.TCP),
                ("mesh-proxy", true, "mesh-admin", 15000, Protocol.TCP),
            ],
            pod.ContainerPorts.Select(p => (p.ContainerName, p.IsSidecar, p.Name, p.Port, p.Protocol)));

        // Containers included: every container here has ports, so the written Pod is a subset of the API's.
        var written = KubernetesJson.Serialize(pod);
        Golden.AssertSubset(json, written);
        Assert.Equal(pod, KubernetesJson.Deserialize<Pod>(written));

        // Read-modify-write: a changed port stays in its container.
        var changed = pod with { ContainerPorts = pod.ContainerPorts.SetItem(2, pod.ContainerPorts[2] with { Port = 9103 }) };
        var containers = System.Text.Json.Nodes.JsonNode.Parse(KubernetesJson.Serialize(changed))!["spec"]!["containers"]!.AsArray();
        Assert.Equal(["checkout", "metrics-exporter"], containers.Select(c => (string)c!["name"]!));
        Assert.Equal(9103, (int)containers[1]!["ports"]![0]!["containerPort"]!);
    }

    [Fact]
    public void A_container_whose_ports_come_before_its_name_still_names_them()
    {
        var pod = KubernetesJson.Deserialize<Pod>(
            """{"metadata":{"name":"p"},"spec":{"containers":[{"ports":[{"containerPort":80}],"name":"web"},{"name":"side","ports":[{"containerPort":81}]}]}}""");

        Assert.Equal([("web", 80), ("side", 81)], pod.ContainerPorts.Select(p => (p.ContainerName, p.Port)));
    }

    [Fact]
    public void EndpointSlice_reads_conditions_and_hints_and_writes_a_subset_of_the_API_object()
    {
        var json = Golden.Text("endpointslice.json");
        var slice = KubernetesJson.Deserialize<EndpointSlice>(json);
        Assert.Equal("example-abc", slice.Name);
        Assert.Equal("example-", slice.GenerateName);
        Assert.Equal(AddressType.IPv4, slice.AddressType);
        Assert.Equal("example", slice.Labels[EndpointSlice.ServiceNameLabel]);
        var owner = Assert.Single(slice.OwnerReferences);
        Assert.Equal(("v1", "Service", "example", true), (owner.ApiVersion, owner.Kind, owner.Name, owner.Controller));
        Assert.Equal(2, slice.Endpoints.Length);
        var first = slice.Endpoints[0];
        Assert.Equal(["10.1.2.3"], first.Addresses.AsEnumerable());
        Assert.Equal(new EndpointConditions { Ready = true, Serving = true, Terminating = false }, first.Conditions);
        Assert.Equal("pod-1", first.Hostname);
        Assert.Equal(("Pod", "default", "pod-1"), (first.TargetRef!.Kind, first.TargetRef.Namespace, first.TargetRef.Name));
        Assert.Equal("us-west2-a", first.Zone);
        Assert.Equal(["us-west2-a"], first.Hints!.ForZones.AsEnumerable());
        Assert.Equal(["node-2"], slice.Endpoints[1].Hints!.ForNodes.AsEnumerable());
        Assert.Equal(new EndpointConditions { Ready = false, Serving = true, Terminating = true }, slice.Endpoints[1].Conditions);
        Assert.Equal(new EndpointPort { Name = "http", Port = 80, Protocol = Protocol.TCP, AppProtocol = "http" }, Assert.Single(slice.Ports));

        var written = KubernetesJson.Serialize(slice);
        Golden.AssertSubset(json, written);
        Assert.Equal(slice, KubernetesJson.Deserialize<EndpointSlice>(written));
    }

    [Fact]
    public void Legacy_Endpoints_reads_ready_and_not_ready_addresses_and_writes_a_subset_of_the_API_object()
    {
        var json = Golden.Text("endpoints.json");
        var endpoints = KubernetesJson.Deserialize<Endpoints>(json);
        Assert.Equal(("default", "my-service"), (endpoints.Namespace, endpoints.Name));
        Assert.Equal(Endpoints.ControllerName, endpoints.Labels[Endpoints.ManagedByLabel]);
        var subset = Assert.Single(endpoints.Subsets);
        var ready = Assert.Single(subset.Addresses);
        Assert.Equal(("10.244.1.17", "node-a", "web-1"), (ready.IP, ready.NodeName, ready.TargetRef!.Name));
        var notReady = Assert.Single(subset.NotReadyAddresses);
        Assert.Equal(("10.244.2.9", "web-2"), (notReady.IP, notReady.Hostname));
        Assert.Equal(new EndpointPort { Name = "", Port = 9376, Protocol = Protocol.TCP }, Assert.Single(subset.Ports));

        var written = KubernetesJson.Serialize(endpoints);
        Golden.AssertSubset(json, written);
        Assert.Equal(endpoints, KubernetesJson.Deserialize<Endpoints>(written));
    }

    [Fact]
    public void Service_list_reads_a_kubectl_List_and_an_API_ServiceList_and_writes_a_ServiceList()
    {
        var services = s_serviceFiles.Select(file => KubernetesJson.Deserialize<Service>(Golden.Text(file))).ToImmutableArray();
        var items = string.Join(",", s_serviceFiles.Select(Golden.Text));
        var kubectl = "{\"apiVersion\":\"v1\",\"kind\":\"List\",\"metadata\":{\"resourceVersion\":\"\"},\"items\":[" + items + "]}";
        Assert.Equal(services.AsEnumerable(), KubernetesJson.DeserializeList<Service>(kubectl).AsEnumerable());

        // The API server leaves apiVersion and kind out of a typed list's items.
        var bare = services.Select(s => KubernetesJson.Serialize(s).Replace("\"apiVersion\":\"v1\",\"kind\":\"Service\",", "", StringComparison.Ordinal));
        var api = "{\"kind\":\"ServiceList\",\"apiVersion\":\"v1\",\"metadata\":{\"resourceVersion\":\"9\"},\"items\":[" + string.Join(",", bare) + "]}";
        Assert.Equal(services.AsEnumerable(), KubernetesJson.DeserializeList<Service>(Encoding.UTF8.GetBytes(api)).AsEnumerable());

        var written = KubernetesJson.SerializeList(services);
        Assert.StartsWith("{\"apiVersion\":\"v1\",\"kind\":\"ServiceList\",\"metadata\":{},\"items\":[", written, StringComparison.Ordinal);
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(written));
        Assert.Equal(services.AsEnumerable(), KubernetesJson.DeserializeList<Service>(stream).AsEnumerable());
    }

    [Fact]
    public void Lists_of_every_kind_round_trip_and_name_their_kind()
    {
        var pod = KubernetesJson.Deserialize<Pod>(Golden.Text("pod.json"));
        var slice = KubernetesJson.Deserialize<EndpointSlice>(Golden.Text("endpointslice.json"));
        var endpoints = KubernetesJson.Deserialize<Endpoints>(Golden.Text("endpoints.json"));
        Assert.Contains("\"kind\":\"PodList\"", KubernetesJson.SerializeList([pod]), StringComparison.Ordinal);
        Assert.Equal([pod, pod], KubernetesJson.DeserializeList<Pod>(KubernetesJson.SerializeList([pod, pod])).AsEnumerable());
        var sliceList = KubernetesJson.SerializeList([slice]);
        Assert.StartsWith("{\"apiVersion\":\"discovery.k8s.io/v1\",\"kind\":\"EndpointSliceList\"", sliceList, StringComparison.Ordinal);
        Assert.Equal([slice], KubernetesJson.DeserializeList<EndpointSlice>(sliceList).AsEnumerable());
        Assert.Contains("\"kind\":\"EndpointsList\"", KubernetesJson.SerializeList([endpoints]), StringComparison.Ordinal);
        Assert.Equal([endpoints], KubernetesJson.DeserializeList<Endpoints>(KubernetesJson.SerializeList([endpoints])).AsEnumerable());
        Assert.True(KubernetesJson.DeserializeList<Pod>("{\"kind\":\"PodList\",\"items\":null}").IsEmpty);
    }

    [Fact]
    public void Computed_members_are_never_written_and_enums_are_API_strings()
    {
        var json = KubernetesJson.Serialize(new Service { Name = "web", Spec = new ServiceSpec { Type = ServiceType.LoadBalancer, Ports = [new ServicePort { Port = 80 }] } });
        Assert.Equal(
            "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"web\",\"namespace\":\"default\",\"creationTimestamp\":null}," +
            "\"spec\":{\"ports\":[{\"protocol\":\"TCP\",\"port\":80}],\"type\":\"LoadBalancer\",\"sessionAffinity\":\"None\"},\"status\":{\"loadBalancer\":{}}}",
            json);
        Assert.DoesNotContain("LoadBalancerState", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("IsHeadless", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("HasSelector", json, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Plain_JsonSerializer_uses_the_API_format_too()
    {
        var service = KubernetesJson.Deserialize<Service>(Golden.Text("service-nodeport.json"));
        var json = System.Text.Json.JsonSerializer.Serialize(service, KubernetesJson.Options);
        Assert.Equal(KubernetesJson.Serialize(service), json);
        Assert.Equal(service, System.Text.Json.JsonSerializer.Deserialize(json, KubernetesJson.Options.GetTypeInfo(typeof(Service))));
    }

    [Fact]
    public void Timestamps_keep_sub_second_instants_and_write_whole_seconds_as_the_API_does()
    {
        var precise = new Service { Name = "a", CreationTimestamp = new DateTimeOffset(2025, 1, 2, 3, 4, 5, 678, TimeSpan.FromHours(2)) };
        var json = KubernetesJson.Serialize(precise);
        Assert.Contains("\"creationTimestamp\":\"2025-01-02T01:04:05.678Z\"", json, StringComparison.Ordinal);
        Assert.Equal(precise, KubernetesJson.Deserialize<Service>(json));
        Assert.Contains("\"creationTimestamp\":\"2025-01-02T01:04:05Z\"", KubernetesJson.Serialize(precise with { CreationTimestamp = new DateTimeOffset(2025, 1, 2, 1, 4, 5, TimeSpan.Zero) }), StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_fields_and_nulls_are_read_as_absent()
    {
        var json = """
            {"apiVersion":"v1","kind":"Service","future":{"x":[1,2,{"y":null}]},
             "metadata":{"name":"a","labels":null,"managedFields":[{"manager":"kubectl"}]},
             "spec":{"selector":null,"ports":[{"port":80,"targetPort":null,"nodePort":null,"extra":true}],"clusterIPs":null,"type":"NodePort"},
             "status":null}
            """;
        var service = KubernetesJson.Deserialize<Service>(json);
        Assert.Equal(new Service { Name = "a", Spec = new ServiceSpec { Type = ServiceType.NodePort, Ports = [new ServicePort { Port = 80 }] } }, service);
    }

    private static string StripContainers(string json)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!;
        var spec = node["spec"]!.AsObject();
        spec.Remove("containers");
        spec.Remove("initContainers");
        return node.ToJsonString();
    }
}
