using System.Collections.Immutable;
using ServiceModel.Internal;
using ServiceModel.Labels;
using ServiceModel.Networking;
using ServiceModel.Services;

namespace ServiceModel.Discovery;

/// <summary>One reconcile: the Service's derived facts and the output being built.</summary>
internal sealed class EndpointSliceReconcileRun
{
    private readonly int _max;
    private readonly Service _service;
    private readonly NodeTopology? _nodes;
    private readonly ImmutableDictionary<string, string> _labels;
    private readonly string _generateName;
    private readonly LabelSelector _selector;
    private readonly PortGroups _groups;
    private readonly List<SliceDraft> _creates = [];
    private readonly List<SliceDraft> _updates = [];
    private readonly List<EndpointSlice> _deletes = [];
    private readonly List<EndpointHintsReport> _hintReports = [];
    private readonly HashSet<string> _usedNames = new(StringComparer.Ordinal);

    public EndpointSliceReconcileRun(EndpointSliceReconciler owner, Service service, NodeTopology? nodes)
    {
        _max = owner.MaxEndpointsPerSlice;
        _service = service;
        _nodes = nodes;
        _labels = SliceLabels(service);
        _generateName = SliceNames.Prefix(service.Name);
        _selector = PodRules.SelectorOf(service);
        _groups = new PortGroups(PodRules.PortsOf(service));
        HintSource = TrafficDistributionHints.SourceFor(service.Spec.TrafficDistribution, service.Annotations);
    }

    /// <summary>Which mechanism hints the Service's endpoints.</summary>
    public EndpointHintSource HintSource { get; }

    public EndpointSliceChanges Execute(IEnumerable<Pod> pods, IEnumerable<EndpointSlice> existingSlices)
    {
        var addressTypes = EndpointSliceReconciler.AddressTypesFor(_service);
        var byType = new List<EndpointSlice>[addressTypes.Count];
        for (var i = 0; i < byType.Length; i++)
        {
            byType[i] = [];
        }

        var unsupported = new List<EndpointSlice>();
        var managed = new List<EndpointSlice>();
        foreach (var slice in existingSlices)
        {
            ArgumentNullException.ThrowIfNull(slice, nameof(existingSlices));
            _usedNames.Add(slice.Name);
            if (IsManagedSliceOf(slice))
            {
                managed.Add(slice);
            }
        }

        managed.Sort(static (left, right) => string.CompareOrdinal(left.Name, right.Name));
        foreach (var slice in managed)
        {
            var at = addressTypes.IndexOf(slice.AddressType);
            if (at < 0)
            {
                unsupported.Add(slice);
            }
            else
            {
                byType[at].Add(slice);
            }
        }

        var selected = SelectPods(pods);
        for (var i = 0; i < addressTypes.Count; i++)
        {
            ReconcileAddressType(addressTypes[i], selected, byType[i]);
        }

        _deletes.AddRange(unsupported);
        return Materialize();
    }

    private SelectedPods SelectPods(IEnumerable<Pod> pods)
    {
        // Sized by what is selected, not by the input: a Service picks a few of many pods, and a
        // buffer for all of them would land on the large object heap on every call.
        var selected = new List<Pod>();
        var sorted = true;
        foreach (var pod in pods)
        {
            ArgumentNullException.ThrowIfNull(pod, nameof(pods));
            if (Qualifies(pod))
            {
                sorted &= selected.Count == 0 || string.CompareOrdinal(selected[^1].Name, pod.Name) < 0;
                selected.Add(pod);
            }
        }

        if (!sorted)
        {
            SortByName(selected);
        }

        if (_groups.Uniform)
        {
            return new SelectedPods(selected, _groups.For(null), null);
        }

        var groups = new PortGroup[selected.Count];
        for (var i = 0; i < groups.Length; i++)
        {
            groups[i] = GroupOf(selected[i]);
        }

        return new SelectedPods(selected, null, groups);
    }

