using System.Net;
using ServiceModel.Allocation;
using ServiceModel.Networking;
using ServiceModel.Services;
using static ServiceModel.Tests.Services.AllocatorFixture;

namespace ServiceModel.Tests.Services;

public class ServiceAllocatorCreateTests
{
    [Theory]
    [MemberData(nameof(Engines), MemberType = typeof(AllocatorFixture))]
    public void ClusterIP_gets_one_address_of_the_primary_family_and_no_node_ports(IPEngine engine)
    {
        var f = new AllocatorFixture(engine: engine);
        var result = f.Allocator.Create(Svc(ServiceType.ClusterIP, Port("http", 80)));
        var spec = result.Service.Spec;
        var ip = Assert.Single(spec.ClusterIPs);
        Assert.Equal(ip, spec.ClusterIP);
        Assert.Equal([IPFamily.IPv4], spec.IPFamilies.AsEnumerable());
        Assert.True(f.V4.IsAllocated(IPAddress.Parse(ip)));
        Assert.Equal([IPAddress.Parse(ip)], result.AllocatedClusterIPs.AsEnumerable());
        Assert.Empty(result.AllocatedNodePorts);
        Assert.Equal(0, spec.Ports[0].NodePort);
        Assert.Equal(0, f.Ports.Used);
    }

    [Theory]
    [MemberData(nameof(Engines), MemberType = typeof(AllocatorFixture))]
    public void A_requested_cluster_IP_is_taken_as_asked(IPEngine engine)
    {
        var f = new AllocatorFixture(engine: engine);
        var service = Svc(ServiceType.ClusterIP, Port("http", 80)) with { Spec = Svc(ServiceType.ClusterIP, Port("http", 80)).Spec with { ClusterIP = "10.0.0.10" } };
        var result = f.Allocator.Create(service);
        Assert.Equal(["10.0.0.10"], result.Service.Spec.ClusterIPs.AsEnumerable());
        Assert.True(f.V4.IsAllocated(IPAddress.Parse("10.0.0.10")));
    }

    // Validation reads IP text like ParseIPSloppy (leading zeros are decimal); IPAddress.Parse would
    // read "010" as octal 8 and allocate an address other than the one validated.
    [Theory]
    [MemberData(nameof(Engines), MemberType = typeof(AllocatorFixture))]
    public void A_requested_cluster_IP_with_leading_zeros_is_read_as_decimal_and_released_the_same_way(IPEngine engine)
    {
        var f = new AllocatorFixture(engine: engine);
        var service = Svc(ServiceType.ClusterIP, Port("http", 80)) with { Spec = Svc(ServiceType.ClusterIP, Port("http", 80)).Spec with { ClusterIP = "10.0.0.010" } };
        var result = f.Allocator.Create(service);
        Assert.True(f.V4.IsAllocated(IPAddress.Parse("10.0.0.10")));
        Assert.False(f.V4.IsAllocated(IPAddress.Parse("10.0.0.8")));
        f.Allocator.Delete(result.Service);
        Assert.Equal(0, f.V4.Used);
    }

    [Theory]
    [MemberData(nameof(Engines), MemberType = typeof(AllocatorFixture))]
    public void NodePort_gets_a_node_port_per_port_and_keeps_requested_ones(IPEngine engine)
    {
        var f = new AllocatorFixture(engine: engine);
        var result = f.Allocator.Create(Svc(ServiceType.NodePort, Port("http", 80), Port("https", 443, nodePort: 30443 - 400)));
        var ports = result.Service.Spec.Ports;
        Assert.InRange(ports[0].NodePort, 30000, 30099);
        Assert.Equal(30043, ports[1].NodePort);
        Assert.Equal(ports.Select(p => p.NodePort).Order(), result.AllocatedNodePorts.Order());
        Assert.Equal(2, f.Ports.Used);
        Assert.Single(f.V4.EnumerateAllocated());
    }

    [Theory]
    [MemberData(nameof(Engines), MemberType = typeof(AllocatorFixture))]
    public void A_TCP_and_a_UDP_port_with_one_number_share_one_node_port(IPEngine engine)
    {
        var f = new AllocatorFixture(engine: engine);
        var result = f.Allocator.Create(Svc(ServiceType.NodePort, Port("dns-tcp", 53), Port("dns-udp", 53, Protocol.UDP)));
        var ports = result.Service.Spec.Ports;
        Assert.NotEqual(0, ports[0].NodePort);
        Assert.Equal(ports[0].NodePort, ports[1].NodePort);
        Assert.Equal(1, f.Ports.Used);
        Assert.Single(result.AllocatedNodePorts);
    }

