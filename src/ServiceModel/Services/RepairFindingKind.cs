namespace ServiceModel.Services;

/// <summary>
/// What the API server's repair controllers (<c>ipallocator-repair-controller</c>,
/// <c>portallocator-repair-controller</c>) found wrong about one cluster IP or node port.
/// </summary>
public enum RepairFindingKind
{
    /// <summary>A <c>spec.clusterIPs</c> entry is not an IP address (event reason <c>ClusterIPNotValid</c>).</summary>
    ClusterIPNotValid = 0,

    /// <summary>A cluster IP is of a family the cluster has no range for (event reason <c>ClusterIPNotValid</c>).</summary>
    ClusterIPFamilyNotConfigured = 1,

    /// <summary>A cluster IP outside its family's service CIDR (event reason <c>ClusterIPOutOfRange</c>).</summary>
    ClusterIPOutOfRange = 2,

    /// <summary>A cluster IP held by a second Service (event reason <c>ClusterIPAlreadyAllocated</c>).</summary>
    ClusterIPAlreadyAllocated = 3,

    /// <summary>A cluster IP a Service holds that its allocator does not mark (event reason <c>ClusterIPNotAllocated</c>).</summary>
    ClusterIPNotAllocated = 4,

    /// <summary>A cluster IP the allocator marks that no Service holds (logged, no event).</summary>
    ClusterIPLeaked = 5,

    /// <summary>A node port outside the node port range (event reason <c>PortOutOfRange</c>).</summary>
    PortOutOfRange = 6,

    /// <summary>A node port held a second time, by another Service or twice by one (event reason <c>PortAlreadyAllocated</c>).</summary>
    PortAlreadyAllocated = 7,

    /// <summary>A node port a Service holds that the allocator does not mark (event reason <c>PortNotAllocated</c>).</summary>
    PortNotAllocated = 8,

    /// <summary>A node port the allocator marks that no Service holds (logged, no event).</summary>
    PortLeaked = 9,
}
