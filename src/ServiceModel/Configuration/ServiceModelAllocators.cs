using Microsoft.Extensions.Options;
using ServiceModel.Allocation;
using ServiceModel.Networking;

namespace ServiceModel.Configuration;

/// <summary>The allocators built once from validated options; the container hands out its members.</summary>
internal sealed class ServiceModelAllocators
{
    public ServiceModelAllocators(IOptions<ServiceModelOptions> options)
    {
        var value = options.Value;
        var ranges = value.GetServiceClusterIPRanges();
        Primary = new ClusterIPAllocator(ranges[0], NewRandom(value.AllocatorSeed));
        Secondary = ranges.Length > 1 ? new ClusterIPAllocator(ranges[1], NewRandom(value.AllocatorSeed)) : null;
        NodePorts = new NodePortAllocator(value.GetServiceNodePortRange(), NewRandom(value.AllocatorSeed));
    }

    public ClusterIPAllocator Primary { get; }

    public ClusterIPAllocator? Secondary { get; }

    public NodePortAllocator NodePorts { get; }

    public ClusterIPAllocator For(IPFamily family)
    {
        if (Primary.Cidr.Family == family)
        {
            return Primary;
        }

        if (Secondary is not null && Secondary.Cidr.Family == family)
        {
            return Secondary;
        }

        throw new InvalidOperationException(
            $"{family} is not configured on this cluster: the service cluster IP range is {Primary.Cidr}; "
            + "add a range of that family as the second entry of ServiceModelOptions.ServiceClusterIPRange.");
    }

    private static Random NewRandom(int? seed) => seed is { } s ? new Random(s) : new Random();
}
