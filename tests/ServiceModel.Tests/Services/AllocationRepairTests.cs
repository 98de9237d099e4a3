using System.Collections.Immutable;
using System.Net;
using ServiceModel.Allocation;
using ServiceModel.Networking;
using ServiceModel.Services;
using static ServiceModel.Tests.Services.AllocatorFixture;

namespace ServiceModel.Tests.Services;

// Texts from pkg/registry/core/service/ipallocator/controller/repair.go and
// portallocator/controller/repair.go at v1.35 (event reason, event message, log line).
public class AllocationRepairTests
{
    private static Service WithIPs(string name, params string[] ips)
        => new()
        {
            Name = name,
            Spec = new ServiceSpec { Type = ServiceType.ClusterIP, ClusterIP = ips.Length > 0 ? ips[0] : null, ClusterIPs = [.. ips], Ports = [Port("http", 80)] },
        };

    private static Service WithNodePorts(string name, params ServicePort[] ports)
        => new() { Name = name, Spec = new ServiceSpec { Type = ServiceType.NodePort, Ports = [.. ports] } };

    private static RepairFinding Single(RepairReport report) => Assert.Single(report.Findings);

    [Fact]
    public void Services_created_by_the_allocator_leave_nothing_to_report()
    {
        var f = new AllocatorFixture(dualStack: true);
        var a = f.Allocator.Create(Svc(ServiceType.LoadBalancer, Port("http", 80), Port("dns", 53, Protocol.UDP)) with
        {
            Spec = Svc(ServiceType.LoadBalancer, Port("http", 80)).Spec with { ExternalTrafficPolicy = TrafficPolicy.Local, IPFamilyPolicy = IPFamilyPolicy.RequireDualStack },
        }).Service;
        var b = f.Allocator.Create(Svc(ServiceType.NodePort, Port("http", 80)) with { Name = "b" }).Service;
        var report = AllocationRepair.Check(f.Allocator, [a, b]);
        Assert.True(report.IsClean);
        Assert.Empty(report.Findings);
    }

    [Fact]
    public void A_held_but_unmarked_cluster_IP_is_ClusterIPNotAllocated()
    {
        var f = new AllocatorFixture();
        var finding = Single(AllocationRepair.Check(f.Allocator, [WithIPs("web", "10.0.0.5")]));
        Assert.Equal(RepairFindingKind.ClusterIPNotAllocated, finding.Kind);
        Assert.Equal("10.0.0.5", finding.Value);
        Assert.Equal(IPFamily.IPv4, finding.Family);
        Assert.Equal(["default/web"], finding.Services.AsEnumerable());
        Assert.Equal("ClusterIPNotAllocated", finding.Reason);
        Assert.Equal("Cluster IP [IPv4]:10.0.0.5 is not allocated; repairing", finding.Message);
        Assert.Equal("the cluster IP [IPv4]:10.0.0.5 for service web/default is not allocated; repairing", finding.Log);
    }

    [Fact]
    public void A_marked_but_unheld_cluster_IP_is_a_leak_logged_without_an_event()
    {
        var f = new AllocatorFixture();
        f.V4.Allocate(IPAddress.Parse("10.0.0.9"));
        var finding = Single(AllocationRepair.Check(f.Allocator, []));
        Assert.Equal(RepairFindingKind.ClusterIPLeaked, finding.Kind);
        Assert.Equal("10.0.0.9", finding.Value);
        Assert.Null(finding.Reason);
        Assert.Empty(finding.Services);
        Assert.Equal("the cluster IP 10.0.0.9 may have leaked: flagging for later clean up", finding.Log);
        Assert.Equal(finding.Log, finding.Message);
    }

