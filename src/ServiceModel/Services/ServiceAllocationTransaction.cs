using System.Collections.Immutable;
using System.Net;
using ServiceModel.Allocation;

namespace ServiceModel.Services;

/// <summary>
/// Records the allocations of one <see cref="ServiceAllocator"/> operation so they can be undone,
/// and defers releases until the operation succeeds (upstream's allocate-now, release-on-commit).
/// Single-threaded: the <see cref="ServiceAllocator"/> lock is held throughout.
/// </summary>
internal sealed class ServiceAllocationTransaction
{
    private readonly List<(ClusterIPAllocator Allocator, IPAddress IP)> _allocatedIPs = [];
    private readonly List<(ClusterIPAllocator Allocator, IPAddress IP)> _releaseIPs = [];
    private readonly List<int> _allocatedPorts = [];
    private readonly List<int> _releasePorts = [];
    private readonly NodePortAllocator _nodePorts;

    public ServiceAllocationTransaction(NodePortAllocator nodePorts) => _nodePorts = nodePorts;

    /// <summary>Allocates a requested address; the allocator's exception passes through.</summary>
    public void AllocateIP(ClusterIPAllocator allocator, IPAddress ip)
    {
        allocator.Allocate(ip);
        _allocatedIPs.Add((allocator, ip));
    }

    public bool TryAllocateNextIP(ClusterIPAllocator allocator, out IPAddress? ip)
    {
        if (!allocator.TryAllocateNext(out ip))
        {
            return false;
        }

        _allocatedIPs.Add((allocator, ip));
        return true;
    }

    public void ReleaseIPOnCommit(ClusterIPAllocator allocator, IPAddress ip) => _releaseIPs.Add((allocator, ip));

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

        var releasedIPs = ImmutableArray.CreateBuilder<IPAddress>();
        foreach (var (allocator, ip) in _releaseIPs)
        {
            if (dryRun ? allocator.IsAllocated(ip) && !releasedIPs.Contains(ip) : allocator.Release(ip))
            {
                releasedIPs.Add(ip);
            }
        }

        var releasedPorts = ImmutableArray.CreateBuilder<int>();
        foreach (var port in _releasePorts)
        {
            if (dryRun ? _nodePorts.IsAllocated(port) && !releasedPorts.Contains(port) : _nodePorts.Release(port))
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
