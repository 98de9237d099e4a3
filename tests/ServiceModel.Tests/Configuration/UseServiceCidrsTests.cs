using Microsoft.Extensions.DependencyInjection;
using ServiceModel.Allocation;
using ServiceModel.Configuration;
using ServiceModel.Networking;
using ServiceModel.Services;

namespace ServiceModel.Tests.Configuration;

public class UseServiceCidrsTests
{
    private static IReadOnlyList<string> Failures(string range, bool useServiceCidrs)
    {
        var options = new ServiceModelOptions { ServiceClusterIPRange = range, UseServiceCidrs = useServiceCidrs };
        var result = new ServiceModelOptionsValidator().Validate(null, options);
        return result.Failed ? [.. result.Failures!] : [];
    }

    [Fact]
    public void The_switch_is_off_by_default()
    {
        Assert.False(new ServiceModelOptions().UseServiceCidrs);
        Assert.Null(new ServiceModelOptions().CreateServiceAllocator().ServiceCidrs);
    }

    [Theory]
    [InlineData("10.0.0.0/8")]
    [InlineData("3000::/64")]
    [InlineData("10.0.0.0/8,fd00::/64")]
    public void With_the_switch_a_range_may_have_up_to_64_host_bits(string range)
    {
        Assert.NotEmpty(Failures(range, useServiceCidrs: false));
        Assert.Empty(Failures(range, useServiceCidrs: true));
    }

    [Theory]
    [InlineData("3000::/63", "specified --service-cluster-ip-range is too large; for 128-bit addresses, the mask must be >= 64")]
    [InlineData("10.0.0.0/16,3000::/48", "specified --service-cluster-ip-range[1] is too large; for 128-bit addresses, the mask must be >= 64")]
    [InlineData("10.0.0.0/30", "error determining service IP ranges for primary service cidr: the service cluster IP range must be at least 8 IP addresses")]
    public void With_the_switch_larger_ranges_fail_with_upstream_text(string range, string message)
    {
        Assert.Equal([message], Failures(range, useServiceCidrs: true));
    }

    [Fact]
    public void The_container_builds_one_ServiceCIDR_allocator_holding_the_default_ServiceCIDR()
    {
        using var provider = new ServiceCollection()
            .AddServiceModel(o =>
            {
                o.UseServiceCidrs = true;
                o.ServiceClusterIPRange = "fd00:10:96::/64,10.96.0.0/12";
                o.AllocatorSeed = 3;
            })
            .BuildServiceProvider();
        var serviceCidrs = provider.GetRequiredService<ServiceCidrAllocator>();
        Assert.Same(serviceCidrs, provider.GetRequiredService<ServiceCidrAllocator>());
        var kubernetes = Assert.Single(serviceCidrs.ServiceCidrs);
        Assert.Equal(ServiceCidrObject.DefaultName, kubernetes.Name);
        Assert.Equal(["fd00:10:96::/64", "10.96.0.0/12"], kubernetes.Cidrs.AsEnumerable());
        Assert.True(kubernetes.IsReady);

        var allocator = provider.GetRequiredService<ServiceAllocator>();
        Assert.Same(serviceCidrs, allocator.ServiceCidrs);
        Assert.Same(provider.GetRequiredService<NodePortAllocator>(), allocator.NodePorts);
        Assert.Equal([IPFamily.IPv6, IPFamily.IPv4], allocator.IPFamilies.AsEnumerable());

        var created = allocator.Create(new Service { Name = "web", Spec = new ServiceSpec { Ports = [new ServicePort { Port = 80 }] } }).Service;
        Assert.True(serviceCidrs.IsAllocated(System.Net.IPAddress.Parse(created.Spec.ClusterIP!)));
        Assert.Equal(ParentReference.ForService("default", "web"), Assert.Single(serviceCidrs.ListIPAddresses()).ParentRef);

        var ex = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<ClusterIPAllocator>());
        Assert.Contains("UseServiceCidrs is on", ex.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => provider.GetRequiredKeyedService<ClusterIPAllocator>(IPFamily.IPv4));
    }

    [Fact]
    public void Without_the_switch_the_container_has_no_ServiceCIDR_allocator()
    {
        using var provider = new ServiceCollection().AddServiceModel(_ => { }).BuildServiceProvider();
        var ex = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<ServiceCidrAllocator>());
        Assert.Contains("UseServiceCidrs is off", ex.Message, StringComparison.Ordinal);
        Assert.NotNull(provider.GetRequiredService<ServiceAllocator>().GetClusterIPAllocator(IPFamily.IPv4));
    }

    [Fact]
    public void CreateServiceAllocator_with_the_switch_runs_on_a_seeded_ServiceCIDR_allocator()
    {
        static string FirstIP()
            => new ServiceModelOptions { UseServiceCidrs = true, ServiceClusterIPRange = "10.96.0.0/12", AllocatorSeed = 42 }
                .CreateServiceAllocator()
                .Create(new Service { Name = "web", Spec = new ServiceSpec { Ports = [new ServicePort { Port = 80 }] } })
                .Service.Spec.ClusterIP!;

        Assert.Equal(FirstIP(), FirstIP());
        Assert.True(ServiceCidr.Parse("10.96.0.0/12").Contains(System.Net.IPAddress.Parse(FirstIP())));
    }
}
