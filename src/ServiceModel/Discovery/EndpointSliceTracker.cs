using System.Collections.Immutable;
using ServiceModel.Networking;
using ServiceModel.Services;

namespace ServiceModel.Discovery;

/// <summary>
/// One Service's EndpointSlices kept current as its pods change, at a cost that follows the change
/// rather than the number of pods. Made by <see cref="EndpointSliceReconciler.Track"/>.
/// </summary>
/// <remarks>
/// <para>
/// The tracker remembers the Service's qualifying pods and the slices as they stand once the
/// returned changes are written. <see cref="Update"/> takes the pods that changed and returns
/// exactly what <see cref="EndpointSliceReconciler.Reconcile"/> would return for the whole new pod
/// set against <see cref="Slices"/>. A change that only alters endpoints in place or removes them
/// from slices that keep others (a readiness flip, a pod deleted, a node's zone) rewrites just the
/// slices that hold those pods (hinted for the Service's <c>trafficDistribution</c>, as a full
/// reconcile hints them); anything else (a pod added, an address or named port changed, a slice
/// emptied, any change under Topology Aware Routing, whose hints depend on every slice) falls back to
/// a full reconcile of the remembered pods.
/// </para>
/// <para>
/// The Service, its nodes and its slices must not change behind the tracker's back: when the
/// Service or the nodes change, or slices were written by someone else, make a new tracker.
/// </para>
/// <threadsafety>Not thread-safe: a tracker is one controller's state for one Service; calls must not overlap.</threadsafety>
/// </remarks>
public sealed class EndpointSliceTracker
{
    private readonly EndpointSliceReconciler _owner;
    private readonly EndpointSliceReconcileRun _rules;
    private readonly List<AddressType> _addressTypes;
    private readonly Dictionary<string, Pod> _pods = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Namespace, string Name), EndpointSlice> _slices = [];
    private readonly Dictionary<(AddressType Type, string Pod), string> _sliceOfPod = [];

    internal EndpointSliceTracker(
        EndpointSliceReconciler owner,
        Service service,
        IEnumerable<Pod> pods,
        IEnumerable<EndpointSlice> existingSlices,
        NodeTopology? nodes)
    {
        _owner = owner;
        Service = service;
        Nodes = nodes;
        _rules = new EndpointSliceReconcileRun(owner, service, nodes);
        _addressTypes = EndpointSliceReconciler.AddressTypesFor(service);
        foreach (var pod in pods)
        {
            ArgumentNullException.ThrowIfNull(pod, nameof(pods));
            Remember(pod);
        }

        foreach (var slice in existingSlices)
        {
            ArgumentNullException.ThrowIfNull(slice, nameof(existingSlices));
            _slices[(slice.Namespace, slice.Name)] = slice;
        }

        InitialChanges = Full();
    }

    /// <summary>The Service whose slices are tracked.</summary>
    public Service Service { get; }

    /// <summary>The nodes the slices were computed with; null when every node exists and none has a zone.</summary>
    public NodeTopology? Nodes { get; }

    /// <summary>The changes that bring the slices passed to <see cref="EndpointSliceReconciler.Track"/> up to date; write them first.</summary>
    public EndpointSliceChanges InitialChanges { get; }

    /// <summary>The slices as they stand once every change returned so far is written, ordered by name (O(slices) per read).</summary>
    public ImmutableArray<EndpointSlice> Slices
        => [.. _slices.Values.OrderBy(s => s.Namespace, StringComparer.Ordinal).ThenBy(s => s.Name, StringComparer.Ordinal)];

    // Whether the last Update took the incremental path (for tests).
    internal bool LastUpdateWasIncremental { get; private set; }

    /// <summary>
    /// Takes pod changes and returns the writes that bring the slices up to date: what
    /// <see cref="EndpointSliceReconciler.Reconcile"/> returns for all pods after the change.
    /// </summary>
    /// <param name="changed">New versions of pods that were added or updated (any namespace; others are ignored).</param>
    /// <param name="deleted">Names of pods of the Service's namespace that were deleted; null for none.</param>
    /// <returns>The changes; the tracker assumes they will be written.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="changed"/> or an item of either sequence is null.</exception>
    public EndpointSliceChanges Update(IEnumerable<Pod> changed, IEnumerable<string>? deleted = null)
    {
        ArgumentNullException.ThrowIfNull(changed);
        var changedList = changed.ToList();
        var deletedList = deleted?.ToList() ?? [];
        foreach (var pod in changedList)
        {
            ArgumentNullException.ThrowIfNull(pod, nameof(changed));
        }

        foreach (var name in deletedList)
        {
            ArgumentNullException.ThrowIfNull(name, nameof(deleted));
        }

        var touched = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in deletedList)
        {
            _pods.Remove(name);
            touched.Add(name);
        }

        foreach (var pod in changedList)
        {
            if (string.Equals(pod.Namespace, Service.Namespace, StringComparison.Ordinal))
            {
                _pods.Remove(pod.Name);
                Remember(pod);
                touched.Add(pod.Name);
            }
        }

        if (!PodRules.IsManaged(Service))
        {
            LastUpdateWasIncremental = true;
            return EndpointSliceChanges.None;
        }

        // Topology Aware Routing spreads every zone's share over all slices: any change can move hints anywhere.
        var incremental = _rules.HintSource == EndpointHintSource.TopologyAwareRouting ? null : TryIncremental(touched);
        LastUpdateWasIncremental = incremental is not null;
        return incremental ?? Full();
    }

    private void Remember(Pod pod)
    {
        // Later versions win, as a reconcile takes the later of two pods of one name.
        if (_rules.Qualifies(pod))
        {
            _pods[pod.Name] = pod;
        }
    }

    private EndpointSliceChanges Full()
    {
        var changes = _owner.Reconcile(Service, _pods.Values, _slices.Values, Nodes);
        Apply(changes);
        _sliceOfPod.Clear();
        foreach (var slice in _slices.Values)
        {
            if (_rules.IsOwnedSliceOf(slice))
            {
                Index(slice);
            }
        }

        return changes;
    }

    // Rewrites only the slices holding touched pods; null when the change needs a full reconcile
    // (an endpoint to add, an identity or port set that changed, a slice that would be emptied).
    private EndpointSliceChanges? TryIncremental(HashSet<string> touched)
    {
        var slicesToRewrite = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in touched)
        {
            _pods.TryGetValue(name, out var pod);
            foreach (var type in _addressTypes)
            {
                var family = type == AddressType.IPv6 ? IPFamily.IPv6 : IPFamily.IPv4;
                var desired = pod is null ? null : _rules.DesiredEndpoint(pod, family);
                if (!_sliceOfPod.TryGetValue((type, name), out var sliceName))
                {
                    if (desired is not null)
                    {
                        return null;
                    }

                    continue;
                }

                if (desired is not null)
                {
                    var slice = _slices[(Service.Namespace, sliceName)];
                    var current = Find(slice, name);
                    if (current is null
                        || !new EndpointIdentity(current).Equals(new EndpointIdentity(desired))
                        || !new PortSetKey(_rules.GroupOf(pod!).Ports).Equals(new PortSetKey(slice.Ports)))
                    {
                        return null;
                    }
                }

                slicesToRewrite.Add(sliceName);
            }
        }

        var updates = new List<EndpointSlice>(slicesToRewrite.Count);
        foreach (var sliceName in slicesToRewrite)
        {
            var slice = _slices[(Service.Namespace, sliceName)];
            var family = slice.AddressType == AddressType.IPv6 ? IPFamily.IPv6 : IPFamily.IPv4;
            var kept = new List<Endpoint>(slice.Endpoints.Length);
            var changed = false;
            foreach (var endpoint in slice.Endpoints)
            {
                var podName = endpoint.TargetRef?.Name;
                var desired = podName is not null && _pods.TryGetValue(podName, out var pod) ? _rules.DesiredEndpoint(pod, family) : null;
                if (desired is null)
                {
                    continue;
                }

                kept.Add(desired);
                changed |= !EndpointIdentity.EqualBeyondIdentity(desired, endpoint);
            }

            if (kept.Count == 0)
            {
                return null;
            }

            if (changed || kept.Count != slice.Endpoints.Length)
            {
                updates.Add(_rules.Rewrite(slice, kept));
            }
        }

        updates.Sort(static (left, right) => string.CompareOrdinal(left.Name, right.Name));
        var changes = new EndpointSliceChanges([], [.. updates], [], _rules.QuietHintReports(_addressTypes));
        Apply(changes);
        foreach (var name in touched)
        {
            if (!_pods.ContainsKey(name))
            {
                foreach (var type in _addressTypes)
                {
                    _sliceOfPod.Remove((type, name));
                }
            }
        }

        return changes;
    }

    private static Endpoint? Find(EndpointSlice slice, string podName)
    {
        foreach (var endpoint in slice.Endpoints)
        {
            if (string.Equals(endpoint.TargetRef?.Name, podName, StringComparison.Ordinal))
            {
                return endpoint;
            }
        }

        return null;
    }

    private void Apply(EndpointSliceChanges changes)
    {
        foreach (var slice in changes.ToDelete)
        {
            _slices.Remove((slice.Namespace, slice.Name));
        }

        foreach (var slice in changes.ToUpdate)
        {
            _slices[(slice.Namespace, slice.Name)] = slice;
        }

        foreach (var slice in changes.ToCreate)
        {
            _slices[(slice.Namespace, slice.Name)] = slice;
        }
    }

    private void Index(EndpointSlice slice)
    {
        foreach (var endpoint in slice.Endpoints)
        {
            if (endpoint.TargetRef?.Name is { } podName)
            {
                _sliceOfPod[(slice.AddressType, podName)] = slice.Name;
            }
        }
    }
}