    // Names are unique in a namespace; should one repeat, the later pod in the input wins.
    private static void SortByName(List<Pod> pods)
    {
        // Sorting by a key array keeps comparisons on contiguous memory and out of the large
        // object heap (an array of tuples for 10,000 pods would land there).
        var items = pods.ToArray();
        var names = new string[items.Length];
        for (var i = 0; i < items.Length; i++)
        {
            names[i] = items[i].Name;
        }

        Array.Sort(names, items, StringComparer.Ordinal);
        for (var i = 1; i < names.Length; i++)
        {
            if (string.Equals(names[i - 1], names[i], StringComparison.Ordinal))
            {
                var last = new Dictionary<string, Pod>(StringComparer.Ordinal);
                foreach (var pod in pods)
                {
                    last[pod.Name] = pod;
                }

                pods.Clear();
                pods.AddRange(last.Values.OrderBy(p => p.Name, StringComparer.Ordinal));
                return;
            }
        }

        pods.Clear();
        pods.AddRange(items);
    }

    private void ReconcileAddressType(AddressType addressType, SelectedPods selected, List<EndpointSlice> existing)
    {
        var creates = new List<SliceDraft>();
        var updates = new List<SliceDraft>();
        var deletes = new List<EndpointSlice>();

        var existingByKey = new Dictionary<PortSetKey, List<EndpointSlice>>();
        var keyOrder = new List<PortSetKey>();
        foreach (var slice in existing)
        {
            if (!IsOwned(slice))
            {
                deletes.Add(slice);
                continue;
            }

            var key = new PortSetKey(slice.Ports);
            if (!existingByKey.TryGetValue(key, out var list))
            {
                existingByKey.Add(key, list = []);
                keyOrder.Add(key);
            }

            list.Add(slice);
        }

        var desired = new Dictionary<PortGroup, DesiredEndpoints>();
        var groupOrder = new List<PortGroup>();
        var family = addressType == AddressType.IPv6 ? IPFamily.IPv6 : IPFamily.IPv4;
        for (var i = 0; i < selected.Pods.Count; i++)
        {
            var pod = selected.Pods[i];
            var group = selected.Shared ?? selected.PerPod![i];
            if (!desired.TryGetValue(group, out var set))
            {
                desired.Add(group, set = new DesiredEndpoints(selected.Shared is null ? 4 : selected.Pods.Count));
                groupOrder.Add(group);
            }

            var endpoint = DesiredEndpoint(pod, family);
            if (endpoint is not null)
            {
                set.Add(endpoint);
            }
        }

        var desiredKeys = new HashSet<PortSetKey>();
        foreach (var group in groupOrder)
        {
            desiredKeys.Add(group.Key);
            var slices = existingByKey.TryGetValue(group.Key, out var list) ? list : [];
            ReconcileByPorts(addressType, group, slices, desired[group], creates, updates, deletes);
        }

        foreach (var key in keyOrder)
        {
            if (!desiredKeys.Contains(key))
            {
                deletes.AddRange(existingByKey[key]);
            }
        }

        // A Service with nothing to publish still gets one empty slice per address type.
        if (existing.Count == deletes.Count && creates.Count == 0)
        {
            var placeholder = new SliceDraft(null, addressType, [], _labels, []);
            if (deletes.Count == 1 && IsPlaceholderLike(deletes[0], addressType))
            {
                deletes.Clear();
            }
            else
            {
                creates.Add(placeholder);
            }
        }

        // Hints are set before creates and deletes pair up, as upstream sets them before finalize.
        _hintReports.Add(ApplyHints(addressType, existing, creates, updates, deletes));

        // Rather than delete one slice and create another, rewrite the one being deleted.
        for (var i = 0; i < deletes.Count && creates.Count > 0;)
        {
            var doomed = deletes[i];
            var draft = creates[^1];
            if (doomed.AddressType == draft.AddressType && IsOwned(doomed))
            {
                draft.Name = doomed.Name;
                creates.RemoveAt(creates.Count - 1);
                updates.Add(draft);
                deletes.RemoveAt(i);
            }
            else
            {
                i++;
            }
        }

        _creates.AddRange(creates);
        _updates.AddRange(updates);
        _deletes.AddRange(deletes);
    }

