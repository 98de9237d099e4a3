using System.Net;
using ServiceModel.Networking;
using ServiceModel.Services;
using static ServiceModel.Tests.Services.AllocatorFixture;

namespace ServiceModel.Tests.Services;

public class ServiceAllocatorUpdateTests
{
    private static Service WithType(Service service, ServiceType type, TrafficPolicy? external = null)
        => service with { Spec = service.Spec with { Type = type, ExternalTrafficPolicy = external ?? service.Spec.ExternalTrafficPolicy } };

    private static Service ClearNodePorts(Service service)
        => service with { Spec = service.Spec with { Ports = [.. service.Spec.Ports.Select(p => p with { NodePort = 0 })], HealthCheckNodePort = 0 } };

    [Theory]
    [MemberData(nameof(Engines), MemberType = typeof(AllocatorFixture))]
    public void ClusterIP_to_NodePort_keeps_the_cluster_IP_and_adds_node_ports(IPEngine engine)
    {
        var f = new AllocatorFixture(engine: engine);
        var created = f.Allocator.Create(Svc(ServiceType.ClusterIP, Port("http", 80))).Service;
        var result = f.Allocator.Update(created, WithType(created, ServiceType.NodePort));
        Assert.Equal(created.Spec.ClusterIPs.AsEnumerable(), result.Service.Spec.ClusterIPs);
        Assert.Empty(result.AllocatedClusterIPs);
        Assert.Single(result.AllocatedNodePorts);
        Assert.Equal(result.AllocatedNodePorts[0], result.Service.Spec.Ports[0].NodePort);
        Assert.Equal(AllocatorFixture.HeldBy(result.Service), f.Held());
    }

    [Theory]
    [MemberData(nameof(Engines), MemberType = typeof(AllocatorFixture))]
    public void NodePort_to_LoadBalancer_Local_keeps_node_ports_and_adds_a_health_check_node_port(IPEngine engine)
    {
        var f = new AllocatorFixture(engine: engine);
        var created = f.Allocator.Create(Svc(ServiceType.NodePort, Port("http", 80))).Service;
        var result = f.Allocator.Update(created, WithType(created, ServiceType.LoadBalancer, TrafficPolicy.Local));
        Assert.Equal(created.Spec.Ports[0].NodePort, result.Service.Spec.Ports[0].NodePort);
        Assert.Equal([result.Service.Spec.HealthCheckNodePort], result.AllocatedNodePorts.AsEnumerable());
        Assert.Empty(result.ReleasedNodePorts);
        Assert.Equal(AllocatorFixture.HeldBy(result.Service), f.Held());
    }

    [Theory]
    [MemberData(nameof(Engines), MemberType = typeof(AllocatorFixture))]
    public void LoadBalancer_Local_to_Cluster_policy_releases_the_health_check_node_port(IPEngine engine)
    {
        var f = new AllocatorFixture(engine: engine);
        var created = f.Allocator.Create(WithType(Svc(ServiceType.LoadBalancer, Port("http", 80)), ServiceType.LoadBalancer, TrafficPolicy.Local)).Service;
        var hc = created.Spec.HealthCheckNodePort;
        var next = created with { Spec = created.Spec with { ExternalTrafficPolicy = TrafficPolicy.Cluster, HealthCheckNodePort = 0 } };
        var result = f.Allocator.Update(created, next);
        Assert.Equal([hc], result.ReleasedNodePorts.AsEnumerable());
        Assert.False(f.Ports.IsAllocated(hc));
        Assert.Equal(AllocatorFixture.HeldBy(result.Service), f.Held());
    }

    [Theory]
    [MemberData(nameof(Engines), MemberType = typeof(AllocatorFixture))]
    public void LoadBalancer_to_ClusterIP_releases_node_ports_and_health_check_and_keeps_the_cluster_IP(IPEngine engine)
    {
        var f = new AllocatorFixture(engine: engine);
        var created = f.Allocator.Create(WithType(Svc(ServiceType.LoadBalancer, Port("http", 80), Port("https", 443)), ServiceType.LoadBalancer, TrafficPolicy.Local)).Service;
        var next = ClearNodePorts(WithType(created, ServiceType.ClusterIP)) with { Spec = ClearNodePorts(WithType(created, ServiceType.ClusterIP)).Spec with { ExternalTrafficPolicy = null } };
        var result = f.Allocator.Update(created, next);
        Assert.Equal(3, result.ReleasedNodePorts.Length);
        Assert.Equal(0, f.Ports.Used);
        Assert.Equal(created.Spec.ClusterIP, result.Service.Spec.ClusterIP);
        Assert.Equal(AllocatorFixture.HeldBy(result.Service), f.Held());
    }

