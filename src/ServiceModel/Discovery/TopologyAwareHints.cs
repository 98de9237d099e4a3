using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.InteropServices;

namespace ServiceModel.Discovery;

/// <summary>
/// Topology Aware Routing as the v1.35 EndpointSlice controller does it (<c>k8s.io/endpointslice/topologycache</c>):
/// for a Service annotated <c>service.kubernetes.io/topology-mode: Auto</c>, each ready endpoint is
/// hinted for one zone so that every zone gets endpoints in proportion to the allocatable CPU of its
/// ready nodes, within a 20 % overload threshold; when that cannot be done every hint is removed, with a reason.
/// </summary>
/// <remarks>
/// Pure and thread-safe: the caller passes the nodes and the slices the controller is about to create,
/// update and leave alone (one address type). Upstream picks among equal candidates in Go's random map
/// order; this model takes zones in ordinal order, so its answers are one of upstream's, always the same one.
/// </remarks>
public static class TopologyAwareHints
{
    /// <summary>The annotation that turns Topology Aware Routing on with the value <c>Auto</c>.</summary>
    public const string TopologyModeAnnotation = "service.kubernetes.io/topology-mode";

    /// <summary>The deprecated annotation of the same meaning; when both are set, this one wins.</summary>
    public const string DeprecatedTopologyAwareHintsAnnotation = "service.kubernetes.io/topology-aware-hints";

    /// <summary>The largest overload any endpoint should see: a zone gets at least its CPU share of endpoints divided by 1.2.</summary>
    public const double OverloadThreshold = 0.2;

    private const string InsufficientNodeInfoText = "Insufficient Node information: allocatable CPU or zone not specified on one or more nodes";
    private const string InsufficientEndpointsText = "Insufficient number of endpoints";
    private const string MinAllocationText = "Unable to allocate minimum required endpoints to each zone without exceeding overload threshold";
    private const string NoZoneText = "One or more endpoints do not have a zone specified";
    private const string EnabledText = "Topology Aware Hints has been enabled";
    private const string DisabledText = "Topology Aware Hints has been disabled";

    /// <summary>
    /// Whether <paramref name="annotations"/> ask for Topology Aware Routing: the deprecated annotation
    /// when present, else <see cref="TopologyModeAnnotation"/>, has the value <c>Auto</c> or <c>auto</c>.
    /// </summary>
    /// <param name="annotations">The Service's annotations; null reads as none.</param>
    /// <returns><see langword="true"/> when the controller allocates hints by zone.</returns>
    public static bool IsEnabled(IReadOnlyDictionary<string, string>? annotations)
    {
        if (annotations is null
            || (!annotations.TryGetValue(DeprecatedTopologyAwareHintsAnnotation, out var value)
                && !annotations.TryGetValue(TopologyModeAnnotation, out value)))
        {
            return false;
        }

        return value is "Auto" or "auto";
    }

    /// <summary>
    /// Each zone's share of the allocatable CPU of the ready nodes without a control-plane role label;
    /// empty when any such node lacks a zone label or CPU, or fewer than two zones remain (upstream's
    /// "insufficient node info").
    /// </summary>
    /// <param name="nodes">The cluster's nodes.</param>
    /// <returns>Zone → share in (0, 1], summing to 1; or empty.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="nodes"/> is null.</exception>
    public static ImmutableSortedDictionary<string, double> CpuRatiosByZone(NodeTopology nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var capacity = ZoneCapacity.Of(nodes);
        if (capacity is null)
        {
            return ImmutableSortedDictionary<string, double>.Empty.WithComparers(StringComparer.Ordinal);
        }

        var builder = ImmutableSortedDictionary.CreateBuilder<string, double>(StringComparer.Ordinal);
        for (var z = 0; z < capacity.Zones.Length; z++)
        {
            builder.Add(capacity.Zones[z], capacity.Ratios[z]);
        }

        return builder.ToImmutable();
    }

