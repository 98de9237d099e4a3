using ServiceModel.Allocation;
using ServiceModel.Networking;

namespace ServiceModel.Benchmarks;

/// <summary>The two benchmarks.md ranges, filled by <see cref="FillPattern"/>, for ours and the baseline.</summary>
public sealed class AllocatorFixture
{
    public const string ClusterIP = "10.0.0.0/12";
    public const string NodePort = "30000-32767";

    public AllocatorFixture(string range, int fill)
    {
        Ranges = range;
        if (range == ClusterIP)
        {
            ClusterIPs = new ClusterIPAllocator(ServiceCidr.Parse("10.0.0.0/12"), new Random(42));
            Max = (int)ClusterIPs.Capacity;
            Band = (int)ClusterIPs.StaticBandSize;
        }
        else
        {
            NodePorts = new NodePortAllocator(PortRange.Default, new Random(42));
            Max = NodePorts.Capacity;
            Band = NodePorts.StaticBandSize;
        }

        Naive = new NaiveBitmap(Max, Band, new Random(42));
        foreach (var offset in FillPattern.Offsets(Max, fill))
        {
            Naive.Set(offset);
            if (ClusterIPs is not null)
            {
                ClusterIPs.TryAllocateOffset(offset);
            }
            else
            {
                NodePorts!.Allocate(PortRange.Default.First + offset);
            }
        }

        // The first free offset at or after max/2, for Allocate(specific)+Release.
        FreeOffset = Max / 2;
        while (Naive.Has(FreeOffset))
        {
            FreeOffset++;
        }
    }

    public string Ranges { get; }

    public int Max { get; }

    public int Band { get; }

    public int FreeOffset { get; }

    public ClusterIPAllocator? ClusterIPs { get; }

    public NodePortAllocator? NodePorts { get; }

    public NaiveBitmap Naive { get; }
}