    [Theory]
    [MemberData(nameof(Engines), MemberType = typeof(AllocatorFixture))]
    public void ClusterIP_to_ExternalName_releases_the_cluster_IP_and_back_allocates_a_new_one(IPEngine engine)
    {
        var f = new AllocatorFixture(engine: engine);
        var created = f.Allocator.Create(Svc(ServiceType.ClusterIP, Port("http", 80))).Service;
        var external = created with
        {
            Spec = created.Spec with
            {
                Type = ServiceType.ExternalName,
                ExternalName = "example.com",
                ClusterIP = null,
                ClusterIPs = [],
                IPFamilies = [],
                IPFamilyPolicy = null,
            },
        };
        var toExternal = f.Allocator.Update(created, external);
        Assert.Equal([IPAddress.Parse(created.Spec.ClusterIP!)], toExternal.ReleasedClusterIPs.AsEnumerable());
        Assert.Equal(0, f.V4.Used);

        var back = toExternal.Service with { Spec = toExternal.Service.Spec with { Type = ServiceType.ClusterIP, ExternalName = null } };
        var toClusterIP = f.Allocator.Update(toExternal.Service, back);
        Assert.Single(toClusterIP.AllocatedClusterIPs);
        Assert.Equal(AllocatorFixture.HeldBy(toClusterIP.Service), f.Held());
    }

    [Theory]
    [MemberData(nameof(Engines), MemberType = typeof(AllocatorFixture))]
    public void Resubmitting_without_allocated_values_keeps_them(IPEngine engine)
    {
        var f = new AllocatorFixture(engine: engine);
        var submitted = WithType(Svc(ServiceType.LoadBalancer, Port("http", 80), Port("https", 443)), ServiceType.LoadBalancer, TrafficPolicy.Local);
        var created = f.Allocator.Create(submitted).Service;
        var before = f.Snapshot();
        var result = f.Allocator.Update(created, submitted);
        Assert.True(result.IsEmpty);
        Assert.Equal(created.Spec.ClusterIPs.AsEnumerable(), result.Service.Spec.ClusterIPs);
        Assert.Equal(created.Spec.Ports.Select(p => p.NodePort), result.Service.Spec.Ports.Select(p => p.NodePort));
        Assert.Equal(created.Spec.HealthCheckNodePort, result.Service.Spec.HealthCheckNodePort);
        Assert.Equal(before, f.Snapshot());
    }

    [Theory]
    [MemberData(nameof(Engines), MemberType = typeof(AllocatorFixture))]
    public void Changing_a_node_port_allocates_the_new_and_releases_the_old(IPEngine engine)
    {
        var f = new AllocatorFixture(engine: engine);
        var created = f.Allocator.Create(Svc(ServiceType.NodePort, Port("http", 80, nodePort: 30010))).Service;
        var next = created with { Spec = created.Spec with { Ports = [Port("http", 80, nodePort: 30020)] } };
        var result = f.Allocator.Update(created, next);
        Assert.Equal([30020], result.AllocatedNodePorts.AsEnumerable());
        Assert.Equal([30010], result.ReleasedNodePorts.AsEnumerable());
        Assert.Equal(["30020"], f.Held().Where(v => v.StartsWith('3')));
    }

    [Theory]
    [MemberData(nameof(Engines), MemberType = typeof(AllocatorFixture))]
    public void Removing_a_port_releases_its_node_port(IPEngine engine)
    {
        var f = new AllocatorFixture(engine: engine);
        var created = f.Allocator.Create(Svc(ServiceType.NodePort, Port("http", 80), Port("https", 443))).Service;
        var next = created with { Spec = created.Spec with { Ports = [created.Spec.Ports[0]] } };
        var result = f.Allocator.Update(created, next);
        Assert.Equal([created.Spec.Ports[1].NodePort], result.ReleasedNodePorts.AsEnumerable());
        Assert.Equal(AllocatorFixture.HeldBy(result.Service), f.Held());
    }

    [Theory]
    [MemberData(nameof(Engines), MemberType = typeof(AllocatorFixture))]
    public void Upgrading_to_dual_stack_allocates_the_secondary_and_downgrading_releases_it(IPEngine engine)
    {
        var f = new AllocatorFixture(dualStack: true, engine: engine);
        var created = f.Allocator.Create(Svc(ServiceType.ClusterIP, Port("http", 80))).Service;
        Assert.Equal(IPFamilyPolicy.SingleStack, created.Spec.IPFamilyPolicy);
        var up = f.Allocator.Update(created, created with { Spec = created.Spec with { IPFamilyPolicy = IPFamilyPolicy.RequireDualStack } });
        Assert.Equal([IPFamily.IPv4, IPFamily.IPv6], up.Service.Spec.IPFamilies.AsEnumerable());
        Assert.Equal(created.Spec.ClusterIP, up.Service.Spec.ClusterIPs[0]);
        var secondary = Assert.Single(up.AllocatedClusterIPs);
        Assert.True(f.V6!.IsAllocated(secondary));

        var downSpec = up.Service.Spec with { IPFamilyPolicy = IPFamilyPolicy.SingleStack, IPFamilies = [IPFamily.IPv4], ClusterIPs = [up.Service.Spec.ClusterIPs[0]] };
        var down = f.Allocator.Update(up.Service, up.Service with { Spec = downSpec });
        Assert.Equal([secondary], down.ReleasedClusterIPs.AsEnumerable());
        Assert.Equal(0, f.V6.Used);
        Assert.Equal(AllocatorFixture.HeldBy(down.Service), f.Held());
    }

