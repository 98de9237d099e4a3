using System.Collections.Immutable;
using ServiceModel.Internal;
using ServiceModel.Networking;
using ServiceModel.Services;

namespace ServiceModel.Discovery;

/// <summary>
/// Computes a Service's EndpointSlices from its pods, and the create/update/delete set that brings
/// existing slices there with as little churn as the upstream EndpointSlice controller causes.
/// </summary>
/// <remarks>
/// <para>
/// Follows <c>staging/src/k8s.io/endpointslice</c> (reconciler and utils): the Service's selector picks
/// pods in its namespace; terminal pods and pods without addresses are left out; terminating pods
/// stay with <c>serving</c> = readiness, <c>terminating</c> = true and <c>ready</c> = false unless the
/// Service publishes not-ready addresses. Pods that resolve named target ports differently land in
/// different slices; a pod lacking a named port simply does not serve that port. One address type
/// per slice, per the Service's IP families.
/// </para>
/// <para>
/// Where upstream picks at random (Go map order, generated names) this type is deterministic:
/// selected pods are taken in ordinal order of their names, existing slices in ordinal order of
/// theirs, and new slices are named as <c>docs/endpoints.md</c> describes.
/// </para>
/// <threadsafety>Immutable and thread-safe: one instance may serve any number of concurrent calls.</threadsafety>
/// </remarks>
public sealed class EndpointSliceReconciler
{
    /// <summary>The default <see cref="MaxEndpointsPerSlice"/>, as kube-controller-manager's <c>--max-endpoints-per-slice</c>: 100.</summary>
    public const int DefaultMaxEndpointsPerSlice = 100;

    /// <summary>The largest <see cref="MaxEndpointsPerSlice"/> upstream accepts: 1000.</summary>
    public const int MaxEndpointsPerSliceLimit = 1000;

    /// <summary>Creates a reconciler that puts at most <paramref name="maxEndpointsPerSlice"/> endpoints in a slice.</summary>
    /// <param name="maxEndpointsPerSlice">The per-slice limit, 1 to 1000; 100 by default.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxEndpointsPerSlice"/> is outside 1..1000 (kube-controller-manager's messages).</exception>
    public EndpointSliceReconciler(int maxEndpointsPerSlice = DefaultMaxEndpointsPerSlice)
    {
        if (maxEndpointsPerSlice is < 1 or > MaxEndpointsPerSliceLimit)
        {
            throw new ArgumentOutOfRangeException(
                nameof(maxEndpointsPerSlice),
                maxEndpointsPerSlice,
                maxEndpointsPerSlice < 1
                    ? "max-endpoints-per-slice must not be less than 1"
                    : $"max-endpoints-per-slice must not be more than {MaxEndpointsPerSliceLimit}");
        }

        MaxEndpointsPerSlice = maxEndpointsPerSlice;
    }

    /// <summary>A reconciler with the default limit of 100 endpoints per slice.</summary>
    public static EndpointSliceReconciler Default { get; } = new();

    /// <summary>The most endpoints one slice holds.</summary>
    public int MaxEndpointsPerSlice { get; }

    /// <summary>
    /// The slices <paramref name="service"/> should have when none exist yet: exactly what
    /// <see cref="Reconcile"/> would create from nothing. Empty for a Service without a selector
    /// or of type ExternalName; one placeholder slice (no endpoints, no ports) per address type
    /// when no pod qualifies.
    /// </summary>
    /// <param name="service">The Service.</param>
    /// <param name="pods">Candidate pods; those outside the Service's namespace or selector are ignored.</param>
    /// <param name="nodes">Known nodes and their zones; null when every node exists and none has a zone.</param>
    /// <returns>The slices, in creation order; each owned by the Service (a controller reference carrying its <see cref="Service.Uid"/>).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="service"/> or <paramref name="pods"/> is null.</exception>
    /// <exception cref="ArgumentException">The controller manages <paramref name="service"/> but it has no <see cref="Service.Uid"/>.</exception>
    public ImmutableArray<EndpointSlice> Compute(Service service, IEnumerable<Pod> pods, NodeTopology? nodes = null)
        => Reconcile(service, pods, [], nodes).ToCreate;

    /// <summary>
    /// The minimal set of writes that upstream's reconciler makes to move <paramref name="existingSlices"/>
    /// to the slices <paramref name="service"/> should have: existing slices are kept, updated in
    /// place and filled before new ones are created, and a create that would pair with a delete
    /// becomes an update of the deleted slice.
    /// </summary>
    /// <param name="service">The Service.</param>
    /// <param name="pods">Candidate pods; those outside the Service's namespace or selector are ignored.</param>
    /// <param name="existingSlices">
    /// Slices that exist now. Only those in the Service's namespace labelled with its name
    /// (<see cref="EndpointSlice.ServiceNameLabel"/>) and managed by this controller
    /// (<see cref="EndpointSlice.ManagedByLabel"/>) take part; others are left alone, but their
    /// names are never reused.
    /// </param>
    /// <param name="nodes">
    /// Known nodes and their zones. A pod on an unknown node is left out unless the Service
    /// publishes not-ready addresses. Null: every node exists and none has a zone.
    /// </param>
    /// <returns>The changes; <see cref="EndpointSliceChanges.None"/> when the controller does not manage the Service.</returns>
    /// <exception cref="ArgumentNullException">An argument other than <paramref name="nodes"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// The controller manages <paramref name="service"/> but it has no <see cref="Service.Uid"/>: ownership is by
    /// UID, never by name (a Service recreated under the same name owns none of its namesake's slices).
    /// </exception>
    public EndpointSliceChanges Reconcile(
        Service service,
        IEnumerable<Pod> pods,
        IEnumerable<EndpointSlice> existingSlices,
        NodeTopology? nodes = null)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(pods);
        ArgumentNullException.ThrowIfNull(existingSlices);

