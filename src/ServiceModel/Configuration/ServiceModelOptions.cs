using System.Collections.Immutable;
using Microsoft.Extensions.Options;
using ServiceModel.Services;
using ServiceModel.Discovery;
using ServiceModel.Networking;

namespace ServiceModel.Configuration;

/// <summary>
/// The cluster settings ServiceModel needs, mirroring the API server's
/// <c>--service-cluster-ip-range</c> and <c>--service-node-port-range</c> flags and
/// kube-controller-manager's <c>--max-endpoints-per-slice</c>.
/// </summary>
/// <remarks>
/// <para>
/// The ranges are kept as the flag text so that configuration binding (including the AOT-friendly
/// binder source generator) works with plain strings; <see cref="GetServiceClusterIPRanges"/> and
/// <see cref="GetServiceNodePortRange"/> give the typed values. Validation is done by
/// <see cref="ServiceModelOptionsValidator"/> (registered by
/// <see cref="ServiceModelServiceCollectionExtensions.AddServiceModel(Microsoft.Extensions.DependencyInjection.IServiceCollection)"/> with <c>ValidateOnStart</c>).
/// </para>
/// <para>Defaults:</para>
/// <list type="table">
/// <item><term><see cref="ServiceClusterIPRange"/></term><description><c>"10.0.0.0/24"</c> (<see cref="DefaultServiceClusterIPRange"/>, kube-apiserver's <c>DefaultServiceIPCIDR</c>)</description></item>
/// <item><term><see cref="ServiceNodePortRange"/></term><description><c>"30000-32767"</c> (<see cref="DefaultServiceNodePortRange"/>)</description></item>
/// <item><term><see cref="MaxEndpointsPerSlice"/></term><description>100 (<see cref="DefaultMaxEndpointsPerSlice"/>), at most 1000</description></item>
/// <item><term><see cref="UseServiceCidrs"/></term><description><see langword="false"/> (the classic bitmap allocator)</description></item>
/// <item><term><see cref="AllocatorSeed"/></term><description><see langword="null"/> (unseeded allocators)</description></item>
/// </list>
/// </remarks>
/// <threadsafety>
/// A mutable settings bag, as the options pattern expects: configure it before the container builds
/// the allocators and do not change it afterwards. The getters that parse are safe to call concurrently
/// when nothing writes.
/// </threadsafety>
public sealed class ServiceModelOptions
{
    /// <summary>kube-apiserver's default ClusterIP range when the flag is not given: <c>"10.0.0.0/24"</c>.</summary>
    public const string DefaultServiceClusterIPRange = "10.0.0.0/24";

    /// <summary>kube-apiserver's default NodePort range: <c>"30000-32767"</c>.</summary>
    public const string DefaultServiceNodePortRange = "30000-32767";

    /// <summary>kube-controller-manager's default <c>--max-endpoints-per-slice</c>: 100.</summary>
    public const int DefaultMaxEndpointsPerSlice = EndpointSliceReconciler.DefaultMaxEndpointsPerSlice;

    /// <summary>The largest <c>--max-endpoints-per-slice</c> kube-controller-manager accepts: 1000.</summary>
    public const int MaxEndpointsPerSliceLimit = EndpointSliceReconciler.MaxEndpointsPerSliceLimit;

    /// <summary>
    /// The ClusterIP range(s), as the <c>--service-cluster-ip-range</c> flag takes them: one CIDR, or
    /// two of different families separated by a comma (<c>"10.96.0.0/12,fd00:10:96::/108"</c>), primary
    /// first. The primary's family is the default family of single-stack Services.
    /// Default <see cref="DefaultServiceClusterIPRange"/> (<c>"10.0.0.0/24"</c>).
    /// </summary>
    public string ServiceClusterIPRange { get; set; } = DefaultServiceClusterIPRange;

    /// <summary>
    /// The NodePort range, as the <c>--service-node-port-range</c> flag takes it (<c>"30000-32767"</c>,
    /// <c>"30000+2767"</c> or a single port). Default <see cref="DefaultServiceNodePortRange"/>.
    /// </summary>
    public string ServiceNodePortRange { get; set; } = DefaultServiceNodePortRange;

