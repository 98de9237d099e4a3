using System.Net;
using ServiceModel.Allocation;
using ServiceModel.Networking;
using ServiceModel.Services;
using static ServiceModel.Tests.Services.AllocatorFixture;

namespace ServiceModel.Tests.Services;

// What differs, or must not differ, when a ServiceAllocator takes ClusterIPs from ServiceCIDRs.
public class ServiceAllocatorServiceCidrTests
{
    [Theory]
    [InlineData(IPEngine.Bitmap, "the provided IP (10.1.0.1) is not in the valid range. The range of valid IPs is 10.0.0.0/24")]
    [InlineData(IPEngine.ServiceCidrs, "the provided network does not match the current range")]
    public void A_requested_IP_outside_every_range_fails_with_the_allocators_own_reason_inside_one_service_text(IPEngine engine, string reason)
    {
        var f = new AllocatorFixture(engine: engine);
        var before = f.Snapshot();
        var service = Svc(ServiceType.ClusterIP, Port("http", 80)) with { Spec = Svc(ServiceType.ClusterIP, Port("http", 80)).Spec with { ClusterIP = "10.1.0.1" } };
        var ex = Assert.Throws<ServiceValidationException>(() => f.Allocator.Create(service));
        Assert.Equal($"Service \"web\" is invalid: spec.clusterIPs: Invalid value: [\"10.1.0.1\"]: failed to allocate IP 10.1.0.1: {reason}", ex.Message);
        Assert.Equal(before, f.Snapshot());
    }

    [Fact]
    public void Each_allocated_address_names_its_service_as_parent_and_delete_removes_the_IPAddress_objects()
    {
        var f = new AllocatorFixture(dualStack: true, engine: IPEngine.ServiceCidrs);
        var spec = Svc(ServiceType.ClusterIP, Port("http", 80)).Spec with { IPFamilyPolicy = IPFamilyPolicy.RequireDualStack };
        var created = f.Allocator.Create(new Service { Name = "api", Namespace = "shop", Spec = spec }).Service;

        var objects = f.ServiceCidrs!.ListIPAddresses();
        Assert.Equal(created.Spec.ClusterIPs.Select(ip => IPAddress.Parse(ip).ToString()).Order(StringComparer.Ordinal), objects.Select(o => o.Name));
        Assert.All(objects, o => Assert.Equal(ParentReference.ForService("shop", "api"), o.ParentRef));

        f.Allocator.Delete(created);
        Assert.Empty(f.ServiceCidrs.ListIPAddresses());
    }

    [Fact]
    public void A_ServiceCIDR_added_while_running_hands_out_addresses_once_the_first_is_full()
    {
        var f = new AllocatorFixture(ipv4: "10.0.0.0/30", engine: IPEngine.ServiceCidrs);
        f.Allocator.Create(Svc(ServiceType.ClusterIP, Port("http", 80)) with { Name = "a" });
        f.Allocator.Create(Svc(ServiceType.ClusterIP, Port("http", 80)) with { Name = "b" });
        Assert.Throws<AllocationException>(() => f.Allocator.Create(Svc(ServiceType.ClusterIP, Port("http", 80)) with { Name = "c" }));

        f.ServiceCidrs!.AddServiceCidr(new ServiceCidrObject { Name = "extra", Cidrs = ["10.0.1.0/30"] });
        var third = f.Allocator.Create(Svc(ServiceType.ClusterIP, Port("http", 80)) with { Name = "c" }).Service;
        Assert.True(ServiceCidr.Parse("10.0.1.0/30").Contains(IPAddress.Parse(third.Spec.ClusterIP!)));
    }

    [Fact]
    public void The_bitmap_accessors_say_where_the_addresses_are()
    {
        var f = new AllocatorFixture(dualStack: true, engine: IPEngine.ServiceCidrs);
        Assert.Same(f.ServiceCidrs, f.Allocator.ServiceCidrs);
        Assert.True(f.Allocator.IsDualStack);
        Assert.Equal([IPFamily.IPv4, IPFamily.IPv6], f.Allocator.IPFamilies.AsEnumerable());
        Assert.Null(f.Allocator.SecondaryClusterIPs);
        Assert.Null(f.Allocator.GetClusterIPAllocator(IPFamily.IPv4));
        var ex = Assert.Throws<InvalidOperationException>(() => f.Allocator.PrimaryClusterIPs);
        Assert.Contains("ServiceCIDRs", ex.Message, StringComparison.Ordinal);
        Assert.Null(new AllocatorFixture().Allocator.ServiceCidrs);
    }

    [Fact]
    public void The_ServiceCIDR_constructor_checks_its_arguments()
    {
        var ports = new NodePortAllocator(PortRange.Default);
        var cidrs = new ServiceCidrAllocator();
        Assert.Throws<ArgumentNullException>(() => new ServiceAllocator(null!, IPFamily.IPv4, null, ports));
        Assert.Throws<ArgumentNullException>(() => new ServiceAllocator(cidrs, IPFamily.IPv4, null, null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ServiceAllocator(cidrs, (IPFamily)7, null, ports));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ServiceAllocator(cidrs, IPFamily.IPv4, (IPFamily)7, ports));
        Assert.Throws<ArgumentException>(() => new ServiceAllocator(cidrs, IPFamily.IPv6, IPFamily.IPv6, ports));
    }
}