    /// <summary>
    /// Allocates the ready endpoints of one address type's slices to zones, or removes every hint with
    /// the reason upstream gives. Unchanged slices whose hints still fit are left alone and counted.
    /// </summary>
    /// <param name="nodes">The cluster's nodes (<see cref="NodeTopology.FromNodes"/>).</param>
    /// <param name="addressType">The slices' address type, named in the event message.</param>
    /// <param name="toCreate">Slices the controller is about to create; default reads as empty.</param>
    /// <param name="toUpdate">Slices the controller is about to update; default reads as empty.</param>
    /// <param name="unchanged">Existing slices the controller would leave alone; default reads as empty.</param>
    /// <returns>The slices with their hints, the outcome and its event message.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="nodes"/> or a slice is null.</exception>
    public static TopologyHintsResult Assign(
        NodeTopology nodes,
        AddressType addressType,
        ImmutableArray<EndpointSlice> toCreate,
        ImmutableArray<EndpointSlice> toUpdate,
        ImmutableArray<EndpointSlice> unchanged)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var work = new SliceWork(toCreate, toUpdate, unchanged);
        var capacity = ZoneCapacity.Of(nodes);
        if (capacity is null)
        {
            return work.Remove(TopologyHintsOutcome.InsufficientNodeInfo, InsufficientNodeInfoText, addressType);
        }

        var total = work.CountReady();
        var zoneCount = capacity.Zones.Length;
        if (zoneCount > total)
        {
            return work.Remove(TopologyHintsOutcome.InsufficientNumberOfEndpoints, Counted(InsufficientEndpointsText, total, zoneCount), addressType);
        }

        var allocations = Allocations.For(capacity, total);
        if (allocations is null)
        {
            return work.Remove(TopologyHintsOutcome.MinAllocationExceedsOverloadThreshold, Counted(MinAllocationText, total, zoneCount), addressType);
        }

        // Zones become small integers once (the allocation's zones first), so counting is array work.
        var allocated = new ZoneTally(allocations.Zones);
        work.KeepFittingUnchanged(allocations, allocated);
        if (!work.CountOwnZones(allocated))
        {
            return work.Remove(TopologyHintsOutcome.NoZoneSpecified, NoZoneText, addressType);
        }

