using System.Collections.Immutable;
using ServiceModel.Allocation;
using ServiceModel.Internal;
using ServiceModel.Networking;
using ServiceModel.Validation;

namespace ServiceModel.Services;

/// <summary>
/// The API server's allocation transaction for Services (<c>pkg/registry/core/service/storage</c>):
/// computes and applies exactly the cluster IPs and node ports a create, update or delete allocates
/// and releases, all or nothing.
/// </summary>
/// <remarks>
/// <para>
/// Each operation runs the API server's pipeline: defaulting (<see cref="ServiceDefaults"/>, with this
/// cluster's IP families), allocation, then validation (<see cref="ServiceValidator"/>) of the result.
/// On any failure every allocation made so far is undone and nothing is released, so every allocator
/// is exactly as before (its <c>Snapshot()</c> is unchanged). Releases are applied only when the whole
/// operation succeeds.
/// </para>
/// <para>What is allocated:</para>
/// <list type="bullet">
/// <item>cluster IPs, one per family in <see cref="ServiceSpec.IPFamilies"/>: the requested
/// <see cref="ServiceSpec.ClusterIPs"/> entry or the next free address; none for ExternalName and headless Services;</item>
/// <item>node ports for NodePort and LoadBalancer Services, one per port: the requested one or the next
/// free; on create, ports with the same port number (a TCP and a UDP port) share one node port;
/// LoadBalancer with <see cref="ServiceSpec.AllocateLoadBalancerNodePorts"/> = false only takes requested ones;</item>
/// <item>the health-check node port of a LoadBalancer Service with external traffic policy Local.</item>
/// </list>
/// <para>
/// On update, unspecified cluster IPs, node ports (matched by port name) and the health-check node port
/// keep their stored values; what the new type no longer needs is released and what it newly needs is
/// allocated. A dry run reports the same plan and leaves every allocator's state as it was (it briefly
/// holds the reported values and then gives them back, so the allocators' random scan advances).
/// </para>
/// <para>
/// Errors: a requested value that cannot be had is a <see cref="ServiceValidationException"/> with
/// upstream's field error (e.g. <c>spec.ports[0].nodePort: Invalid value: 35001: provided port is not in
/// the valid range. The range of valid ports is 30000-32767</c>); a full range is an
/// <see cref="AllocationException"/> with the API server's internal-error wrapping
/// (<c>Internal error occurred: failed to allocate a nodePort: range is full</c>; the allocators
/// themselves say just <c>range is full</c>); an invalid
/// Service is a <see cref="ServiceValidationException"/> carrying every <see cref="ValidationError"/>.
/// </para>
/// </remarks>
/// <para>
/// ClusterIPs come from either of the API server's allocators: the classic bitmap, one
/// <see cref="ClusterIPAllocator"/> per family (the constructors taking them; the default of
/// <c>ServiceModelOptions</c>), or the ServiceCIDR allocator of Kubernetes 1.33+, one
/// <see cref="ServiceCidrAllocator"/> for both families (the constructor taking it; it records the
/// Service as the parent of each address's IPAddress object). Defaulting, validation, the choice of
/// what to allocate and release, and every Service-level error text are the same on both; only the
/// allocator's own reason inside <c>failed to allocate IP …: reason</c> differs, as upstream's does
/// (<c>the provided IP (10.0.1.1) is not in the valid range. The range of valid IPs is 10.0.0.0/24</c>
/// from the bitmap, <c>the provided network does not match the current range</c> from the ServiceCIDRs).
/// </para>
/// <threadsafety>
/// All members are thread-safe: operations are serialised by an internal lock. Other users of the same
/// allocators interleave safely (each allocator call is atomic) but may see a dry run's values held briefly.
/// </threadsafety>
public sealed class ServiceAllocator
{
    private readonly Lock _lock = new();
    private readonly ImmutableArray<IPFamily> _families;
    private readonly IClusterIPFamilyAllocator _primary;
    private readonly IClusterIPFamilyAllocator? _secondary;
    private readonly ClusterIPAllocator? _primaryClusterIPs;

    /// <summary>Creates a single-stack allocator.</summary>
    /// <param name="clusterIPs">The cluster's ClusterIP allocator.</param>
    /// <param name="nodePorts">The cluster's NodePort allocator.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public ServiceAllocator(ClusterIPAllocator clusterIPs, NodePortAllocator nodePorts)
        : this(clusterIPs, null, nodePorts)
    {
    }

