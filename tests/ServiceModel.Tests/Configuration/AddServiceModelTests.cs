using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ServiceModel.Allocation;
using ServiceModel.Configuration;
using ServiceModel.Discovery;
using ServiceModel.Networking;
using ServiceModel.Services;

namespace ServiceModel.Tests.Configuration;

public class AddServiceModelTests
{
    [Fact]
    public void Registers_singleton_allocators_from_the_defaults()
    {
        var services = new ServiceCollection();
        services.AddServiceModel();
        using var provider = services.BuildServiceProvider();
        var primary = provider.GetRequiredService<ClusterIPAllocator>();
        Assert.Equal(ServiceCidr.Parse("10.0.0.0/24"), primary.Cidr);
        Assert.Same(primary, provider.GetRequiredService<ClusterIPAllocator>());
        Assert.Same(primary, provider.GetRequiredKeyedService<ClusterIPAllocator>(IPFamily.IPv4));
        Assert.Equal(PortRange.Default, provider.GetRequiredService<NodePortAllocator>().Range);
        Assert.Same(provider.GetRequiredService<NodePortAllocator>(), provider.GetRequiredService<NodePortAllocator>());
    }

    [Fact]
    public void Dual_stack_registers_one_allocator_per_family()
    {
        using var provider = new ServiceCollection()
            .AddServiceModel(o => o.ServiceClusterIPRange = "fd00:10:96::/108,10.96.0.0/12")
            .BuildServiceProvider();
        Assert.Equal(IPFamily.IPv6, provider.GetRequiredService<ClusterIPAllocator>().Cidr.Family);
        Assert.Equal("fd00:10:96::/108", provider.GetRequiredKeyedService<ClusterIPAllocator>(IPFamily.IPv6).Cidr.ToString());
        Assert.Equal("10.96.0.0/12", provider.GetRequiredKeyedService<ClusterIPAllocator>(IPFamily.IPv4).Cidr.ToString());
    }

    [Fact]
    public void The_service_allocator_works_on_the_registered_allocators()
    {
        using var provider = new ServiceCollection()
            .AddServiceModel(o => o.ServiceClusterIPRange = "10.96.0.0/12,fd00:10:96::/108")
            .BuildServiceProvider();
        var allocator = provider.GetRequiredService<ServiceAllocator>();
        Assert.Same(allocator, provider.GetRequiredService<ServiceAllocator>());
        Assert.Same(provider.GetRequiredService<ClusterIPAllocator>(), allocator.PrimaryClusterIPs);
        Assert.Same(provider.GetRequiredKeyedService<ClusterIPAllocator>(IPFamily.IPv6), allocator.SecondaryClusterIPs);
        Assert.Same(provider.GetRequiredService<NodePortAllocator>(), allocator.NodePorts);
        Assert.True(allocator.IsDualStack);

        var service = new Service { Name = "web", Spec = new ServiceSpec { Type = ServiceType.NodePort, Ports = [new ServicePort { Port = 80 }] } };
        var created = allocator.Create(service).Service;
        Assert.True(provider.GetRequiredService<NodePortAllocator>().IsAllocated(created.Spec.Ports[0].NodePort));
    }

    [Fact]
    public void The_endpoint_slice_reconciler_uses_the_configured_slice_size()
    {
        using var provider = new ServiceCollection().AddServiceModel(o => o.MaxEndpointsPerSlice = 7).BuildServiceProvider();
        var reconciler = provider.GetRequiredService<EndpointSliceReconciler>();
        Assert.Equal(7, reconciler.MaxEndpointsPerSlice);
        Assert.Same(reconciler, provider.GetRequiredService<EndpointSliceReconciler>());
        Assert.Equal(EndpointSliceReconciler.DefaultMaxEndpointsPerSlice, new ServiceModelOptions().MaxEndpointsPerSlice);
    }

    [Fact]
    public void An_unconfigured_family_says_so()
    {
        var services = new ServiceCollection();
        services.AddServiceModel();
        using var provider = services.BuildServiceProvider();
        var ex = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredKeyedService<ClusterIPAllocator>(IPFamily.IPv6));
        Assert.Contains("IPv6 is not configured on this cluster", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_on_start_reports_every_upstream_message()
    {
        using var provider = new ServiceCollection()
            .AddServiceModel(o =>
            {
                o.ServiceClusterIPRange = "10.0.0.0/8";
                o.MaxEndpointsPerSlice = 1001;
            })
            .BuildServiceProvider();
        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.Equal(
            [
                "specified --service-cluster-ip-range is too large; for 32-bit addresses, the mask must be >= 12",
                "max-endpoints-per-slice must not be more than 1000, but got 1001",
            ],
            ex.Failures);
        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<ClusterIPAllocator>());
    }

    [Fact]
    public void Valid_options_pass_start_validation()
    {
        using var provider = new ServiceCollection().AddServiceModel(o => o.ServiceNodePortRange = "30000-30099").BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();
        Assert.Equal(100, provider.GetRequiredService<NodePortAllocator>().Capacity);
    }

    [Fact]
    public void A_seed_makes_allocation_reproducible()
    {
        static int[] Run()
        {
            using var provider = new ServiceCollection().AddServiceModel(o => o.AllocatorSeed = 42).BuildServiceProvider();
            var ports = provider.GetRequiredService<NodePortAllocator>();
            return [ports.AllocateNext(), ports.AllocateNext(), ports.AllocateNext()];
        }

        Assert.Equal(Run(), Run());
    }

    [Fact]
    public void Adding_twice_registers_once_and_applies_both_configurations()
    {
        var services = new ServiceCollection()
            .AddServiceModel(o => o.ServiceNodePortRange = "30000-30099")
            .AddServiceModel(o => o.MaxEndpointsPerSlice = 7);
        Assert.Single(services, d => d.ServiceType == typeof(IValidateOptions<ServiceModelOptions>));
        using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<IOptions<ServiceModelOptions>>().Value;
        Assert.Equal(7, options.MaxEndpointsPerSlice);
        Assert.Equal("30000-30099", options.ServiceNodePortRange);
    }

    [Fact]
    public void The_options_builder_chains_further_configuration_and_validation()
    {
        var services = new ServiceCollection();
        services.AddServiceModel()
            .Configure(o => o.ServiceNodePortRange = "30000-30099")
            .PostConfigure(o => o.MaxEndpointsPerSlice = 9);
        using var provider = services.BuildServiceProvider();
        Assert.Equal(100, provider.GetRequiredService<NodePortAllocator>().Capacity);
        Assert.Equal(9, provider.GetRequiredService<EndpointSliceReconciler>().MaxEndpointsPerSlice);
    }

    [Fact]
    public void The_options_builder_is_for_the_default_options_instance()
    {
        var builder = new ServiceCollection().AddServiceModel();
        Assert.Equal(Options.DefaultName, builder.Name);
    }

    [Fact]
    public void A_null_configuration_is_refused()
    {
        Assert.Throws<ArgumentNullException>(() => new ServiceCollection().AddServiceModel(null!));
    }
}