        var (giving, receiving) = allocations.GivingAndReceiving(allocated);
        work.Hint(allocated, giving, receiving);
        return work.Result(TopologyHintsOutcome.HintsAssigned, EnabledText, addressType, allocated);
    }

    /// <summary>
    /// Removes every hint from the slices, as the controller does when a Service stops asking for
    /// Topology Aware Routing and has no <c>trafficDistribution</c> to take over; unchanged slices that
    /// carried hints move to the updates.
    /// </summary>
    /// <param name="addressType">The slices' address type, named in the event message.</param>
    /// <param name="toCreate">Slices the controller is about to create; default reads as empty.</param>
    /// <param name="toUpdate">Slices the controller is about to update; default reads as empty.</param>
    /// <param name="unchanged">Existing slices the controller would leave alone; default reads as empty.</param>
    /// <returns>The slices without hints; <see cref="TopologyHintsOutcome.Disabled"/> with upstream's message.</returns>
    /// <exception cref="ArgumentNullException">A slice is null.</exception>
    public static TopologyHintsResult RemoveHints(
        AddressType addressType,
        ImmutableArray<EndpointSlice> toCreate,
        ImmutableArray<EndpointSlice> toUpdate,
        ImmutableArray<EndpointSlice> unchanged)
        => new SliceWork(toCreate, toUpdate, unchanged).Remove(TopologyHintsOutcome.Disabled, DisabledText, addressType);

    private static string Counted(string text, int endpoints, int zones)
        => string.Create(CultureInfo.InvariantCulture, $"{text} ({endpoints} endpoints, {zones} zones)");

    private static string WithAddressType(string text, AddressType addressType) => $"{text}, addressType: {addressType}";

    /// <summary>Zones (ordinal order) and their CPU shares, as the topology cache's <c>SetNodes</c> computes them.</summary>
    private sealed class ZoneCapacity(string[] zones, double[] ratios)
    {
        public string[] Zones { get; } = zones;

        public double[] Ratios { get; } = ratios;

        public static ZoneCapacity? Of(NodeTopology topology)
        {
            var cpuByZone = new SortedDictionary<string, long>(StringComparer.Ordinal);
            long total = 0;
            foreach (var node in topology.Nodes.Values)
            {
                if (node.IsExcludedFromTopology || !node.Ready)
                {
                    continue;
                }

                // One ready node without a zone or CPU spoils the whole picture, as upstream.
                if (node.Zone is not { Length: > 0 } zone || node.AllocatableMilliCpu == 0)
                {
                    return null;
                }

                total += node.AllocatableMilliCpu;
                cpuByZone[zone] = cpuByZone.GetValueOrDefault(zone) + node.AllocatableMilliCpu;
            }

            if (total == 0 || cpuByZone.Count < 2)
            {
                return null;
            }

            var zones = cpuByZone.Keys.ToArray();
            var ratios = new double[zones.Length];
            for (var z = 0; z < zones.Length; z++)
            {
                ratios[z] = (double)cpuByZone[zones[z]] / total;
            }

            return new ZoneCapacity(zones, ratios);
        }
    }

    /// <summary>Each zone's minimum, maximum and desired number of endpoints.</summary>
    private sealed class Allocations
    {
        private Allocations(string[] zones, int[] minimum, int[] maximum, double[] desired)
        {
            Zones = zones;
            Minimum = minimum;
            Maximum = maximum;
            Desired = desired;
            Index = new Dictionary<string, int>(zones.Length, StringComparer.Ordinal);
            for (var z = 0; z < zones.Length; z++)
            {
                Index.Add(zones[z], z);
            }
        }

        public string[] Zones { get; }

        public int[] Minimum { get; }

        public int[] Maximum { get; }

        public double[] Desired { get; }

        public Dictionary<string, int> Index { get; }

        public static Allocations? For(ZoneCapacity capacity, int endpoints)
        {
            var count = capacity.Zones.Length;
            var minimum = new int[count];
            var maximum = new int[count];
            var desired = new double[count];
            var remaining = endpoints;
            var minTotal = 0;
            for (var z = 0; z < count; z++)
            {
                var share = capacity.Ratios[z] * endpoints;
                minimum[z] = (int)Math.Ceiling(share * (1 / (1 + OverloadThreshold)));
                desired[z] = Math.Max(share, minimum[z]);
                minTotal += minimum[z];
                remaining -= minimum[z];
                if (remaining < 0)
                {
                    return null;
                }
            }

            for (var z = 0; z < count; z++)
            {
                maximum[z] = minimum[z] + endpoints - minTotal;
            }

            return new Allocations(capacity.Zones, minimum, maximum, desired);
        }

        // Whole endpoints each zone gives or receives: the largest surplus gives to the largest deficit
        // until both are under one, or either is under a half.
        public (int[] Giving, int[] Receiving) GivingAndReceiving(ZoneTally allocated)
        {
            var count = Zones.Length;
            var givingDesired = new double[count];
            var receivingDesired = new double[count];
            for (var z = 0; z < count; z++)
            {
                var have = (double)allocated.Count(z);
                if (have > Desired[z])
                {
                    givingDesired[z] = have - Desired[z];
                }
                else if (have < Desired[z])
                {
                    receivingDesired[z] = Desired[z] - have;
                }
            }

            var giving = new int[count];
            var receiving = new int[count];
            while (true)
            {
                var (giver, toGive) = Most(givingDesired);
                var (receiver, toReceive) = Most(receivingDesired);
                if (giver < 0 || receiver < 0 || (toGive < 1.0 && toReceive < 1.0) || toGive < 0.5 || toReceive < 0.5)
                {
                    break;
                }

                giving[giver]++;
                givingDesired[giver]--;
                receiving[receiver]++;
                receivingDesired[receiver]--;
            }

            return (giving, receiving);
        }

        private static (int Zone, double Amount) Most(double[] amounts)
        {
            var zone = -1;
            var most = 0.0;
            for (var z = 0; z < amounts.Length; z++)
            {
                if (amounts[z] > most)
                {
                    zone = z;
                    most = amounts[z];
                }
            }

            return (zone, most);
        }
    }

    /// <summary>
    /// Zone names as small integers (the allocation's zones first, at their index there; any other zone
    /// an endpoint names as it is met), each zone's count of allocated endpoints, and one shared hints
    /// instance per zone.
    /// </summary>
    private sealed class ZoneTally
    {
        // Clusters have a handful of zones: a reference scan over the first few beats hashing the name.
        private const int Scanned = 8;
        private readonly List<string> _names;
        private readonly Dictionary<string, int> _index;
        private int[] _counts;
        private bool[] _present;
        private EndpointHints?[] _hints;

        public ZoneTally(string[] zones)
        {
            _names = new List<string>(zones);
            _index = new Dictionary<string, int>(zones.Length, StringComparer.Ordinal);
            for (var z = 0; z < zones.Length; z++)
            {
                _index.Add(zones[z], z);
            }

            _counts = new int[Math.Max(zones.Length, 4)];
            _present = new bool[_counts.Length];
            _hints = new EndpointHints?[_counts.Length];
        }

        public int IndexOf(string zone)
        {
            var names = CollectionsMarshal.AsSpan(_names);
            var scanned = Math.Min(names.Length, Scanned);
            for (var z = 0; z < scanned; z++)
            {
                if (ReferenceEquals(names[z], zone))
                {
                    return z;
                }
            }

            if (_index.TryGetValue(zone, out var index))
            {
                return index;
            }

            index = _names.Count;
            _names.Add(zone);
            _index.Add(zone, index);
            if (index == _counts.Length)
            {
                Array.Resize(ref _counts, index * 2);
                Array.Resize(ref _present, index * 2);
                Array.Resize(ref _hints, index * 2);
            }

            return index;
        }

        public int Count(int zone) => _counts[zone];

        public void Add(int zone, int delta)
        {
            _counts[zone] += delta;
            _present[zone] = true;
        }

        public EndpointHints HintsFor(int zone) => _hints[zone] ??= new EndpointHints { ForZones = [_names[zone]] };

        public ImmutableDictionary<string, int> ToDictionary()
        {
            var builder = ImmutableDictionary.CreateBuilder<string, int>(StringComparer.Ordinal);
            for (var z = 0; z < _names.Count; z++)
            {
                if (_present[z])
                {
                    builder.Add(_names[z], _counts[z]);
                }
            }

            return builder.ToImmutable();
        }
    }

    /// <summary>The slices in flight: created and updated ones as writable endpoint arrays, and the still-unchanged ones.</summary>
    private sealed class SliceWork
    {
        private readonly List<EndpointSlice> _slices = [];
        private readonly List<Endpoint[]> _endpoints = [];
        private readonly int _createCount;
        private readonly List<EndpointSlice> _unchanged;

        public SliceWork(ImmutableArray<EndpointSlice> toCreate, ImmutableArray<EndpointSlice> toUpdate, ImmutableArray<EndpointSlice> unchanged)
        {
            toCreate = toCreate.IsDefault ? [] : toCreate;
            toUpdate = toUpdate.IsDefault ? [] : toUpdate;
            unchanged = unchanged.IsDefault ? [] : unchanged;
            foreach (var slice in toCreate)
            {
                Add(slice);
            }

            _createCount = _slices.Count;
            foreach (var slice in toUpdate)
            {
                Add(slice);
            }

            _unchanged = new List<EndpointSlice>(unchanged.Length);
            foreach (var slice in unchanged)
            {
                ArgumentNullException.ThrowIfNull(slice, nameof(unchanged));
                _unchanged.Add(slice);
            }
        }

        public int CountReady()
        {
            var total = 0;
            foreach (var endpoints in _endpoints)
            {
                foreach (var endpoint in endpoints)
                {
                    total += TrafficDistributionHints.IsReady(endpoint) ? 1 : 0;
                }
            }

            foreach (var slice in _unchanged)
            {
                foreach (var endpoint in slice.Endpoints)
                {
                    total += TrafficDistributionHints.IsReady(endpoint) ? 1 : 0;
                }
            }

            return total;
        }

        // Unchanged slices whose hints all name allocated zones within their maximums stay unchanged
        // and count; the rest join the updates to be hinted afresh.
        public void KeepFittingUnchanged(Allocations allocations, ZoneTally allocated)
        {
            var kept = 0;
            var counts = new int[allocations.Zones.Length];
            for (var s = 0; s < _unchanged.Count; s++)
            {
                var slice = _unchanged[s];
                if (CountHints(slice, allocations, allocated, counts))
                {
                    for (var z = 0; z < counts.Length; z++)
                    {
                        if (counts[z] > 0)
                        {
                            allocated.Add(z, counts[z]);
                        }
                    }

                    _unchanged[kept++] = slice;
                }
                else
                {
                    Add(slice);
                }
            }

            _unchanged.RemoveRange(kept, _unchanged.Count - kept);
        }

        // Step one, counted: every ready endpoint would be hinted for its own zone. False when one has no zone.
        public bool CountOwnZones(ZoneTally allocated)
        {
            foreach (var endpoints in _endpoints)
            {
                foreach (var endpoint in endpoints)
                {
                    if (!TrafficDistributionHints.IsReady(endpoint))
                    {
                        continue;
                    }

                    if (endpoint.Zone is not { Length: > 0 } zone)
                    {
                        return false;
                    }

                    allocated.Add(allocated.IndexOf(zone), 1);
                }
            }

            return true;
        }

        // Steps one and two written at once: each ready endpoint is hinted for its own zone, except that,
        // in order, endpoints of a giving zone go to the first zone still receiving until the moves run out.
        // Each endpoint is copied at most once, and endpoints of one zone share one hints instance.
        public void Hint(ZoneTally allocated, int[] giving, int[] receiving)
        {
            int givers = 0, receivers = 0;
            for (var z = 0; z < giving.Length; z++)
            {
                givers += giving[z] > 0 ? 1 : 0;
                receivers += receiving[z] > 0 ? 1 : 0;
            }

            foreach (var endpoints in _endpoints)
            {
                for (var i = 0; i < endpoints.Length; i++)
                {
                    var endpoint = endpoints[i];
                    if (!TrafficDistributionHints.IsReady(endpoint))
                    {
                        continue;
                    }

                    var zone = allocated.IndexOf(endpoint.Zone!);
                    if (givers > 0 && receivers > 0 && zone < giving.Length && giving[zone] > 0)
                    {
                        var receiver = Array.FindIndex(receiving, count => count > 0);
                        givers -= --giving[zone] == 0 ? 1 : 0;
                        receivers -= --receiving[receiver] == 0 ? 1 : 0;
                        allocated.Add(receiver, 1);
                        allocated.Add(zone, -1);
                        zone = receiver;
                    }

                    var hints = allocated.HintsFor(zone);
                    if (!ReferenceEquals(endpoint.Hints, hints) && !Equals(endpoint.Hints, hints))
                    {
                        endpoints[i] = endpoint with { Hints = hints };
                    }
                }
            }
        }

        // RemoveHintsFromSlices: no hints on anything written; unchanged slices with hints get written without them.
        public TopologyHintsResult Remove(TopologyHintsOutcome outcome, string text, AddressType addressType)
        {
            foreach (var endpoints in _endpoints)
            {
                for (var i = 0; i < endpoints.Length; i++)
                {
                    if (endpoints[i].Hints is not null)
                    {
                        endpoints[i] = endpoints[i] with { Hints = null };
                    }
                }
            }

            var kept = 0;
            for (var s = 0; s < _unchanged.Count; s++)
            {
                var slice = _unchanged[s];
                if (TrafficDistributionHints.AnyHints(slice.Endpoints))
                {
                    _slices.Add(slice);
                    _endpoints.Add([.. TrafficDistributionHints.StripHints(slice.Endpoints)]);
                }
                else
                {
                    _unchanged[kept++] = slice;
                }
            }

            _unchanged.RemoveRange(kept, _unchanged.Count - kept);
            return Result(outcome, text, addressType, null);
        }

        public TopologyHintsResult Result(TopologyHintsOutcome outcome, string text, AddressType addressType, ZoneTally? allocated)
        {
            var create = ImmutableArray.CreateBuilder<EndpointSlice>(_createCount);
            var update = ImmutableArray.CreateBuilder<EndpointSlice>(_slices.Count - _createCount);
            for (var s = 0; s < _slices.Count; s++)
            {
                var slice = _slices[s] with { Endpoints = ImmutableCollectionsMarshal.AsImmutableArray(_endpoints[s]) };
                (s < _createCount ? create : update).Add(slice);
            }

            return new TopologyHintsResult
            {
                ToCreate = create.MoveToImmutable(),
                ToUpdate = update.MoveToImmutable(),
                Unchanged = [.. _unchanged],
                Outcome = outcome,
                Message = WithAddressType(text, addressType),
                AllocatedByZone = allocated is null ? ImmutableDictionary<string, int>.Empty : allocated.ToDictionary(),
            };
        }

        // getHintsByZone: null (false) when a ready endpoint lacks zone hints, names a zone with no
        // allocation, or the slice would push a zone past its maximum.
        private static bool CountHints(EndpointSlice slice, Allocations allocations, ZoneTally allocated, int[] counts)
        {
            Array.Clear(counts);
            foreach (var endpoint in slice.Endpoints)
            {
                if (!TrafficDistributionHints.IsReady(endpoint))
                {
                    continue;
                }

                if (endpoint.Hints is not { ForZones.IsEmpty: false } hints)
                {
                    return false;
                }

                foreach (var zone in hints.ForZones)
                {
                    if (!allocations.Index.TryGetValue(zone, out var z))
                    {
                        return false;
                    }

                    counts[z]++;
                }
            }

            for (var z = 0; z < counts.Length; z++)
            {
                if (counts[z] > 0 && counts[z] + allocated.Count(z) > allocations.Maximum[z])
                {
                    return false;
                }
            }

            return true;
        }

        private void Add(EndpointSlice slice)
        {
            ArgumentNullException.ThrowIfNull(slice);
            _slices.Add(slice);
            _endpoints.Add([.. slice.Endpoints]);
        }
    }
}