    private void ReconcileByPorts(
        AddressType addressType,
        PortGroup group,
        List<EndpointSlice> existing,
        DesiredEndpoints desired,
        List<SliceDraft> creates,
        List<SliceDraft> updates,
        List<EndpointSlice> deletes)
    {
        var toUpdate = new List<SliceDraft>();
        var unchanged = new List<SliceDraft>();

        // 1. Keep what is still wanted in each existing slice, refreshed where it changed.
        foreach (var slice in existing)
        {
            var kept = new List<Endpoint>(slice.Endpoints.Length);
            var endpointChanged = false;
            foreach (var endpoint in slice.Endpoints)
            {
                var wanted = desired.Take(endpoint);
                if (wanted is not null)
                {
                    kept.Add(wanted);
                    endpointChanged |= !EndpointIdentity.EqualBeyondIdentity(wanted, endpoint);
                }
            }

            var labelsChanged = !ServiceLabelsMatch(slice.Labels);
            if (endpointChanged || kept.Count != slice.Endpoints.Length)
            {
                if (kept.Count == 0)
                {
                    deletes.Add(slice);
                }
                else
                {
                    toUpdate.Add(new SliceDraft(slice, slice.AddressType, slice.Ports, _labels, kept));
                }
            }
            else if (labelsChanged)
            {
                // Upstream copies the slice as stored, so its endpoints keep their hints.
                toUpdate.Add(new SliceDraft(slice, slice.AddressType, slice.Ports, _labels, [.. slice.Endpoints]));
            }
            else
            {
                unchanged.Add(new SliceDraft(slice, slice.AddressType, slice.Ports, slice.Labels, [.. slice.Endpoints]));
            }
        }

        // 2. Top up the slices being written anyway, fullest first.
        if (desired.Count > 0 && toUpdate.Count > 0)
        {
            var fullestFirst = new List<SliceDraft>(toUpdate);
            fullestFirst.Sort(static (left, right) =>
            {
                var byCount = right.Endpoints.Count.CompareTo(left.Endpoints.Count);
                return byCount != 0 ? byCount : string.CompareOrdinal(left.Name, right.Name);
            });
            foreach (var draft in fullestFirst)
            {
                while (desired.Count > 0 && draft.Endpoints.Count < _max)
                {
                    draft.Endpoints.Add(desired.TakeNext());
                }
            }
        }

        // 3. The rest fits one untouched slice if it can, else goes into new slices.
        while (desired.Count > 0)
        {
            SliceDraft? target = null;
            if (desired.Count < _max && unchanged.Count > 0)
            {
                target = ClosestToFull(unchanged, desired.Count);
            }

            target ??= new SliceDraft(null, addressType, group.Ports, _labels, new List<Endpoint>(Math.Min(desired.Count, _max)));
            while (desired.Count > 0 && target.Endpoints.Count < _max)
            {
                target.Endpoints.Add(desired.TakeNext());
            }

            if (target.Name is not null)
            {
                unchanged.Remove(target);
                toUpdate.Add(target);
            }
            else
            {
                creates.Add(target);
            }
        }

        updates.AddRange(toUpdate);
    }

    private EndpointHintsReport ApplyHints(
        AddressType addressType,
        List<EndpointSlice> existing,
        List<SliceDraft> creates,
        List<SliceDraft> updates,
        List<EndpointSlice> deletes)
    {
        var unchanged = Unchanged(existing, updates, deletes);
        switch (HintSource)
        {
            case EndpointHintSource.TopologyAwareRouting:
                var result = AssignTopologyHints(addressType, creates, updates, unchanged);
                return new EndpointHintsReport { AddressType = addressType, Source = HintSource, Outcome = result.Outcome, Message = result.Message };
            case EndpointHintSource.TrafficDistribution:
                ApplyDistribution(_service.Spec.TrafficDistribution, creates, updates, unchanged);
                return new EndpointHintsReport { AddressType = addressType, Source = HintSource };
            default:
                return ApplyDistribution(null, creates, updates, unchanged)
                    ? HintsRemoved(addressType)
                    : new EndpointHintsReport { AddressType = addressType, Source = HintSource };
        }
    }

    /// <summary>The report for a Service without a hint source whose slices still carried hints.</summary>
    public static EndpointHintsReport HintsRemoved(AddressType addressType)
    {
        // Upstream's event text for hints going away; it records the event only when its cache
        // remembers Topology Aware Routing hints, this pure model whenever hints were removed.
        var removed = TopologyAwareHints.RemoveHints(addressType, [], [], []);
        return new EndpointHintsReport
        {
            AddressType = addressType,
            Source = EndpointHintSource.None,
            Outcome = removed.Outcome,
            Message = removed.Message,
        };
    }

