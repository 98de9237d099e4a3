using System.Collections.Immutable;
using ServiceModel.Networking;
using ServiceModel.Services;

namespace ServiceModel.Endpoints;

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

    private static readonly Comparison<Pod> s_byName = static (left, right) => string.CompareOrdinal(left.Name, right.Name);

    /// <summary>Creates a reconciler that puts at most <paramref name="maxEndpointsPerSlice"/> endpoints in a slice.</summary>
    /// <param name="maxEndpointsPerSlice">The per-slice limit, 1 to 1000; 100 by default.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxEndpointsPerSlice"/> is outside 1..1000.</exception>
    public EndpointSliceReconciler(int maxEndpointsPerSlice = DefaultMaxEndpointsPerSlice)
    {
        if (maxEndpointsPerSlice is < 1 or > MaxEndpointsPerSliceLimit)
        {
            throw new ArgumentOutOfRangeException(
                nameof(maxEndpointsPerSlice),
                maxEndpointsPerSlice,
                $"max-endpoints-per-slice must be between 1 and {MaxEndpointsPerSliceLimit}, was {maxEndpointsPerSlice}");
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
    /// <returns>The slices, in creation order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="service"/> or <paramref name="pods"/> is null.</exception>
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
    /// <returns>The changes; <see cref="EndpointSliceChanges.None"/> when the slices are current or the controller does not manage the Service.</returns>
    /// <exception cref="ArgumentNullException">An argument other than <paramref name="nodes"/> is null.</exception>
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

        var run = new ReconcileRun(this, service, nodes);
        return run.Execute(pods, existingSlices);
    }

    /// <summary>The address types a Service's slices use, in the order of its IP families.</summary>
    internal static List<AddressType> AddressTypesFor(Service service)
    {
        var types = new List<AddressType>(2);
        foreach (var family in service.Spec.IPFamilies)
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

    /// <summary>One reconcile: the Service's derived facts and the output being built.</summary>
    private sealed class ReconcileRun
    {
        private readonly int _max;
        private readonly Service _service;
        private readonly NodeTopology? _nodes;
        private readonly ImmutableDictionary<string, string> _labels;
        private readonly string _generateName;
        private readonly List<PortGroup> _groups = [];
        private readonly List<SliceDraft> _creates = [];
        private readonly List<SliceDraft> _updates = [];
        private readonly List<EndpointSlice> _deletes = [];
        private readonly HashSet<string> _usedNames = new(StringComparer.Ordinal);

        public ReconcileRun(EndpointSliceReconciler owner, Service service, NodeTopology? nodes)
        {
            _max = owner.MaxEndpointsPerSlice;
            _service = service;
            _nodes = nodes;
            _labels = SliceLabels(service);
            _generateName = SliceNames.Prefix(service.Name);
        }

        public EndpointSliceChanges Execute(IEnumerable<Pod> pods, IEnumerable<EndpointSlice> existingSlices)
        {
            var addressTypes = AddressTypesFor(_service);
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

        private List<(Pod Pod, PortGroup Group)> SelectPods(IEnumerable<Pod> pods)
        {
            var selected = new List<Pod>();
            foreach (var pod in pods)
            {
                ArgumentNullException.ThrowIfNull(pod, nameof(pods));
                if (PodRules.Selects(_service, pod) && PodRules.ShouldBeInEndpoints(pod, includeTerminating: true))
                {
                    selected.Add(pod);
                }
            }

            selected.Sort(s_byName);

            var servicePorts = _service.Spec.Ports;
            var shared = PodRules.AllTargetPortsNumeric(servicePorts) ? GroupFor(null, servicePorts) : null;
            var result = new List<(Pod, PortGroup)>(selected.Count);
            foreach (var pod in selected)
            {
                result.Add((pod, shared ?? GroupFor(pod, servicePorts)));
            }

            return result;
        }

        // Every pod resolves the Service's ports to one vector of numbers (missing named ports
        // left out); pods with equal vectors share a group and thus slices.
        private PortGroup GroupFor(Pod? pod, ImmutableArray<ServicePort> servicePorts)
        {
            Span<int> resolved = servicePorts.Length <= 32 ? stackalloc int[servicePorts.Length] : new int[servicePorts.Length];
            for (var i = 0; i < servicePorts.Length; i++)
            {
                var servicePort = servicePorts[i];
                var target = servicePort.TargetPort;
                if (pod is null)
                {
                    resolved[i] = target.IntValue == 0 ? servicePort.Port : target.IntValue;
                }
                else
                {
                    resolved[i] = PodRules.TryFindPort(pod, servicePort, out var number) ? number : -1;
                }
            }

            foreach (var group in _groups)
            {
                if (group.Resolved.AsSpan().SequenceEqual(resolved))
                {
                    return group;
                }
            }

            var ports = ImmutableArray.CreateBuilder<EndpointPort>(servicePorts.Length);
            for (var i = 0; i < servicePorts.Length; i++)
            {
                if (resolved[i] >= 0)
                {
                    var servicePort = servicePorts[i];
                    ports.Add(new EndpointPort(servicePort.Name ?? "", resolved[i], servicePort.Protocol, servicePort.AppProtocol));
                }
            }

            var created = new PortGroup(resolved.ToArray(), ports.ToImmutable());
            _groups.Add(created);
            return created;
        }

        private void ReconcileAddressType(AddressType addressType, List<(Pod Pod, PortGroup Group)> selected, List<EndpointSlice> existing)
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
            foreach (var (pod, group) in selected)
            {
                if (!desired.TryGetValue(group, out var set))
                {
                    desired.Add(group, set = new DesiredEndpoints());
                    groupOrder.Add(group);
                }

                if (_nodes is not null && !_nodes.Contains(pod.NodeName) && !_service.Spec.PublishNotReadyAddresses)
                {
                    continue;
                }

                var endpoint = ToEndpoint(pod, family);
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
                    toUpdate.Add(new SliceDraft(slice, slice.AddressType, slice.Ports, _labels, kept));
                }
                else
                {
                    unchanged.Add(new SliceDraft(slice, slice.AddressType, slice.Ports, slice.Labels, kept));
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

                addresses = [PodRules.Format(ips[0])];
            }
            else
            {
                var builder = ImmutableArray.CreateBuilder<string>();
                foreach (var ip in ips)
                {
                    if (PodRules.FamilyOf(ip) == family)
                    {
                        builder.Add(PodRules.Format(ip));
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
                Conditions = new EndpointConditions(ready, serving, terminating),
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
            return new EndpointSliceChanges(creates.MoveToImmutable(), updates.MoveToImmutable(), [.. _deletes]);
        }

        private bool IsManagedSliceOf(EndpointSlice slice)
            => string.Equals(slice.Namespace, _service.Namespace, StringComparison.Ordinal)
               && slice.Labels.TryGetValue(EndpointSlice.ServiceNameLabel, out var serviceName)
               && string.Equals(serviceName, _service.Name, StringComparison.Ordinal)
               && slice.Labels.TryGetValue(EndpointSlice.ManagedByLabel, out var managedBy)
               && string.Equals(managedBy, EndpointSlice.ControllerName, StringComparison.Ordinal);

        // Upstream matches the owner's UID; the Service model has none, so its name stands in.
        private bool IsOwned(EndpointSlice slice)
        {
            foreach (var owner in slice.OwnerReferences)
            {
                if (string.Equals(owner.Kind, "Service", StringComparison.Ordinal)
                    && string.Equals(owner.ApiVersion, "v1", StringComparison.Ordinal)
                    && string.Equals(owner.Name, _service.Name, StringComparison.Ordinal))
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
               && Internal.ImmutableEquality.DictionariesEqual(slice.Labels, _labels);

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

    /// <summary>The ports a set of pods resolves to, and their order-free key.</summary>
    private sealed class PortGroup(int[] resolved, ImmutableArray<EndpointPort> ports)
    {
        public int[] Resolved { get; } = resolved;

        public ImmutableArray<EndpointPort> Ports { get; } = ports;

        public PortSetKey Key { get; } = new(ports);
    }

    /// <summary>A slice being built: an existing one (named) or a new one (unnamed until the end).</summary>
    private sealed class SliceDraft(
        EndpointSlice? original,
        AddressType addressType,
        ImmutableArray<EndpointPort> ports,
        ImmutableDictionary<string, string> labels,
        List<Endpoint> endpoints)
    {
        public string? Name { get; set; } = original?.Name;

        public AddressType AddressType { get; } = addressType;

        public List<Endpoint> Endpoints { get; } = endpoints;

        public EndpointSlice ToSlice(string name, Service service, string generateName)
        {
            if (original is not null && string.Equals(original.Name, name, StringComparison.Ordinal))
            {
                return original with { Labels = labels, Endpoints = [.. Endpoints] };
            }

            return new EndpointSlice(service.Namespace, name, AddressType)
            {
                GenerateName = generateName,
                Ports = ports,
                Labels = labels,
                Endpoints = [.. Endpoints],
                OwnerReferences = [new OwnerReference("v1", "Service", service.Name, "")],
            };
        }
    }
}