    [Theory]
    [MemberData(nameof(Engines), MemberType = typeof(AllocatorFixture))]
    public void A_later_port_s_request_is_shared_with_an_earlier_port_of_the_same_number(IPEngine engine)
    {
        var f = new AllocatorFixture(engine: engine);
        var result = f.Allocator.Create(Svc(ServiceType.NodePort, Port("dns-tcp", 53), Port("dns-udp", 53, Protocol.UDP, 30053)));
        Assert.All(result.Service.Spec.Ports, p => Assert.Equal(30053, p.NodePort));
        Assert.Equal([30053], result.AllocatedNodePorts.AsEnumerable());
    }

    [Theory]
    [MemberData(nameof(Engines), MemberType = typeof(AllocatorFixture))]
    public void LoadBalancer_with_Local_policy_also_gets_a_health_check_node_port(IPEngine engine)
    {
        var f = new AllocatorFixture(engine: engine);
        var service = Svc(ServiceType.LoadBalancer, Port("http", 80));
        service = service with { Spec = service.Spec with { ExternalTrafficPolicy = TrafficPolicy.Local } };
        var result = f.Allocator.Create(service);
        var spec = result.Service.Spec;
        Assert.InRange(spec.HealthCheckNodePort, 30000, 30099);
        Assert.NotEqual(spec.Ports[0].NodePort, spec.HealthCheckNodePort);
        Assert.Equal(2, f.Ports.Used);
        Assert.Contains(spec.HealthCheckNodePort, result.AllocatedNodePorts);
        Assert.True(result.Service.IsLoadBalancerPending);
    }

    [Theory]
    [MemberData(nameof(Engines), MemberType = typeof(AllocatorFixture))]
    public void LoadBalancer_without_node_port_allocation_only_takes_requested_ones(IPEngine engine)
    {
        var f = new AllocatorFixture(engine: engine);
        var service = Svc(ServiceType.LoadBalancer, Port("http", 80), Port("https", 443, nodePort: 30001));
        service = service with { Spec = service.Spec with { AllocateLoadBalancerNodePorts = false } };
        var result = f.Allocator.Create(service);
        Assert.Equal([0, 30001], result.Service.Spec.Ports.Select(p => p.NodePort).AsEnumerable());
        Assert.Equal([30001], result.AllocatedNodePorts.AsEnumerable());
    }

    [Theory]
    [MemberData(nameof(Engines), MemberType = typeof(AllocatorFixture))]
    public void Headless_and_ExternalName_get_nothing(IPEngine engine)
    {
        var f = new AllocatorFixture(engine: engine);
        var headless = Svc(ServiceType.ClusterIP, Port("http", 80));
        headless = headless with { Spec = headless.Spec with { ClusterIP = "None" } };
        var result = f.Allocator.Create(headless);
        Assert.True(result.IsEmpty);
        Assert.Equal(["None"], result.Service.Spec.ClusterIPs.AsEnumerable());
        Assert.True(f.Allocator.Create(Svc(ServiceType.ExternalName)).IsEmpty);
        Assert.Equal(0, f.V4.Used);
    }

    [Theory]
    [MemberData(nameof(Engines), MemberType = typeof(AllocatorFixture))]
    public void PreferDualStack_on_a_dual_stack_cluster_gets_both_families_primary_first(IPEngine engine)
    {
        var f = new AllocatorFixture(dualStack: true, engine: engine);
        var service = Svc(ServiceType.ClusterIP, Port("http", 80));
        service = service with { Spec = service.Spec with { IPFamilyPolicy = IPFamilyPolicy.PreferDualStack } };
        var spec = f.Allocator.Create(service).Service.Spec;
        Assert.Equal([IPFamily.IPv4, IPFamily.IPv6], spec.IPFamilies.AsEnumerable());
        Assert.Equal(2, spec.ClusterIPs.Length);
        Assert.True(f.V4.IsAllocated(IPAddress.Parse(spec.ClusterIPs[0])));
        Assert.True(f.V6!.IsAllocated(IPAddress.Parse(spec.ClusterIPs[1])));
    }