    // upstream's unchangedSlices: existing slices of the address type neither updated nor deleted.
    private static List<EndpointSlice> Unchanged(List<EndpointSlice> existing, List<SliceDraft> updates, List<EndpointSlice> deletes)
    {
        var written = new HashSet<string>(StringComparer.Ordinal);
        foreach (var draft in updates)
        {
            written.Add(draft.Name!);
        }

        foreach (var slice in deletes)
        {
            written.Add(slice.Name);
        }

        var unchanged = new List<EndpointSlice>();
        foreach (var slice in existing)
        {
            if (!written.Contains(slice.Name))
            {
                unchanged.Add(slice);
            }
        }

        return unchanged;
    }

    // trafficdist.ReconcileHints (null distribution: every hint removed). Returns whether any hint
    // had to change on a slice that was not being written already, or any hint was removed.
    private static bool ApplyDistribution(string? distribution, List<SliceDraft> creates, List<SliceDraft> updates, List<EndpointSlice> unchanged)
    {
        var changed = false;
        var written = updates.Count;
        foreach (var slice in unchanged)
        {
            var result = TrafficDistributionHints.Apply(distribution, slice.Endpoints);
            if (result.Changed)
            {
                updates.Add(new SliceDraft(slice, slice.AddressType, slice.Ports, slice.Labels, [.. result.Endpoints]));
                changed = true;
            }
        }

        changed |= Hint(distribution, creates, creates.Count);
        changed |= Hint(distribution, updates, written);
        return changed;
    }

    private static bool Hint(string? distribution, List<SliceDraft> drafts, int count)
    {
        var changed = false;
        for (var i = 0; i < count; i++)
        {
            var endpoints = drafts[i].Endpoints;
            if (distribution is null && !AnyHints(endpoints))
            {
                continue;
            }

            var result = TrafficDistributionHints.Apply(distribution, [.. endpoints]);
            changed |= distribution is null;
            endpoints.Clear();
            endpoints.AddRange(result.Endpoints);
        }

        return changed;
    }

    private static bool AnyHints(List<Endpoint> endpoints)
    {
        foreach (var endpoint in endpoints)
        {
            if (endpoint.Hints is not null)
            {
                return true;
            }
        }

        return false;
    }

    // topologyCache.AddHints: the drafts become slices (new ones under a stand-in name), are hinted,
    // and their endpoints are copied back; unchanged slices whose hints no longer fit join the updates.
    private TopologyHintsResult AssignTopologyHints(AddressType addressType, List<SliceDraft> creates, List<SliceDraft> updates, List<EndpointSlice> unchanged)
    {
        var toCreate = ImmutableArray.CreateBuilder<EndpointSlice>(creates.Count);
        for (var i = 0; i < creates.Count; i++)
        {
            toCreate.Add(creates[i].ToSlice(_generateName + "~" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), _service, _generateName));
        }

        var toUpdate = ImmutableArray.CreateBuilder<EndpointSlice>(updates.Count);
        foreach (var draft in updates)
        {
            toUpdate.Add(draft.ToSlice(draft.Name!, _service, _generateName));
        }

        var result = TopologyAwareHints.Assign(_nodes ?? NodeTopology.Empty, addressType, toCreate.MoveToImmutable(), toUpdate.MoveToImmutable(), [.. unchanged]);
        for (var i = 0; i < creates.Count; i++)
        {
            creates[i].Endpoints.Clear();
            creates[i].Endpoints.AddRange(result.ToCreate[i].Endpoints);
        }

        var written = updates.Count;
        for (var i = 0; i < result.ToUpdate.Length; i++)
        {
            var slice = result.ToUpdate[i];
            if (i < written)
            {
                updates[i].Endpoints.Clear();
                updates[i].Endpoints.AddRange(slice.Endpoints);
            }
            else
            {
                updates.Add(new SliceDraft(slice, slice.AddressType, slice.Ports, slice.Labels, [.. slice.Endpoints]));
            }
        }

