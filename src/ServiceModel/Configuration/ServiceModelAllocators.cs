using Microsoft.Extensions.Options;
using ServiceModel.Allocation;
using ServiceModel.Networking;
using ServiceModel.Services;

namespace ServiceModel.Configuration;

/// <summary>The allocators built once from validated options; the container hands out its members.</summary>
internal sealed class ServiceModelAllocators
{
    private readonly ServiceCidrAllocator? _serviceCidrs;
    private readonly ClusterIPAllocator? _primary;
    private readonly IPFamily _primaryFamily;
    private readonly IPFamily? _secondaryFamily;

    public ServiceModelAllocators(IOptions<ServiceModelOptions> options)
    {
        var value = options.Value;
        var ranges = value.GetServiceClusterIPRanges();
        _primaryFamily = ranges[0].Family;
        _secondaryFamily = ranges.Length > 1 ? ranges[1].Family : null;
        if (value.UseServiceCidrs)
        {
            // What the API server's default-ServiceCIDR controller creates from the range flag.
            _serviceCidrs = new ServiceCidrAllocator(NewRandom(value.AllocatorSeed));
            _serviceCidrs.AddServiceCidr(ServiceCidrObject.CreateDefault(ranges[0], ranges.Length > 1 ? ranges[1] : null));
        }
        else
        {
            _primary = new ClusterIPAllocator(ranges[0], NewRandom(value.AllocatorSeed));
            Secondary = ranges.Length > 1 ? new ClusterIPAllocator(ranges[1], NewRandom(value.AllocatorSeed)) : null;
        }

        NodePorts = new NodePortAllocator(value.GetServiceNodePortRange(), NewRandom(value.AllocatorSeed));
    }

    public ClusterIPAllocator Primary => _primary ?? throw BitmapOff();

    public ClusterIPAllocator? Secondary { get; }

    public ServiceCidrAllocator ServiceCidrs => _serviceCidrs ?? throw new InvalidOperationException(
        "ServiceModelOptions.UseServiceCidrs is off: ClusterIPs come from one ClusterIPAllocator per family; "
        + "turn it on to allocate from ServiceCIDRs.");

    public NodePortAllocator NodePorts { get; }

    public ClusterIPAllocator For(IPFamily family)
    {
        if (_primary is null)
        {
            throw BitmapOff();
        }

        if (_primary.Cidr.Family == family)
        {
            return _primary;
        }

        if (Secondary is not null && Secondary.Cidr.Family == family)
        {
            return Secondary;
        }

        throw new InvalidOperationException(
            $"{family} is not configured on this cluster: the service cluster IP range is {_primary.Cidr}; "
            + "add a range of that family as the second entry of ServiceModelOptions.ServiceClusterIPRange.");
    }

    public ServiceAllocator CreateServiceAllocator()
        => _serviceCidrs is not null
            ? new ServiceAllocator(_serviceCidrs, _primaryFamily, _secondaryFamily, NodePorts)
            : new ServiceAllocator(Primary, Secondary, NodePorts);

    private static InvalidOperationException BitmapOff() => new(
        "ServiceModelOptions.UseServiceCidrs is on: ClusterIPs come from the ServiceCidrAllocator, not from a ClusterIPAllocator.");

    private static Random NewRandom(int? seed) => seed is { } s ? new Random(s) : new Random();
}