    /// <summary>Creates an allocator over one or two IP families.</summary>
    /// <param name="primaryClusterIPs">The primary family's allocator (<c>--service-cluster-ip-range[0]</c>).</param>
    /// <param name="secondaryClusterIPs">The other family's allocator for a dual-stack cluster, or <see langword="null"/>.</param>
    /// <param name="nodePorts">The cluster's NodePort allocator.</param>
    /// <exception cref="ArgumentNullException"><paramref name="primaryClusterIPs"/> or <paramref name="nodePorts"/> is null.</exception>
    /// <exception cref="ArgumentException">Both ClusterIP allocators have the same family.</exception>
    public ServiceAllocator(ClusterIPAllocator primaryClusterIPs, ClusterIPAllocator? secondaryClusterIPs, NodePortAllocator nodePorts)
    {
        ArgumentNullException.ThrowIfNull(primaryClusterIPs);
        ArgumentNullException.ThrowIfNull(nodePorts);
        if (secondaryClusterIPs is not null && secondaryClusterIPs.Cidr.Family == primaryClusterIPs.Cidr.Family)
        {
            throw new ArgumentException(
                $"the secondary range {secondaryClusterIPs.Cidr} must be of a different IP family than the primary {primaryClusterIPs.Cidr}",
                nameof(secondaryClusterIPs));
        }

        _primaryClusterIPs = primaryClusterIPs;
        _primary = primaryClusterIPs;
        _secondary = secondaryClusterIPs;
        SecondaryClusterIPs = secondaryClusterIPs;
        NodePorts = nodePorts;
        _families = secondaryClusterIPs is null
            ? [primaryClusterIPs.Cidr.Family]
            : [primaryClusterIPs.Cidr.Family, secondaryClusterIPs.Cidr.Family];
    }

    /// <summary>
    /// Creates an allocator whose ClusterIPs come from the ServiceCIDR allocator (Kubernetes 1.33+):
    /// every ready ServiceCIDR of a family hands out that family's addresses, and each allocated
    /// address records the Service (<see cref="ParentReference.ForService"/>) as its parent.
    /// </summary>
    /// <param name="serviceCidrs">The cluster's ServiceCIDR allocator, shared with whoever adds and deletes ServiceCIDRs.</param>
    /// <param name="primaryFamily">The cluster's primary family (that of <c>--service-cluster-ip-range[0]</c>), the default of single-stack Services.</param>
    /// <param name="secondaryFamily">The other family on a dual-stack cluster, or <see langword="null"/>.</param>
    /// <param name="nodePorts">The cluster's NodePort allocator.</param>
    /// <exception cref="ArgumentNullException"><paramref name="serviceCidrs"/> or <paramref name="nodePorts"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A family is neither IPv4 nor IPv6.</exception>
    /// <exception cref="ArgumentException">Both families are the same.</exception>
    public ServiceAllocator(ServiceCidrAllocator serviceCidrs, IPFamily primaryFamily, IPFamily? secondaryFamily, NodePortAllocator nodePorts)
    {
        ArgumentNullException.ThrowIfNull(serviceCidrs);
        ArgumentNullException.ThrowIfNull(nodePorts);
        foreach (var family in (ReadOnlySpan<IPFamily?>)[primaryFamily, secondaryFamily])
        {
            if (family is { } f && f is not (IPFamily.IPv4 or IPFamily.IPv6))
            {
                throw new ArgumentOutOfRangeException(f == primaryFamily ? nameof(primaryFamily) : nameof(secondaryFamily), f, "must be IPv4 or IPv6");
            }
        }

        if (secondaryFamily == primaryFamily)
        {
            throw new ArgumentException($"the secondary family {primaryFamily} must differ from the primary family", nameof(secondaryFamily));
        }

        ServiceCidrs = serviceCidrs;
        NodePorts = nodePorts;
        _primary = new ServiceCidrFamilyAllocator(serviceCidrs, primaryFamily);
        _secondary = secondaryFamily is { } second ? new ServiceCidrFamilyAllocator(serviceCidrs, second) : null;
        _families = secondaryFamily is { } other ? [primaryFamily, other] : [primaryFamily];
    }