    [Fact]
    public void A_cluster_IP_held_by_two_Services_is_reported_on_the_second()
    {
        var f = new AllocatorFixture();
        f.V4.Allocate(IPAddress.Parse("10.0.0.7"));
        var finding = Single(AllocationRepair.Check(f.Allocator, [WithIPs("a", "10.0.0.7"), WithIPs("b", "10.0.0.7") with { Namespace = "prod" }]));
        Assert.Equal(RepairFindingKind.ClusterIPAlreadyAllocated, finding.Kind);
        Assert.Equal(["default/a", "prod/b"], finding.Services.AsEnumerable());
        Assert.Equal("ClusterIPAlreadyAllocated", finding.Reason);
        Assert.Equal("Cluster IP [IPv4]:10.0.0.7 was assigned to multiple services; please recreate service", finding.Message);
        Assert.Equal("the cluster IP [IPv4]:10.0.0.7 for service b/prod was assigned to multiple services; please recreate", finding.Log);
    }

    [Fact]
    public void An_unmarked_duplicate_is_not_allocated_on_the_first_holder_and_duplicate_on_the_second()
    {
        var f = new AllocatorFixture();
        var report = AllocationRepair.Check(f.Allocator, [WithIPs("a", "10.0.0.7"), WithIPs("b", "10.0.0.7")]);
        Assert.Equal(
            [RepairFindingKind.ClusterIPNotAllocated, RepairFindingKind.ClusterIPAlreadyAllocated],
            report.Findings.Select(x => x.Kind));
    }

    [Theory]
    [InlineData("10.1.0.5")]
    [InlineData("10.0.0.0")]
    [InlineData("10.0.0.255")]
    public void A_cluster_IP_outside_the_usable_range_is_ClusterIPOutOfRange(string ip)
    {
        var f = new AllocatorFixture();
        var finding = Single(AllocationRepair.Check(f.Allocator, [WithIPs("web", ip)]));
        Assert.Equal(RepairFindingKind.ClusterIPOutOfRange, finding.Kind);
        Assert.Equal("ClusterIPOutOfRange", finding.Reason);
        Assert.Equal($"Cluster IP [IPv4]:{ip} is not within the service CIDR 10.0.0.0/24; please recreate service", finding.Message);
        Assert.Equal($"the cluster IP [IPv4]:{ip} for service web/default is not within the service CIDR 10.0.0.0/24; please recreate", finding.Log);
    }

    [Fact]
    public void An_unparsable_cluster_IP_is_ClusterIPNotValid_and_printed_as_nil_like_upstream()
    {
        var f = new AllocatorFixture();
        var finding = Single(AllocationRepair.Check(f.Allocator, [WithIPs("web", "10.0.0.bogus")]));
        Assert.Equal(RepairFindingKind.ClusterIPNotValid, finding.Kind);
        Assert.Equal("10.0.0.bogus", finding.Value);
        Assert.Null(finding.Family);
        Assert.Equal("ClusterIPNotValid", finding.Reason);
        Assert.Equal("Cluster IP <nil> is not a valid IP; please recreate service", finding.Message);
        Assert.Equal("the cluster IP <nil> for service web/default is not a valid IP; please recreate", finding.Log);
    }

    [Fact]
    public void A_cluster_IP_of_a_family_the_cluster_lacks_is_ClusterIPNotValid()
    {
        var f = new AllocatorFixture();
        var finding = Single(AllocationRepair.Check(f.Allocator, [WithIPs("web", "fd00::5")]));
        Assert.Equal(RepairFindingKind.ClusterIPFamilyNotConfigured, finding.Kind);
        Assert.Equal(IPFamily.IPv6, finding.Family);
        Assert.Equal("ClusterIPNotValid", finding.Reason);
        Assert.Equal("Cluster IP fd00::5(IPv6) is of ip family that is no longer configured on cluster; please recreate service", finding.Message);
        Assert.Equal("the cluster IP fd00::5(IPv6) for service web/default is of ip family that is no longer configured on cluster; please recreate", finding.Log);
    }

