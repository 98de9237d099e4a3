using System.Collections.Immutable;
using System.Net;
using ServiceModel.Allocation;
using ServiceModel.Networking;

namespace ServiceModel.Services;

/// <summary>
/// Records the allocations of one <see cref="ServiceAllocator"/> operation so they can be undone,
/// and defers releases until the operation succeeds (upstream's allocate-now, release-on-commit).
/// Single-threaded: the <see cref="ServiceAllocator"/> lock is held throughout.
/// </summary>
internal sealed class ServiceAllocationTransaction
{
    private readonly List<(IClusterIPFamilyAllocator Allocator, IPAddress IP)> _allocatedIPs = [];
    private readonly List<(IClusterIPFamilyAllocator Allocator, IPAddress IP)> _releaseIPs = [];
    private readonly List<int> _allocatedPorts = [];
    private readonly List<int> _releasePorts = [];
    private readonly NodePortAllocator _nodePorts;

    public ServiceAllocationTransaction(NodePortAllocator nodePorts) => _nodePorts = nodePorts;

    /// <summary>Allocates a requested address; the allocator's exception passes through.</summary>
    public void AllocateIP(IClusterIPFamilyAllocator allocator, IPAddress ip, ParentReference parent)
    {
        allocator.Allocate(ip, parent);
        _allocatedIPs.Add((allocator, ip));
    }

    public bool TryAllocateNextIP(IClusterIPFamilyAllocator allocator, ParentReference parent, out IPAddress? ip)
    {
        if (!allocator.TryAllocateNext(parent, out ip))
        {
            return false;
        }

        _allocatedIPs.Add((allocator, ip));
        return true;
    }

    public void ReleaseIPOnCommit(IClusterIPFamilyAllocator allocator, IPAddress ip) => _releaseIPs.Add((allocator, ip));

    /// <summary>Allocates a requested port; the allocator's exception passes through.</summary>
    public void AllocatePort(int port)
    {
        _nodePorts.Allocate(port);
        _allocatedPorts.Add(port);
    }

    public bool TryAllocateNextPort(out int port)
    {
        if (!_nodePorts.TryAllocateNext(out port))
        {
            return false;
        }

        _allocatedPorts.Add(port);
        return true;
    }

    public void ReleasePortOnCommit(int port) => _releasePorts.Add(port);

    /// <summary>Undoes every allocation, newest first; deferred releases are dropped.</summary>
    public void Rollback()
    {
        for (var i = _allocatedPorts.Count - 1; i >= 0; i--)
        {
            _nodePorts.Release(_allocatedPorts[i]);
        }

        for (var i = _allocatedIPs.Count - 1; i >= 0; i--)
        {
            _allocatedIPs[i].Allocator.Release(_allocatedIPs[i].IP);
        }
    }

    /// <summary>
    /// Finishes the operation: applies the deferred releases, or for a dry run undoes the allocations
    /// and only reports what the releases would free.
    /// </summary>
    public ServiceAllocation Complete(Service service, bool dryRun)
    {
        if (dryRun)
        {
            Rollback();
        }

        // A dry run releases nothing, so a value listed twice must be reported once: the sets stand
        // in for the allocator state a real release would have changed.
        var releasedIPs = ImmutableArray.CreateBuilder<IPAddress>();
        var reportedIPs = dryRun ? new HashSet<IPAddress>() : null;
        foreach (var (allocator, ip) in _releaseIPs)
        {
            if (reportedIPs is not null ? allocator.IsAllocated(ip) && reportedIPs.Add(ip) : allocator.Release(ip))
            {
                releasedIPs.Add(ip);
            }
        }

        var releasedPorts = ImmutableArray.CreateBuilder<int>();
        var reportedPorts = dryRun ? new HashSet<int>() : null;
        foreach (var port in _releasePorts)
        {
            if (reportedPorts is not null ? _nodePorts.IsAllocated(port) && reportedPorts.Add(port) : _nodePorts.Release(port))
            {
                releasedPorts.Add(port);
            }
        }

        return new ServiceAllocation
        {
            Service = service,
            IsDryRun = dryRun,
            AllocatedClusterIPs = [.. _allocatedIPs.Select(a => a.IP)],
            ReleasedClusterIPs = releasedIPs.ToImmutable(),
            AllocatedNodePorts = [.. _allocatedPorts],
            ReleasedNodePorts = releasedPorts.ToImmutable(),
        };
    }
}