    /// <summary>The primary family's ClusterIP allocator (classic bitmap).</summary>
    /// <exception cref="InvalidOperationException">This allocator runs on ServiceCIDRs (see <see cref="ServiceCidrs"/>).</exception>
    public ClusterIPAllocator PrimaryClusterIPs
        => _primaryClusterIPs ?? throw new InvalidOperationException(
            "this ServiceAllocator takes ClusterIPs from ServiceCIDRs, not from a ClusterIPAllocator: use ServiceCidrs");

    /// <summary>
    /// The secondary family's ClusterIP allocator (classic bitmap); <see langword="null"/> on a
    /// single-stack cluster and when this allocator runs on ServiceCIDRs.
    /// </summary>
    public ClusterIPAllocator? SecondaryClusterIPs { get; }

    /// <summary>The ServiceCIDR allocator the ClusterIPs come from; <see langword="null"/> when they come from the classic bitmap.</summary>
    public ServiceCidrAllocator? ServiceCidrs { get; }

    /// <summary>The NodePort allocator (node ports and health-check node ports).</summary>
    public NodePortAllocator NodePorts { get; }

    /// <summary>The cluster's IP families, primary first.</summary>
    public ImmutableArray<IPFamily> IPFamilies => _families;

    /// <summary>True when the cluster has ClusterIPs of both families.</summary>
    public bool IsDualStack => _secondary is not null;

    /// <summary>
    /// The classic ClusterIP allocator of <paramref name="family"/>, or <see langword="null"/> when the
    /// cluster lacks that family or this allocator runs on ServiceCIDRs.
    /// </summary>
    /// <param name="family">The family.</param>
    /// <returns>The allocator, or <see langword="null"/>.</returns>
    public ClusterIPAllocator? GetClusterIPAllocator(IPFamily family) => FamilyAllocator(family) as ClusterIPAllocator;

    /// <summary>Allocates what a new Service needs (a <c>POST</c>), all or nothing.</summary>
    /// <param name="service">The Service as submitted.</param>
    /// <param name="dryRun">True to compute the result and the plan without changing any allocator.</param>
    /// <returns>The resulting Service and what was allocated.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="service"/> is null.</exception>
    /// <exception cref="ServiceValidationException">The Service is invalid, or a requested IP or node port cannot be allocated.</exception>
    /// <exception cref="AllocationException">A range is full (or a requested health-check node port is unavailable).</exception>
    public ServiceAllocation Create(Service service, bool dryRun = false)
    {
        ArgumentNullException.ThrowIfNull(service);
        lock (_lock)
        {
            var prepared = PrepareCreate(service);
            var txn = new ServiceAllocationTransaction(NodePorts);
            try
            {
                var spec = AllocateClusterIPs(ParentReference.ForService(prepared.Namespace, prepared.Name), prepared.Spec, txn);
                if (spec.Type.MayCarryNodePorts())
                {
                    spec = spec with { Ports = ServiceNodePorts.AllocateOnCreate(prepared.Name, spec, txn) };
                }

                if (ServiceTypeLayering.NeedsHealthCheckNodePort(spec))
                {
                    spec = ServiceNodePorts.AllocateHealthCheckNodePort(spec, txn);
                }

                var result = prepared with { Spec = spec };
                EnsureValid(result);
                return txn.Complete(result, dryRun);
            }
            catch
            {
                txn.Rollback();
                throw;
            }
        }
    }

    /// <summary>
    /// Allocates and releases what replacing <paramref name="oldService"/> by <paramref name="newService"/>
    /// needs (a <c>PUT</c>), all or nothing.
    /// </summary>
    /// <param name="oldService">The stored Service (as a previous <see cref="Create"/> or <see cref="Update"/> returned it).</param>
    /// <param name="newService">The replacement as submitted; unspecified allocated values are kept.</param>
    /// <param name="dryRun">True to compute the result and the plan without changing any allocator.</param>
    /// <returns>The resulting Service and what was allocated and released.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ServiceValidationException">The update is invalid, or a requested IP or node port cannot be allocated.</exception>
    /// <exception cref="AllocationException">A range is full (or a requested health-check node port is unavailable).</exception>
    public ServiceAllocation Update(Service oldService, Service newService, bool dryRun = false)
    {
        ArgumentNullException.ThrowIfNull(oldService);
        ArgumentNullException.ThrowIfNull(newService);
        lock (_lock)
        {
            var old = NormalizeStored(oldService);
            var prepared = PrepareUpdate(old, newService);
            var txn = new ServiceAllocationTransaction(NodePorts);
            try
            {
                var spec = UpdateClusterIPs(ParentReference.ForService(prepared.Namespace, prepared.Name), old.Spec, prepared.Spec, txn);
                spec = ServiceNodePorts.Update(prepared.Name, old.Spec, spec, txn);
                spec = ServiceNodePorts.UpdateHealthCheckNodePort(old.Spec, spec, txn);
                var result = prepared with { Spec = spec };
                EnsureValidUpdate(old, result);
                return txn.Complete(result, dryRun);
            }
            catch
            {
                txn.Rollback();
                throw;
            }
        }
    }

