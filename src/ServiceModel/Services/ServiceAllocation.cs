using System.Collections.Immutable;
using System.Net;
using ServiceModel.Internal;

namespace ServiceModel.Services;

/// <summary>
/// What one <see cref="ServiceAllocator"/> operation did (or, for a dry run, would do): the resulting
/// Service and the cluster IPs and node ports taken from and given back to the allocators.
/// </summary>
/// <remarks>
/// Node port lists include the health-check node port. A node port shared by a TCP and a UDP port of
/// the same Service port number appears once. Value equality compares the lists element by element.
/// </remarks>
public sealed record ServiceAllocation
{
    private readonly ImmutableArray<IPAddress> _allocatedClusterIPs = [];
    private readonly ImmutableArray<IPAddress> _releasedClusterIPs = [];
    private readonly ImmutableArray<int> _allocatedNodePorts = [];
    private readonly ImmutableArray<int> _releasedNodePorts = [];

    /// <summary>
    /// The Service after the operation: defaulted, with its cluster IPs, IP families, node ports and
    /// health-check node port filled in (Create, Update), or the Service as given (Delete).
    /// </summary>
    /// <exception cref="ArgumentNullException">Set to <see langword="null"/> (also through <see langword="with"/>).</exception>
    public required Service Service { get; init => field = ModelGuard.NotNull(value, nameof(Service)); }

    /// <summary>True when the operation was a dry run: the allocators were left exactly as they were.</summary>
    public bool IsDryRun { get; init; }

    /// <summary>Cluster IPs newly allocated, in <see cref="ServiceSpec.IPFamilies"/> order. Default empty.</summary>
    /// <exception cref="ArgumentException">An item is <see langword="null"/> (also through <see langword="with"/>).</exception>
    public ImmutableArray<IPAddress> AllocatedClusterIPs
    {
        get => _allocatedClusterIPs;
        init => _allocatedClusterIPs = ModelGuard.Items(value, nameof(AllocatedClusterIPs));
    }

    /// <summary>Cluster IPs released (Update, Delete). Default empty.</summary>
    /// <exception cref="ArgumentException">An item is <see langword="null"/> (also through <see langword="with"/>).</exception>
    public ImmutableArray<IPAddress> ReleasedClusterIPs
    {
        get => _releasedClusterIPs;
        init => _releasedClusterIPs = ModelGuard.Items(value, nameof(ReleasedClusterIPs));
    }

    /// <summary>Node ports newly allocated, health-check node port included, in allocation order. Default empty.</summary>
    public ImmutableArray<int> AllocatedNodePorts
    {
        get => _allocatedNodePorts;
        init => _allocatedNodePorts = value.IsDefault ? [] : value;
    }

    /// <summary>Node ports released, health-check node port included. Default empty.</summary>
    public ImmutableArray<int> ReleasedNodePorts
    {
        get => _releasedNodePorts;
        init => _releasedNodePorts = value.IsDefault ? [] : value;
    }

    /// <summary>True when nothing was (or would be) allocated or released.</summary>
    public bool IsEmpty => AllocatedClusterIPs.IsDefaultOrEmpty && ReleasedClusterIPs.IsDefaultOrEmpty
        && AllocatedNodePorts.IsDefaultOrEmpty && ReleasedNodePorts.IsDefaultOrEmpty;

    /// <inheritdoc/>
    public bool Equals(ServiceAllocation? other)
        => other is not null
            && Service.Equals(other.Service)
            && IsDryRun == other.IsDryRun
            && ImmutableEquality.ArraysEqual(AllocatedClusterIPs, other.AllocatedClusterIPs)
            && ImmutableEquality.ArraysEqual(ReleasedClusterIPs, other.ReleasedClusterIPs)
            && ImmutableEquality.ArraysEqual(AllocatedNodePorts, other.AllocatedNodePorts)
            && ImmutableEquality.ArraysEqual(ReleasedNodePorts, other.ReleasedNodePorts);

    /// <inheritdoc/>
    public override int GetHashCode()
        => HashCode.Combine(
            Service,
            IsDryRun,
            ImmutableEquality.ArrayHash(AllocatedClusterIPs),
            ImmutableEquality.ArrayHash(ReleasedClusterIPs),
            ImmutableEquality.ArrayHash(AllocatedNodePorts),
            ImmutableEquality.ArrayHash(ReleasedNodePorts));
}
