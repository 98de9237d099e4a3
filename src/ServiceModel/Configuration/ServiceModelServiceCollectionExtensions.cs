using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ServiceModel.Allocation;
using ServiceModel.Discovery;
using ServiceModel.Networking;
using ServiceModel.Services;

namespace ServiceModel.Configuration;

/// <summary>Registers ServiceModel's options, validation and allocators in a service collection.</summary>
public static class ServiceModelServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="ServiceModelOptions"/> (validated by <see cref="ServiceModelOptionsValidator"/>,
    /// with <c>ValidateOnStart</c>) and, as singletons built from them: the primary family's
    /// <see cref="ClusterIPAllocator"/> (unkeyed), a <see cref="ClusterIPAllocator"/> keyed by each
    /// configured <see cref="IPFamily"/>, the <see cref="NodePortAllocator"/>, the
    /// <see cref="ServiceAllocator"/> transaction over them, and an <see cref="EndpointSliceReconciler"/>
    /// with <see cref="ServiceModelOptions.MaxEndpointsPerSlice"/>. With
    /// <see cref="ServiceModelOptions.UseServiceCidrs"/> on, one <see cref="ServiceCidrAllocator"/>
    /// holding the default ServiceCIDR <c>kubernetes</c> (built from the range option) replaces the
    /// <see cref="ClusterIPAllocator"/>s, and the <see cref="ServiceAllocator"/> takes ClusterIPs from it.
    /// </summary>
    /// <param name="services">The collection.</param>
    /// <returns>
    /// The options builder, so configuration chains as in every Microsoft.Extensions package:
    /// <c>services.AddServiceModel().BindConfiguration("ServiceModel")</c> (with
    /// Microsoft.Extensions.Options.ConfigurationExtensions referenced by the host) or
    /// <c>.Configure(o =&gt; …)</c>.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    /// <remarks>
    /// Calling it twice is harmless (registrations are added once; every configuration runs, in order).
    /// Resolving an allocator with invalid options throws <see cref="OptionsValidationException"/>; a host
    /// reports the same failure at start. Resolving the keyed allocator of a family that is not configured
    /// throws <see cref="InvalidOperationException"/>, as does resolving a <see cref="ClusterIPAllocator"/>
    /// with <see cref="ServiceModelOptions.UseServiceCidrs"/> on, or the <see cref="ServiceCidrAllocator"/> with it off.
    /// </remarks>
    public static OptionsBuilder<ServiceModelOptions> AddServiceModel(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = services.AddOptions<ServiceModelOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ServiceModelOptions>, ServiceModelOptionsValidator>());
        services.TryAddSingleton<ServiceModelAllocators>();
        services.TryAddSingleton(sp => sp.GetRequiredService<ServiceModelAllocators>().Primary);
        services.TryAddKeyedSingleton(IPFamily.IPv4, (sp, _) => sp.GetRequiredService<ServiceModelAllocators>().For(IPFamily.IPv4));
        services.TryAddKeyedSingleton(IPFamily.IPv6, (sp, _) => sp.GetRequiredService<ServiceModelAllocators>().For(IPFamily.IPv6));
        services.TryAddSingleton(sp => sp.GetRequiredService<ServiceModelAllocators>().ServiceCidrs);
        services.TryAddSingleton(sp => sp.GetRequiredService<ServiceModelAllocators>().NodePorts);
        services.TryAddSingleton(sp => sp.GetRequiredService<ServiceModelAllocators>().CreateServiceAllocator());
        services.TryAddSingleton(sp => new EndpointSliceReconciler(sp.GetRequiredService<IOptions<ServiceModelOptions>>().Value.MaxEndpointsPerSlice));
        return builder;
    }

    /// <summary>
    /// Adds ServiceModel as <see cref="AddServiceModel(IServiceCollection)"/> does and configures its
    /// options with <paramref name="configure"/>.
    /// </summary>
    /// <param name="services">The collection.</param>
    /// <param name="configure">Configuration of the options, applied after any configured before it.</param>
    /// <returns><paramref name="services"/>, for chaining further registrations.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="configure"/> is null.</exception>
    public static IServiceCollection AddServiceModel(this IServiceCollection services, Action<ServiceModelOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddServiceModel().Configure(configure);
        return services;
    }
}