        return result;
    }

    private SliceDraft? ClosestToFull(List<SliceDraft> candidates, int adding)
    {
        var closestGap = _max;
        SliceDraft? closest = null;
        foreach (var candidate in candidates)
        {
            var gap = _max - (adding + candidate.Endpoints.Count);
            if (gap >= 0 && gap < closestGap)
            {
                closestGap = gap;
                closest = candidate;
                if (gap == 0)
                {
                    break;
                }
            }
        }

        return closest;
    }

    /// <summary>Whether <paramref name="pod"/> takes part: selected, and neither terminal nor without addresses.</summary>
    public bool Qualifies(Pod pod)
        => PodRules.Selects(_service, _selector, pod) && PodRules.ShouldBeInEndpoints(pod, includeTerminating: true);

    /// <summary>The port group of a qualifying pod.</summary>
    public PortGroup GroupOf(Pod pod) => _groups.For(_groups.Uniform ? null : pod);

    /// <summary>
    /// The endpoint a qualifying pod contributes to slices of <paramref name="family"/>; null when it
    /// has no such address, or runs on a node the topology does not know (unless the Service
    /// publishes not-ready addresses).
    /// </summary>
    public Endpoint? DesiredEndpoint(Pod pod, IPFamily family)
        => _nodes is not null && !_nodes.Contains(pod.NodeName) && !_service.Spec.PublishNotReadyAddresses
            ? null
            : ToEndpoint(pod, family);

    /// <summary>
    /// The new version of an existing owned slice holding <paramref name="endpoints"/>, hinted for the
    /// Service's <c>trafficDistribution</c> when that is the hint source (the tracker never rewrites
    /// slices under Topology Aware Routing, whose hints depend on every slice).
    /// </summary>
    public EndpointSlice Rewrite(EndpointSlice slice, List<Endpoint> endpoints)
    {
        var rewritten = new SliceDraft(slice, slice.AddressType, slice.Ports, _labels, endpoints).ToSlice(slice.Name, _service, _generateName);
        return HintSource == EndpointHintSource.TrafficDistribution
            ? rewritten with { Endpoints = TrafficDistributionHints.Apply(_service.Spec.TrafficDistribution, rewritten.Endpoints).Endpoints }
            : rewritten;
    }

    /// <summary>The reports of a reconcile that assigned or removed no hint for a reason (what the tracker's in-place path returns).</summary>
    public ImmutableArray<EndpointHintsReport> QuietHintReports(List<AddressType> addressTypes)
    {
        var reports = ImmutableArray.CreateBuilder<EndpointHintsReport>(addressTypes.Count);
        foreach (var type in addressTypes)
        {
            reports.Add(new EndpointHintsReport { AddressType = type, Source = HintSource });
        }

        return reports.MoveToImmutable();
    }

    /// <summary>Whether <paramref name="slice"/> is one of this Service's: managed by the controller and owned by the Service.</summary>
    public bool IsOwnedSliceOf(EndpointSlice slice) => IsManagedSliceOf(slice) && IsOwned(slice);

    // Addresses are written in canonical form, as the controller has done since v1.33; a pod's
    // already-canonical text is shared, not copied.
    private Endpoint? ToEndpoint(Pod pod, IPFamily family)
    {
        var ips = pod.PodIPs;
        ImmutableArray<string> addresses;
        if (ips.Length == 1)
        {
            if (PodRules.FamilyOf(ips[0]) != family)
            {
                return null;
            }

            var canonical = IPText.ToCanonical(ips[0]);
            addresses = ReferenceEquals(canonical, ips[0]) ? ips : [canonical];
        }
        else
        {
            var builder = ImmutableArray.CreateBuilder<string>();
            foreach (var ip in ips)
            {
                if (PodRules.FamilyOf(ip) == family)
                {
                    builder.Add(IPText.ToCanonical(ip));
                }
            }

            if (builder.Count == 0)
            {
                return null;
            }

            addresses = builder.DrainToImmutable();
        }

        var serving = pod.Ready;
        var terminating = pod.IsTerminating;
        var ready = _service.Spec.PublishNotReadyAddresses || (serving && !terminating);
        var nodeName = string.IsNullOrEmpty(pod.NodeName) ? null : pod.NodeName;
        return new Endpoint(addresses)
        {
            Conditions = new EndpointConditions { Ready = ready, Serving = serving, Terminating = terminating },
            TargetRef = ObjectReference.ForPod(pod),
            NodeName = nodeName,
            Zone = _nodes?.ZoneOf(nodeName),
            Hostname = PodRules.ShouldSetHostname(pod, _service) ? pod.Hostname : null,
        };
    }

    private EndpointSliceChanges Materialize()
    {
        var counter = 0;
        var creates = ImmutableArray.CreateBuilder<EndpointSlice>(_creates.Count);
        foreach (var draft in _creates)
        {
            var name = SliceNames.Next(_service.Namespace, _service.Name, _usedNames, ref counter);
            creates.Add(draft.ToSlice(name, _service, _generateName));
        }

        var updates = ImmutableArray.CreateBuilder<EndpointSlice>(_updates.Count);
        foreach (var draft in _updates)
        {
            updates.Add(draft.ToSlice(draft.Name!, _service, _generateName));
        }

        updates.Sort(static (left, right) => string.CompareOrdinal(left.Name, right.Name));
        _deletes.Sort(static (left, right) => string.CompareOrdinal(left.Name, right.Name));
        return new EndpointSliceChanges(creates.MoveToImmutable(), updates.MoveToImmutable(), [.. _deletes], [.. _hintReports]);
    }

    private bool IsManagedSliceOf(EndpointSlice slice)
        => string.Equals(slice.Namespace, _service.Namespace, StringComparison.Ordinal)
           && slice.Labels.TryGetValue(EndpointSlice.ServiceNameLabel, out var serviceName)
           && string.Equals(serviceName, _service.Name, StringComparison.Ordinal)
           && slice.Labels.TryGetValue(EndpointSlice.ManagedByLabel, out var managedBy)
           && string.Equals(managedBy, EndpointSlice.ControllerName, StringComparison.Ordinal);

    // As upstream's ownedBy: a controller reference to a v1 Service with this Service's UID. The
    // name is not compared, so a Service recreated under the same name (a new UID) owns nothing.
    private bool IsOwned(EndpointSlice slice)
    {
        foreach (var owner in slice.OwnerReferences)
        {
            if (string.Equals(owner.Uid, _service.Uid, StringComparison.Ordinal)
                && string.Equals(owner.Kind, "Service", StringComparison.Ordinal)
                && string.Equals(owner.ApiVersion, "v1", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    // The placeholder upstream would create, compared on what upstream compares: namespace,
    // labels, address type, and no endpoints or ports.
    private bool IsPlaceholderLike(EndpointSlice slice, AddressType addressType)
        => slice.AddressType == addressType
           && slice.Endpoints.IsEmpty
           && slice.Ports.IsEmpty
           && string.Equals(slice.Namespace, _service.Namespace, StringComparison.Ordinal)
           && ImmutableEquality.DictionariesEqual(slice.Labels, _labels);

    // Only labels the Service owns count: the reserved ones are the controller's to set.
    private bool ServiceLabelsMatch(ImmutableDictionary<string, string> sliceLabels)
    {
        var serviceOwned = 0;
        foreach (var (key, value) in _service.Labels)
        {
            if (IsReserved(key))
            {
                continue;
            }

            serviceOwned++;
            if (!sliceLabels.TryGetValue(key, out var actual) || !string.Equals(actual, value, StringComparison.Ordinal))
            {
                return false;
            }
        }

        var sliceOwned = 0;
        foreach (var key in sliceLabels.Keys)
        {
            if (!IsReserved(key))
            {
                sliceOwned++;
            }
        }

        return sliceOwned == serviceOwned;
    }

    private static bool IsReserved(string key)
        => key is EndpointSlice.ServiceNameLabel or EndpointSlice.ManagedByLabel or EndpointSlice.HeadlessServiceLabel;

    private static ImmutableDictionary<string, string> SliceLabels(Service service)
    {
        var labels = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in service.Labels)
        {
            if (!IsReserved(key))
            {
                labels[key] = value;
            }
        }

        if (!PodRules.IsServiceIPSet(service))
        {
            labels[EndpointSlice.HeadlessServiceLabel] = "";
        }

        labels[EndpointSlice.ServiceNameLabel] = service.Name;
        labels[EndpointSlice.ManagedByLabel] = EndpointSlice.ControllerName;
        return labels.ToImmutable();
    }
}