    [Theory]
    [MemberData(nameof(Engines), MemberType = typeof(AllocatorFixture))]
    public void IPv6_first_services_use_the_IPv6_allocator_for_their_primary(IPEngine engine)
    {
        var f = new AllocatorFixture(dualStack: true, engine: engine);
        var service = Svc(ServiceType.ClusterIP, Port("http", 80));
        service = service with { Spec = service.Spec with { IPFamilies = [IPFamily.IPv6] } };
        var spec = f.Allocator.Create(service).Service.Spec;
        Assert.Equal([IPFamily.IPv6], spec.IPFamilies.AsEnumerable());
        Assert.StartsWith("fd00::", spec.ClusterIP, StringComparison.Ordinal);
        Assert.Equal(0, f.V4.Used);
    }

    [Theory]
    [MemberData(nameof(Engines), MemberType = typeof(AllocatorFixture))]
    public void An_out_of_range_node_port_fails_with_upstream_text_and_changes_nothing(IPEngine engine)
    {
        var f = new AllocatorFixture(ports: "30000-32767", engine: engine);
        var before = f.Snapshot();
        var ex = Assert.Throws<ServiceValidationException>(() => f.Allocator.Create(Svc(ServiceType.NodePort, Port("http", 80), Port("https", 443, nodePort: 35001))));
        Assert.Equal(
            "Service \"web\" is invalid: spec.ports[1].nodePort: Invalid value: 35001: provided port is not in the valid range. The range of valid ports is 30000-32767",
            ex.Message);
        Assert.Equal(before, f.Snapshot());
    }

    [Theory]
    [MemberData(nameof(Engines), MemberType = typeof(AllocatorFixture))]
    public void A_taken_cluster_IP_fails_with_upstream_text_and_changes_nothing(IPEngine engine)
    {
        var f = new AllocatorFixture(engine: engine);
        f.V4.Allocate(IPAddress.Parse("10.0.0.5"));
        var before = f.Snapshot();
        var service = Svc(ServiceType.NodePort, Port("http", 80));
        service = service with { Spec = service.Spec with { ClusterIP = "10.0.0.5" } };
        var ex = Assert.Throws<ServiceValidationException>(() => f.Allocator.Create(service));
        Assert.Equal(
            "spec.clusterIPs: Invalid value: [\"10.0.0.5\"]: failed to allocate IP 10.0.0.5: provided IP is already allocated",
            Assert.Single(ex.Errors).ToString());
        Assert.Equal(before, f.Snapshot());
    }

    [Theory]
    [MemberData(nameof(Engines), MemberType = typeof(AllocatorFixture))]
    public void A_full_node_port_range_fails_after_the_cluster_IP_and_rolls_it_back(IPEngine engine)
    {
        var f = new AllocatorFixture(ports: "30000-30001", engine: engine);
        f.Ports.Allocate(30000);
        var before = f.Snapshot();
        var ex = Assert.Throws<AllocationException>(() => f.Allocator.Create(Svc(ServiceType.NodePort, Port("a", 80), Port("b", 81))));
        Assert.Equal(AllocationError.Full, ex.Error);
        Assert.Equal("Internal error occurred: failed to allocate a nodePort: range is full", ex.Message);
        Assert.Equal(before, f.Snapshot());
    }

    [Theory]
    [MemberData(nameof(Engines), MemberType = typeof(AllocatorFixture))]
    public void A_requested_node_port_taken_by_an_earlier_dynamic_port_of_the_same_Service_fails_and_rolls_back(IPEngine engine)
    {
        // Upstream walks the ports in order: port "a" takes the only free port dynamically, so port
        // "b"'s explicit request for it fails. This is why requests belong in the static band.
        var f = new AllocatorFixture(ports: "30000-30000", engine: engine);
        var before = f.Snapshot();
        var service = Svc(ServiceType.NodePort, Port("a", 80), Port("b", 81, nodePort: 30000));
        var ex = Assert.Throws<ServiceValidationException>(() => f.Allocator.Create(service));
        Assert.Equal(
            "spec.ports[1].nodePort: Invalid value: 30000: provided port is already allocated",
            Assert.Single(ex.Errors).ToString());
        Assert.Equal(before, f.Snapshot());
    }