    /// <summary>Releases everything a deleted Service held: its cluster IPs, node ports and health-check node port.</summary>
    /// <param name="service">The stored Service.</param>
    /// <param name="dryRun">True to report what would be released without releasing it.</param>
    /// <returns>The Service and what was released (values that were not allocated are not listed).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="service"/> is null.</exception>
    /// <remarks>Like upstream, releasing never fails: values that are not allocated, or of a family the cluster lacks, are skipped.</remarks>
    public ServiceAllocation Delete(Service service, bool dryRun = false)
    {
        ArgumentNullException.ThrowIfNull(service);
        lock (_lock)
        {
            var stored = NormalizeStored(service);
            var txn = new ServiceAllocationTransaction(NodePorts);
            ReleaseClusterIPs(stored.Spec, txn);
            foreach (var port in ServiceNodePorts.Held(stored.Spec))
            {
                txn.ReleasePortOnCommit(port);
            }

            if (ServiceTypeLayering.NeedsHealthCheckNodePort(stored.Spec) && stored.Spec.HealthCheckNodePort > 0)
            {
                txn.ReleasePortOnCommit(stored.Spec.HealthCheckNodePort);
            }

            return txn.Complete(service, dryRun);
        }
    }

    private IClusterIPFamilyAllocator? FamilyAllocator(IPFamily family)
        => _primary.Family == family ? _primary
            : _secondary?.Family == family ? _secondary
            : null;

    private ServiceSpec AllocateClusterIPs(ParentReference parent, ServiceSpec spec, ServiceAllocationTransaction txn)
    {
        if (!HasClusterIPs(spec))
        {
            return spec;
        }

        var families = spec.IPFamilies;
        var requested = spec.ClusterIPs;
        var ips = requested.ToBuilder();
        for (var i = 0; i < families.Length; i++)
        {
            var text = i < requested.Length ? requested[i] : string.Empty;
            var ip = AllocateIP(parent, spec, families[i], text, txn);
            if (i < ips.Count)
            {
                ips[i] = ip;
            }
            else
            {
                ips.Add(ip);
            }
        }

        var clusterIPs = ips.ToImmutable();
        return spec with { ClusterIPs = clusterIPs, ClusterIP = clusterIPs.IsEmpty ? spec.ClusterIP : clusterIPs[0] };
    }

    private string AllocateIP(ParentReference parent, ServiceSpec spec, IPFamily family, string text, ServiceAllocationTransaction txn)
    {
        var name = parent.Name;
        var allocator = FamilyAllocator(family)
            ?? throw Invalid(name, "spec.ipFamilies", family.ToString(), "not configured on this cluster");
        if (text.Length == 0)
        {
            return txn.TryAllocateNextIP(allocator, parent, out var next)
                ? IPText.Format(next!)
                : throw Internal(AllocationError.Full, "failed to allocate a serviceIP: range is full");
        }

        // The validator's reading (ParseIPSloppy: leading zeros are decimal), not IPAddress.Parse,
        // which reads "010" as octal and would allocate a different address than the one validated.
        if (!IPText.TryParse(text, out var ip))
        {
            throw Internal(AllocationError.NotInRange, "failed to parse service IP " + GoText.Quote(text));
        }

        try
        {
            txn.AllocateIP(allocator, IPText.AsComparable(ip), parent);
        }
        catch (AllocationException ex)
        {
            throw Invalid(name, "spec.clusterIPs", spec.ClusterIPs, $"failed to allocate IP {text}: {ex.Message}");
        }

        return text;
    }