        if (!PodRules.IsManaged(service))
        {
            return EndpointSliceChanges.None;
        }

        RequireUid(service);
        var run = new EndpointSliceReconcileRun(this, service, nodes);
        return run.Execute(pods, existingSlices);
    }

    /// <summary>
    /// The slices of every Service in <paramref name="services"/>, each from the pods its selector
    /// picks: pods are handed to Services once through a <see cref="ServiceIndex"/>, so the cost
    /// follows pods plus matches rather than Services × pods.
    /// </summary>
    /// <param name="services">The Services, for example every Service of a namespace.</param>
    /// <param name="pods">The candidate pods, for example every pod of that namespace.</param>
    /// <param name="nodes">Known nodes and their zones; null when every node exists and none has a zone.</param>
    /// <returns>Each Service (by value) with what <see cref="Compute"/> returns for it; empty for Services the controller does not manage.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/>, <paramref name="pods"/> or an item of either is null.</exception>
    /// <exception cref="ArgumentException">A Service the controller manages has no <see cref="Service.Uid"/>.</exception>
    public ImmutableDictionary<Service, ImmutableArray<EndpointSlice>> ComputeAll(
        IEnumerable<Service> services,
        IEnumerable<Pod> pods,
        NodeTopology? nodes = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(pods);
        var list = services.ToList();
        var assigned = new ServiceIndex(list).AssignPods(pods);
        var result = ImmutableDictionary.CreateBuilder<Service, ImmutableArray<EndpointSlice>>();
        foreach (var service in list)
        {
            if (!result.ContainsKey(service))
            {
                result.Add(service, Compute(service, assigned[service], nodes));
            }
        }

        return result.ToImmutable();
    }

    /// <summary>
    /// Starts tracking <paramref name="service"/>'s slices so that later pod changes cost what they
    /// change (see <see cref="EndpointSliceTracker"/>); the tracker's
    /// <see cref="EndpointSliceTracker.InitialChanges"/> are what <see cref="Reconcile"/> returns for
    /// the same arguments.
    /// </summary>
    /// <param name="service">The Service.</param>
    /// <param name="pods">Candidate pods; those outside the Service's namespace or selector are ignored.</param>
    /// <param name="existingSlices">Slices that exist now (as for <see cref="Reconcile"/>).</param>
    /// <param name="nodes">Known nodes and their zones; null when every node exists and none has a zone.</param>
    /// <returns>The tracker.</returns>
    /// <exception cref="ArgumentNullException">An argument other than <paramref name="nodes"/>, or an item of a sequence, is null.</exception>
    /// <exception cref="ArgumentException">The controller manages <paramref name="service"/> but it has no <see cref="Service.Uid"/>.</exception>
    public EndpointSliceTracker Track(
        Service service,
        IEnumerable<Pod> pods,
        IEnumerable<EndpointSlice> existingSlices,
        NodeTopology? nodes = null)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(pods);
        ArgumentNullException.ThrowIfNull(existingSlices);
        if (PodRules.IsManaged(service))
        {
            RequireUid(service);
        }

        return new EndpointSliceTracker(this, service, pods, existingSlices, nodes);
    }

    /// <summary>
    /// Refuses a managed Service without a UID: slices are owned by the Service's UID (upstream's
    /// <c>ownedBy</c>) and new slices carry it in their owner reference, so a missing one would
    /// either match nothing or, matched by name, adopt a deleted namesake's slices.
    /// </summary>
    internal static void RequireUid(Service service)
    {
        if (string.IsNullOrEmpty(service.Uid))
        {
            throw new ArgumentException(
                $"Service {GoText.Quote(service.Namespace + "/" + service.Name)} has no uid (metadata.uid): EndpointSlices are owned by the Service's UID, "
                + "so the uid the API server assigned is required to reconcile them",
                nameof(service));
        }
    }

    /// <summary>The address types a Service's slices use, in the order of its IP families.</summary>
    internal static List<AddressType> AddressTypesFor(Service service)
    {
        var types = new List<AddressType>(2);
        foreach (var family in PodRules.FamiliesOf(service))
        {
            var type = family == IPFamily.IPv6 ? AddressType.IPv6 : AddressType.IPv4;
            if (!types.Contains(type))
            {
                types.Add(type);
            }
        }

        if (types.Count > 0)
        {
            return types;
        }

        // Services written before dual-stack have no families: a ClusterIP names its family, and
        // a headless Service is assumed to be dual-stack until the API server defaults it.
        if (PodRules.IsServiceIPSet(service))
        {
            types.Add(PodRules.FamilyOf(service.Spec.ClusterIP) == IPFamily.IPv6 ? AddressType.IPv6 : AddressType.IPv4);
            return types;
        }

        types.Add(AddressType.IPv4);
        types.Add(AddressType.IPv6);
        return types;
    }
}