    [Fact]
    public void Both_families_are_checked_against_their_own_allocator()
    {
        var f = new AllocatorFixture(dualStack: true);
        f.V4.Allocate(IPAddress.Parse("10.0.0.5"));
        f.V6!.Allocate(IPAddress.Parse("fd00::9"));
        var report = AllocationRepair.Check(f.Allocator, [WithIPs("web", "10.0.0.5", "fd00::5")]);
        Assert.Equal(
            ["ClusterIPNotAllocated fd00::5 Cluster IP [IPv6]:fd00::5 is not allocated; repairing",
             "ClusterIPLeaked fd00::9 the cluster IP fd00::9 may have leaked: flagging for later clean up"],
            report.Findings.Select(x => $"{x.Kind} {x.Value} {x.Message}"));
    }

    [Fact]
    public void Headless_and_ExternalName_Services_hold_no_cluster_IP_and_the_singular_field_alone_counts()
    {
        var f = new AllocatorFixture();
        var headless = WithIPs("headless", ServiceSpec.ClusterIPNone);
        var external = new Service { Name = "ext", Spec = new ServiceSpec { Type = ServiceType.ExternalName, ExternalName = "example.com" } };
        var old = new Service { Name = "old", Spec = new ServiceSpec { ClusterIP = "10.0.0.3" } };
        var finding = Single(AllocationRepair.Check(f.Allocator, [headless, external, old]));
        Assert.Equal(RepairFindingKind.ClusterIPNotAllocated, finding.Kind);
        Assert.Equal(["default/old"], finding.Services.AsEnumerable());
    }

    // The Service fields' reading (ParseIPSloppy): "010" is decimal 10, the same address as "10".
    [Fact]
    public void Cluster_IPs_are_compared_as_addresses_read_like_the_Service_fields()
    {
        var f = new AllocatorFixture();
        f.V4.Allocate(IPAddress.Parse("10.0.0.10"));
        Assert.True(AllocationRepair.Check(f.Allocator, [WithIPs("web", "10.0.0.010")]).IsClean);
        var duplicate = Single(AllocationRepair.Check(f.Allocator, [WithIPs("a", "10.0.0.010"), WithIPs("b", "10.0.0.10")]));
        Assert.Equal("10.0.0.10", duplicate.Value);
    }

    [Fact]
    public void A_held_but_unmarked_node_port_is_PortNotAllocated()
    {
        var f = new AllocatorFixture();
        var finding = Single(AllocationRepair.Check(f.Allocator, [WithNodePorts("web", Port("http", 80, nodePort: 30005))]));
        Assert.Equal(RepairFindingKind.PortNotAllocated, finding.Kind);
        Assert.Equal("30005", finding.Value);
        Assert.Null(finding.Family);
        Assert.Equal("PortNotAllocated", finding.Reason);
        Assert.Equal("Port 30005 is not allocated; repairing", finding.Message);
        Assert.Equal("the node port 30005 for service web/default is not allocated; repairing", finding.Log);
    }

    [Fact]
    public void A_node_port_held_by_two_Services_is_PortAlreadyAllocated()
    {
        var f = new AllocatorFixture();
        f.Ports.Allocate(30005);
        var finding = Single(AllocationRepair.Check(f.Allocator, [
            WithNodePorts("a", Port("http", 80, nodePort: 30005)),
            WithNodePorts("b", Port("http", 80, nodePort: 30005))]));
        Assert.Equal(RepairFindingKind.PortAlreadyAllocated, finding.Kind);
        Assert.Equal(["default/a", "default/b"], finding.Services.AsEnumerable());
        Assert.Equal("PortAlreadyAllocated", finding.Reason);
        Assert.Equal("Port 30005 was assigned to multiple services; please recreate service", finding.Message);
        Assert.Equal("the node port 30005 for service b/default was assigned to multiple services; please recreate", finding.Log);
    }