    [Theory]
    [MemberData(nameof(Engines), MemberType = typeof(AllocatorFixture))]
    public void A_failed_update_keeps_the_old_values_and_takes_nothing(IPEngine engine)
    {
        var f = new AllocatorFixture(engine: engine);
        var created = f.Allocator.Create(Svc(ServiceType.NodePort, Port("http", 80), Port("https", 443))).Service;
        f.Ports.Allocate(30099);
        var before = f.Snapshot();
        var next = WithType(created, ServiceType.LoadBalancer, TrafficPolicy.Local) with { };
        next = next with { Spec = next.Spec with { Ports = [created.Spec.Ports[0] with { NodePort = 30098 }, created.Spec.Ports[1]], HealthCheckNodePort = 30099 } };
        var ex = Assert.Throws<ServiceModel.Allocation.AllocationException>(() => f.Allocator.Update(created, next));
        Assert.Equal("Internal error occurred: failed to allocate requested HealthCheck NodePort 30099: provided port is already allocated", ex.Message);
        Assert.Equal(before, f.Snapshot());
    }

    [Theory]
    [MemberData(nameof(Engines), MemberType = typeof(AllocatorFixture))]
    public void Leaving_node_port_types_with_the_node_ports_still_listed_wipes_and_releases_them(IPEngine engine)
    {
        var f = new AllocatorFixture(engine: engine);
        var created = f.Allocator.Create(Svc(ServiceType.NodePort, Port("http", 80))).Service;
        var result = f.Allocator.Update(created, WithType(created, ServiceType.ClusterIP));
        Assert.Equal(0, result.Service.Spec.Ports[0].NodePort);
        Assert.Null(result.Service.Spec.ExternalTrafficPolicy);
        Assert.Equal([created.Spec.Ports[0].NodePort], result.ReleasedNodePorts.AsEnumerable());
        Assert.Equal(0, f.Ports.Used);
    }

    [Theory]
    [MemberData(nameof(Engines), MemberType = typeof(AllocatorFixture))]
    public void Moving_to_ExternalName_with_the_cluster_IPs_still_listed_wipes_and_releases_them(IPEngine engine)
    {
        var f = new AllocatorFixture(dualStack: true, engine: engine);
        var service = Svc(ServiceType.ClusterIP, Port("http", 80));
        var created = f.Allocator.Create(service with { Spec = service.Spec with { IPFamilyPolicy = IPFamilyPolicy.RequireDualStack } }).Service;
        var result = f.Allocator.Update(created, created with { Spec = created.Spec with { Type = ServiceType.ExternalName, ExternalName = "example.com" } });
        Assert.Empty(result.Service.Spec.ClusterIPs);
        Assert.Equal(2, result.ReleasedClusterIPs.Length);
        Assert.Equal(0, f.V4.Used + f.V6!.Used);
    }

    [Theory]
    [MemberData(nameof(Engines), MemberType = typeof(AllocatorFixture))]
    public void Changing_the_cluster_IP_is_rejected_and_nothing_changes(IPEngine engine)
    {
        var f = new AllocatorFixture(engine: engine);
        var created = f.Allocator.Create(Svc(ServiceType.ClusterIP, Port("http", 80))).Service;
        var before = f.Snapshot();
        var next = WithType(created, ServiceType.NodePort) with { };
        next = next with { Spec = next.Spec with { ClusterIP = "10.0.0.200", ClusterIPs = ["10.0.0.200"] } };
        var ex = Assert.Throws<ServiceValidationException>(() => f.Allocator.Update(created, next));
        Assert.Contains(ex.Errors, e => e.Field.StartsWith("spec.clusterIP", StringComparison.Ordinal));
        Assert.Equal(before, f.Snapshot());
    }

    [Theory]
    [MemberData(nameof(Engines), MemberType = typeof(AllocatorFixture))]
    public void A_dry_run_update_reports_the_plan_and_changes_nothing(IPEngine engine)
    {
        var f = new AllocatorFixture(engine: engine);
        var created = f.Allocator.Create(Svc(ServiceType.NodePort, Port("http", 80))).Service;
        var before = f.Snapshot();
        var next = ClearNodePorts(WithType(created, ServiceType.ClusterIP)) with { };
        next = next with { Spec = next.Spec with { ExternalTrafficPolicy = null } };
        var plan = f.Allocator.Update(created, next, dryRun: true);
        Assert.Equal([created.Spec.Ports[0].NodePort], plan.ReleasedNodePorts.AsEnumerable());
        Assert.Equal(before, f.Snapshot());
    }
}