    /// <summary>
    /// The most endpoints one EndpointSlice holds (kube-controller-manager's <c>--max-endpoints-per-slice</c>),
    /// 1-1000. Default <see cref="DefaultMaxEndpointsPerSlice"/> (100).
    /// </summary>
    public int MaxEndpointsPerSlice { get; set; } = DefaultMaxEndpointsPerSlice;

    /// <summary>
    /// Whether ClusterIPs come from ServiceCIDR objects (the allocator of Kubernetes 1.33+,
    /// <c>MultiCIDRServiceAllocator</c>): one <see cref="Allocation.ServiceCidrAllocator"/> seeded with
    /// the default ServiceCIDR <c>kubernetes</c> built from <see cref="ServiceClusterIPRange"/>, to
    /// which more ranges can be added while it runs. With it on, a ClusterIP range may have up to
    /// 64 host bits (<see cref="ServiceModelOptionsValidator.MaxServiceCidrRangeHostBits"/>) instead of
    /// the bitmap's 20. Default <see langword="false"/>: the classic bitmap, one
    /// <see cref="Allocation.ClusterIPAllocator"/> per family, for compatibility.
    /// </summary>
    public bool UseServiceCidrs { get; set; }

    /// <summary>
    /// The seed of the <see cref="Random"/> each allocator built from these options uses for its scan
    /// start; a value makes allocation sequences reproducible (each allocator gets its own instance).
    /// Default <see langword="null"/>: unseeded.
    /// </summary>
    public int? AllocatorSeed { get; set; }

    /// <summary>The configured ClusterIP ranges, primary first (one or two).</summary>
    /// <returns>The parsed ranges.</returns>
    /// <exception cref="FormatException">
    /// <see cref="ServiceClusterIPRange"/> is not one or two valid CIDRs; the message gives every reason
    /// (the texts of <see cref="ServiceModelOptionsValidator"/>).
    /// </exception>
    public ImmutableArray<ServiceCidr> GetServiceClusterIPRanges()
    {
        var errors = new List<string>();
        var ranges = ServiceModelOptionsValidator.ParseClusterIPRanges(ServiceClusterIPRange, UseServiceCidrs, errors);
        return errors.Count == 0 ? ranges : throw new FormatException(string.Join("; ", errors));
    }

    /// <summary>The configured NodePort range.</summary>
    /// <returns>The parsed range.</returns>
    /// <exception cref="FormatException"><see cref="ServiceNodePortRange"/> is not a valid port range.</exception>
    public PortRange GetServiceNodePortRange()
    {
        var errors = new List<string>();
        var range = ServiceModelOptionsValidator.ParseNodePortRange(ServiceNodePortRange, errors);
        return errors.Count == 0 ? range : throw new FormatException(errors[0]);
    }

    /// <summary>
    /// Validates these options and builds what <c>AddServiceModel</c> registers, without a
    /// container: a <see cref="ServiceAllocator"/> over a <c>ClusterIPAllocator</c> per configured
    /// family (or, with <see cref="UseServiceCidrs"/>, one <c>ServiceCidrAllocator</c> holding the
    /// default ServiceCIDR) and a <c>NodePortAllocator</c>, seeded from <see cref="AllocatorSeed"/> when it is set.
    /// </summary>
    /// <returns>A new allocator that owns new, empty allocators.</returns>
    /// <exception cref="OptionsValidationException">
    /// The options are invalid; <see cref="OptionsValidationException.Failures"/> holds every
    /// message of <see cref="ServiceModelOptionsValidator"/>.
    /// </exception>
    public ServiceAllocator CreateServiceAllocator()
    {
        var result = new ServiceModelOptionsValidator().Validate(Options.DefaultName, this);
        if (result.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(ServiceModelOptions), result.Failures);
        }

        return new ServiceModelAllocators(Options.Create(this)).CreateServiceAllocator();
    }
}