    [Fact]
    public void A_node_port_outside_the_range_is_PortOutOfRange()
    {
        var f = new AllocatorFixture();
        var finding = Single(AllocationRepair.Check(f.Allocator, [WithNodePorts("web", Port("http", 80, nodePort: 31000))]));
        Assert.Equal(RepairFindingKind.PortOutOfRange, finding.Kind);
        Assert.Equal("PortOutOfRange", finding.Reason);
        Assert.Equal("Port 31000 is not within the port range 30000-30099; please recreate service", finding.Message);
        Assert.Equal("the port 31000 for service web/default is not within the port range 30000-30099; please recreate", finding.Log);
    }

    [Fact]
    public void A_marked_but_unheld_node_port_is_a_leak_logged_without_an_event()
    {
        var f = new AllocatorFixture();
        f.Ports.Allocate(30042);
        var finding = Single(AllocationRepair.Check(f.Allocator, []));
        Assert.Equal(RepairFindingKind.PortLeaked, finding.Kind);
        Assert.Null(finding.Reason);
        Assert.Equal("the node port 30042 may have leaked: flagging for later clean up", finding.Message);
        Assert.Equal(finding.Message, finding.Log);
    }

    // collectServiceNodePorts: one node port under TCP and UDP counts once; twice under one protocol counts twice.
    [Fact]
    public void A_node_port_shared_across_protocols_counts_once_and_repeated_under_one_protocol_counts_twice()
    {
        var f = new AllocatorFixture();
        f.Ports.Allocate(30005);
        var shared = WithNodePorts("dns", Port("dns-tcp", 53, Protocol.TCP, 30005), Port("dns-udp", 53, Protocol.UDP, 30005));
        Assert.True(AllocationRepair.Check(f.Allocator, [shared]).IsClean);

        var twice = WithNodePorts("web", Port("a", 80, Protocol.TCP, 30005), Port("b", 81, Protocol.TCP, 30005));
        var finding = Single(AllocationRepair.Check(f.Allocator, [twice]));
        Assert.Equal(RepairFindingKind.PortAlreadyAllocated, finding.Kind);
        Assert.Equal(["default/web", "default/web"], finding.Services.AsEnumerable());
    }

    [Fact]
    public void The_health_check_node_port_counts_unless_only_non_TCP_ports_use_it()
    {
        var f = new AllocatorFixture();
        f.Ports.Allocate(30005);
        f.Ports.Allocate(30006);
        Service Lb(Protocol protocol, int health) => new()
        {
            Name = "lb",
            Spec = new ServiceSpec
            {
                Type = ServiceType.LoadBalancer,
                ExternalTrafficPolicy = TrafficPolicy.Local,
                Ports = [Port("p", 53, protocol, 30005)],
                HealthCheckNodePort = health,
            },
        };

        Assert.True(AllocationRepair.Check(f.Allocator, [Lb(Protocol.TCP, 30006)]).IsClean);
        Assert.Equal(
            [RepairFindingKind.PortLeaked],
            AllocationRepair.Check(f.Allocator, [Lb(Protocol.UDP, 30005)]).Findings.Select(x => x.Kind));
        Assert.Equal(
            [RepairFindingKind.PortAlreadyAllocated, RepairFindingKind.PortLeaked],
            AllocationRepair.Check(f.Allocator, [Lb(Protocol.TCP, 30005)]).Findings.Select(x => x.Kind));
    }

    // Upstream collects node ports from every Service whatever its type; the API server allocates none
    // for an ExternalName Service, so node ports it keeps are reported (and upstream's repair marks them).
    [Fact]
    public void Node_ports_an_ExternalName_Service_keeps_are_reported_as_not_allocated()
    {
        var f = new AllocatorFixture();
        var created = f.Allocator.Create(Svc(ServiceType.ExternalName, Port("http", 80, nodePort: 30007))).Service;
        Assert.Equal(30007, created.Spec.Ports[0].NodePort);
        var finding = Single(AllocationRepair.Check(f.Allocator, [created]));
        Assert.Equal(RepairFindingKind.PortNotAllocated, finding.Kind);
        Assert.Equal("30007", finding.Value);
    }