    // updateClusterIPs: ExternalName -> other allocates everything; other -> ExternalName releases
    // everything; one family -> two allocates the secondary; two -> one releases it.
    private ServiceSpec UpdateClusterIPs(ParentReference parent, ServiceSpec oldSpec, ServiceSpec spec, ServiceAllocationTransaction txn)
    {
        if (oldSpec.Type == ServiceType.ExternalName && spec.Type != ServiceType.ExternalName)
        {
            return AllocateClusterIPs(parent, spec, txn);
        }

        if (IsHeadless(oldSpec))
        {
            return spec;
        }

        var oldFamilies = oldSpec.IPFamilies;
        var oldIPs = oldSpec.ClusterIPs;
        if (oldSpec.Type != ServiceType.ExternalName && spec.Type == ServiceType.ExternalName)
        {
            ReleaseClusterIPs(oldSpec, txn);
            return spec;
        }

        var families = spec.IPFamilies;
        if (oldFamilies.Length == 1 && families.Length == 2)
        {
            var ips = spec.ClusterIPs;
            var secondary = AllocateIP(parent, spec, families[1], ips.Length > 1 ? ips[1] : string.Empty, txn);
            return spec with { ClusterIPs = ips.Length > 1 ? ips.SetItem(1, secondary) : ips.Add(secondary) };
        }

        if (oldFamilies.Length == 2 && families.Length == 1 && oldIPs.Length > 1)
        {
            ReleaseIP(oldFamilies[1], oldIPs[1], txn);
        }

        return spec;
    }

    private void ReleaseClusterIPs(ServiceSpec spec, ServiceAllocationTransaction txn)
    {
        if (!HasClusterIPs(spec))
        {
            return;
        }

        foreach (var text in spec.ClusterIPs)
        {
            if (IPText.TryParse(text, out var ip))
            {
                ReleaseIP(Networking.IPFamilies.FamilyOf(ip), text, txn);
            }
        }
    }

    private void ReleaseIP(IPFamily family, string text, ServiceAllocationTransaction txn)
    {
        // Like upstream, an IP of a family the cluster no longer has is left alone.
        if (FamilyAllocator(family) is { } allocator && IPText.TryParse(text, out var ip))
        {
            txn.ReleaseIPOnCommit(allocator, IPText.AsComparable(ip));
        }
    }

    // A stored Service written by an old client may have only the singular clusterIP.
    private static Service NormalizeStored(Service service)
        => service.Spec.ClusterIPs.IsDefaultOrEmpty && !string.IsNullOrEmpty(service.Spec.ClusterIP)
            ? service with { Spec = service.Spec with { ClusterIPs = [service.Spec.ClusterIP] } }
            : service;

    private static bool HasClusterIPs(ServiceSpec spec) => spec.Type != ServiceType.ExternalName && !IsHeadless(spec);

    // alloc.go's test: the first cluster IP is "None" (ServiceValidator's also requires it to be the only one).
    private static bool IsHeadless(ServiceSpec spec)
    {
        var ips = spec.ClusterIPs;
        return ips.Length > 0 ? ips[0] == ServiceSpec.ClusterIPNone : spec.IsHeadless;
    }

    // The API server's pipeline around allocation: defaulting before, validation after.
    private Service PrepareCreate(Service service) => ServiceDefaults.Apply(service, _families);

    private Service PrepareUpdate(Service oldService, Service newService) => ServiceDefaults.ApplyForUpdate(oldService, newService, _families);

    private static void EnsureValid(Service service) => ServiceValidator.EnsureValid(service);

    private static void EnsureValidUpdate(Service oldService, Service newService) => ServiceValidator.EnsureValidUpdate(oldService, newService);

    internal static ServiceValidationException Invalid(string name, string field, object value, string detail)
        => new(name, [ValidationError.Invalid(field, value, detail)]);

    // errors.NewInternalError: the API server's wrapping of an allocation failure that is no field's
    // fault (a full range, an address it cannot read back). The allocators themselves keep the bare text.
    internal static AllocationException Internal(AllocationError error, string message, Exception? innerException = null)
        => new(error, InternalErrorPrefix + message, innerException);

    // The text errors.NewInternalError puts before the cause.
    internal const string InternalErrorPrefix = "Internal error occurred: ";
}