    [Theory]
    [MemberData(nameof(Engines), MemberType = typeof(AllocatorFixture))]
    public void A_taken_health_check_node_port_fails_with_upstream_text_and_changes_nothing(IPEngine engine)
    {
        var f = new AllocatorFixture(engine: engine);
        f.Ports.Allocate(30050);
        var before = f.Snapshot();
        var service = Svc(ServiceType.LoadBalancer, Port("http", 80));
        service = service with { Spec = service.Spec with { ExternalTrafficPolicy = TrafficPolicy.Local, HealthCheckNodePort = 30050 } };
        var ex = Assert.Throws<AllocationException>(() => f.Allocator.Create(service));
        Assert.Equal(AllocationError.AlreadyAllocated, ex.Error);
        Assert.Equal("Internal error occurred: failed to allocate requested HealthCheck NodePort 30050: provided port is already allocated", ex.Message);
        Assert.Equal(before, f.Snapshot());
    }

    [Theory]
    [MemberData(nameof(Engines), MemberType = typeof(AllocatorFixture))]
    public void A_full_cluster_IP_range_fails_with_upstream_text(IPEngine engine)
    {
        var f = new AllocatorFixture(ipv4: "10.0.0.0/30", engine: engine);
        f.Allocator.Create(Svc(ServiceType.ClusterIP, Port("a", 80)));
        f.Allocator.Create(Svc(ServiceType.ClusterIP, Port("a", 80)));
        var before = f.Snapshot();
        var ex = Assert.Throws<AllocationException>(() => f.Allocator.Create(Svc(ServiceType.ClusterIP, Port("a", 80))));
        Assert.Equal("Internal error occurred: failed to allocate a serviceIP: range is full", ex.Message);
        Assert.Equal(before, f.Snapshot());
    }

    [Fact]
    public void Full_ranges_carry_the_API_servers_internal_wrapping_while_the_allocators_keep_the_bare_text()
    {
        var f = new AllocatorFixture(ipv4: "10.0.0.0/30", ports: "30000-30000");
        f.Allocator.Create(Svc(ServiceType.NodePort, Port("a", 80)));
        f.Allocator.Create(Svc(ServiceType.ClusterIP, Port("a", 80)));

        Assert.Equal("range is full", Assert.Throws<AllocationException>(() => f.Ports.AllocateNext()).Message);
        Assert.Equal("range is full", Assert.Throws<AllocationException>(() => f.V4.AllocateNext()).Message);
        var ip = Assert.Throws<AllocationException>(() => f.Allocator.Create(Svc(ServiceType.ClusterIP, Port("a", 80))));
        Assert.Equal("Internal error occurred: failed to allocate a serviceIP: range is full", ip.Message);
        Assert.Equal(AllocationError.Full, ip.Error);
    }

    [Theory]
    [MemberData(nameof(Engines), MemberType = typeof(AllocatorFixture))]
    public void A_dry_run_reports_the_plan_and_changes_nothing(IPEngine engine)
    {
        var f = new AllocatorFixture(engine: engine);
        var before = f.Snapshot();
        var service = Svc(ServiceType.LoadBalancer, Port("http", 80), Port("https", 443, nodePort: 30010));
        service = service with { Spec = service.Spec with { ExternalTrafficPolicy = TrafficPolicy.Local } };
        var plan = f.Allocator.Create(service, dryRun: true);
        Assert.True(plan.IsDryRun);
        Assert.Single(plan.AllocatedClusterIPs);
        Assert.Equal(3, plan.AllocatedNodePorts.Length);
        Assert.Contains(30010, plan.AllocatedNodePorts);
        Assert.Equal(before, f.Snapshot());
        var real = f.Allocator.Create(plan.Service);
        Assert.Equal(plan.Service, real.Service);
    }

