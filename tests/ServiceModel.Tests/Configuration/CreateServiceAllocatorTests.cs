using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ServiceModel.Configuration;
using ServiceModel.Networking;
using ServiceModel.Services;

namespace ServiceModel.Tests.Configuration;

public class CreateServiceAllocatorTests
{
    [Fact]
    public void Builds_the_configured_families_and_node_port_range_without_a_container()
    {
        var options = new ServiceModelOptions { ServiceClusterIPRange = "10.96.0.0/16,fd00:10:96::/112", ServiceNodePortRange = "30000-35999" };
        var allocator = options.CreateServiceAllocator();
        Assert.Equal(ServiceCidr.Parse("10.96.0.0/16"), allocator.PrimaryClusterIPs.Cidr);
        Assert.Equal(ServiceCidr.Parse("fd00:10:96::/112"), allocator.SecondaryClusterIPs!.Cidr);
        Assert.Equal(PortRange.Parse("30000-35999"), allocator.NodePorts.Range);
        Assert.Equal(0, allocator.PrimaryClusterIPs.Used);
    }

    [Fact]
    public void Invalid_options_throw_every_validator_message()
    {
        var options = new ServiceModelOptions { ServiceClusterIPRange = "10.0.0.0/8", MaxEndpointsPerSlice = 1001 };
        var ex = Assert.Throws<OptionsValidationException>(options.CreateServiceAllocator);
        Assert.Contains("specified --service-cluster-ip-range is too large; for 32-bit addresses, the mask must be >= 12", ex.Failures);
        Assert.Contains("max-endpoints-per-slice must not be more than 1000, but got 1001", ex.Failures);
    }

    [Fact]
    public void The_same_seed_allocates_what_the_container_allocates()
    {
        var options = new ServiceModelOptions { ServiceClusterIPRange = "10.96.0.0/12", AllocatorSeed = 5 };
        var service = new Service
        {
            Name = "web",
            Spec = new ServiceSpec { Type = ServiceType.NodePort, Ports = [new ServicePort { Port = 80 }] },
        };

        var direct = options.CreateServiceAllocator().Create(service).Service;
        using var provider = new ServiceCollection()
            .AddServiceModel(o => { o.ServiceClusterIPRange = "10.96.0.0/12"; o.AllocatorSeed = 5; })
            .BuildServiceProvider();
        var viaContainer = provider.GetRequiredService<ServiceAllocator>().Create(service).Service;

        Assert.Equal(viaContainer.Spec.ClusterIP, direct.Spec.ClusterIP);
        Assert.Equal(viaContainer.Spec.Ports[0].NodePort, direct.Spec.Ports[0].NodePort);
    }
}