    [Fact]
    public void The_check_changes_no_allocator()
    {
        var f = new AllocatorFixture(dualStack: true);
        f.V4.Allocate(IPAddress.Parse("10.0.0.9"));
        f.V6!.Allocate(IPAddress.Parse("fd00::9"));
        f.Ports.Allocate(30042);
        var before = f.Snapshot();
        var report = AllocationRepair.Check(f.V4.Bitmap, f.V6!.Bitmap, f.Ports, [WithIPs("web", "10.0.0.5", "fd00::5"), WithNodePorts("np", Port("http", 80, nodePort: 30001))]);
        Assert.Equal(6, report.Findings.Length);
        Assert.Equal(before, f.Snapshot());
    }

    [Fact]
    public void Findings_come_in_report_order()
    {
        var f = new AllocatorFixture();
        f.Ports.Allocate(30090);
        f.V4.Allocate(IPAddress.Parse("10.0.0.200"));
        var report = AllocationRepair.Check(f.Allocator, [
            WithNodePorts("np", Port("http", 80, nodePort: 30001)) with { Spec = new ServiceSpec { Type = ServiceType.NodePort, ClusterIP = "10.0.0.4", Ports = [Port("http", 80, nodePort: 30001)] } },
            WithIPs("web", "10.0.0.5")]);
        Assert.Equal(
            [RepairFindingKind.ClusterIPNotAllocated, RepairFindingKind.ClusterIPNotAllocated, RepairFindingKind.ClusterIPLeaked,
             RepairFindingKind.PortNotAllocated, RepairFindingKind.PortLeaked],
            report.Findings.Select(x => x.Kind));
        Assert.Equal([RepairFindingKind.PortLeaked], report.OfKind(RepairFindingKind.PortLeaked).Select(x => x.Kind));
    }

    [Fact]
    public void Arguments_are_checked()
    {
        var f = new AllocatorFixture();
        Assert.Throws<ArgumentNullException>(() => AllocationRepair.Check(null!, []));
        Assert.Throws<ArgumentNullException>(() => AllocationRepair.Check(f.Allocator, null!));
        Assert.Throws<ArgumentNullException>(() => AllocationRepair.Check(null!, null, f.Ports, []));
        Assert.Throws<ArgumentNullException>(() => AllocationRepair.Check(f.V4.Bitmap, null, null!, []));
        var ex = Assert.Throws<ArgumentException>(() => AllocationRepair.Check(f.Allocator, [null!]));
        Assert.Equal("liveServices", ex.ParamName);
        var sameFamily = new ClusterIPAllocator(ServiceCidr.Parse("10.1.0.0/24"));
        Assert.Equal("secondaryClusterIPs", Assert.Throws<ArgumentException>(() => AllocationRepair.Check(f.V4.Bitmap, sameFamily, f.Ports, [])).ParamName);
    }

    [Fact]
    public void Default_arrays_read_as_empty_and_equality_is_by_value()
    {
        var report = new RepairReport { Findings = default };
        Assert.True(report.IsClean);
        var finding = new RepairFinding { Kind = RepairFindingKind.PortLeaked, Value = "30001", Message = "m", Log = "m", Services = default };
        Assert.Empty(finding.Services);
        Assert.Equal(finding with { Services = ["default/a"] }, finding with { Services = ImmutableArray.Create("default/a") });
        Assert.NotEqual(finding with { Services = ["default/a"] }, finding);
        Assert.Equal(new RepairReport { Findings = [finding] }, new RepairReport { Findings = [finding with { }] });
        Assert.Equal(new RepairReport { Findings = [finding] }.GetHashCode(), new RepairReport { Findings = [finding with { }] }.GetHashCode());
        Assert.NotEqual(new RepairReport { Findings = [finding] }, report);
    }
}