    [Theory]
    [MemberData(nameof(Engines), MemberType = typeof(AllocatorFixture))]
    public void Delete_releases_everything_create_took(IPEngine engine)
    {
        var f = new AllocatorFixture(dualStack: true, engine: engine);
        var before = f.Snapshot();
        var service = Svc(ServiceType.LoadBalancer, Port("dns", 53), Port("dns-udp", 53, Protocol.UDP), Port("http", 80));
        service = service with { Spec = service.Spec with { ExternalTrafficPolicy = TrafficPolicy.Local, IPFamilyPolicy = IPFamilyPolicy.RequireDualStack } };
        var created = f.Allocator.Create(service).Service;
        Assert.NotEqual(before, f.Snapshot());
        var dry = f.Allocator.Delete(created, dryRun: true);
        Assert.NotEqual(before, f.Snapshot());
        var deleted = f.Allocator.Delete(created);
        Assert.Equal(before, f.Snapshot());
        Assert.Equal(dry.ReleasedNodePorts.AsEnumerable(), deleted.ReleasedNodePorts);
        Assert.Equal(dry.ReleasedClusterIPs.AsEnumerable(), deleted.ReleasedClusterIPs);
        Assert.Equal(3, deleted.ReleasedNodePorts.Length);
        Assert.Equal(2, deleted.ReleasedClusterIPs.Length);
    }

    [Fact]
    public void The_allocation_result_has_value_equality()
    {
        var a = new ServiceAllocation { Service = Svc(ServiceType.ClusterIP), AllocatedNodePorts = [30001], AllocatedClusterIPs = [IPAddress.Parse("10.0.0.1")] };
        var b = new ServiceAllocation { Service = Svc(ServiceType.ClusterIP), AllocatedNodePorts = [30001], AllocatedClusterIPs = [IPAddress.Parse("10.0.0.1")] };
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, b with { ReleasedNodePorts = [30002] });
    }

    [Theory]
    [MemberData(nameof(Engines), MemberType = typeof(AllocatorFixture))]
    public void An_invalid_Service_is_rejected_with_every_error_after_allocation_is_undone(IPEngine engine)
    {
        var f = new AllocatorFixture(engine: engine);
        var before = f.Snapshot();
        var service = Svc(ServiceType.NodePort, Port("http", 80), Port("", 443));
        service = service with { Spec = service.Spec with { Ports = [.. service.Spec.Ports.Select(p => p with { Name = null })] } };
        var ex = Assert.Throws<ServiceValidationException>(() => f.Allocator.Create(service));
        Assert.Equal(["spec.ports[0].name", "spec.ports[1].name"], ex.Errors.Select(e => e.Field));
        Assert.Equal(before, f.Snapshot());
    }

    [Theory]
    [MemberData(nameof(Engines), MemberType = typeof(AllocatorFixture))]
    public void RequireDualStack_on_a_single_stack_cluster_is_rejected_before_anything_is_allocated(IPEngine engine)
    {
        var f = new AllocatorFixture(engine: engine);
        var before = f.Snapshot();
        var service = Svc(ServiceType.NodePort, Port("http", 80));
        service = service with { Spec = service.Spec with { IPFamilyPolicy = IPFamilyPolicy.RequireDualStack } };
        var ex = Assert.Throws<ServiceValidationException>(() => f.Allocator.Create(service));
        Assert.Contains(ex.Errors, e => e.Detail == "this cluster is not configured for dual-stack services");
        Assert.Equal(before, f.Snapshot());
    }

    [Theory]
    [MemberData(nameof(Engines), MemberType = typeof(AllocatorFixture))]
    public void The_result_is_defaulted_like_the_api_server_returns_it(IPEngine engine)
    {
        var f = new AllocatorFixture(engine: engine);
        var spec = f.Allocator.Create(Svc(ServiceType.LoadBalancer, Port("http", 80))).Service.Spec;
        Assert.Equal(TrafficPolicy.Cluster, spec.ExternalTrafficPolicy);
        Assert.Equal(TrafficPolicy.Cluster, spec.InternalTrafficPolicy);
        Assert.Equal(true, spec.AllocateLoadBalancerNodePorts);
        Assert.Equal(IPFamilyPolicy.SingleStack, spec.IPFamilyPolicy);
        Assert.Equal(80, spec.Ports[0].TargetPort.IntValue);
        Assert.Empty(ServiceValidator.Validate(new Service { Name = "web", Spec = spec }));
    }

    [Fact]
    public void Two_allocators_of_one_family_are_rejected()
    {
        var f = new AllocatorFixture();
        var cidr = ServiceCidr.Parse("10.0.0.0/24");
        Assert.Throws<ArgumentException>(() => new ServiceAllocator(new ClusterIPAllocator(cidr), new ClusterIPAllocator(cidr), f.Ports));
        Assert.Throws<ArgumentException>(() => new ServiceAllocator(new ServiceCidrAllocator(), IPFamily.IPv4, IPFamily.IPv4, f.Ports));
    }
}
