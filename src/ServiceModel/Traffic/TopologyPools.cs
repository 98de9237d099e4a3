using System.Runtime.InteropServices;

namespace ServiceModel.Traffic;

/// <summary>
/// The cluster-wide pool narrowed by topology hints, built once per endpoint table: one pool per node
/// that some ready endpoint is hinted for (when every ready endpoint has a node hint) and one per
/// zone (when every ready endpoint has a zone hint). Choosing the pool for an entry node is then two
/// dictionary lookups, and the choice is the one <see cref="TopologyFilter"/> makes endpoint by endpoint.
/// </summary>
/// <remarks>Read-only after construction, so any number of threads may select through it.</remarks>
internal sealed class TopologyPools
{
    private readonly bool _anyReady;
    private readonly bool _allNodeHinted;
    private readonly bool _allZoneHinted;
    private readonly Dictionary<string, EndpointPool>? _byNode;
    private readonly Dictionary<string, EndpointPool>? _byZone;

    private TopologyPools(bool anyReady, bool anyHinted, bool allNodeHinted, bool allZoneHinted,
        Dictionary<string, EndpointPool>? byNode, Dictionary<string, EndpointPool>? byZone)
    {
        _anyReady = anyReady;
        AnyHinted = anyHinted;
        _allNodeHinted = allNodeHinted;
        _allZoneHinted = allZoneHinted;
        _byNode = byNode;
        _byZone = byZone;
    }

    /// <summary>True when some ready endpoint carries a zone or node hint, so topology is worth reporting.</summary>
    public bool AnyHinted { get; }

    /// <summary>
    /// Builds the hinted pools. <paramref name="onlyNode"/> and <paramref name="onlyZone"/>, when set,
    /// limit them to one entry node and its zone (a one-off route needs no other).
    /// </summary>
    public static TopologyPools Build(ReadOnlySpan<EndpointView> endpoints, string? onlyNode, string? onlyZone)
    {
        bool anyReady = false, anyHinted = false, allNodeHinted = true, allZoneHinted = true;
        foreach (var endpoint in endpoints)
        {
            if (!endpoint.Ready)
            {
                continue;
            }

            anyReady = true;
            var hints = endpoint.Hints;
            var hasNodes = hints is not null && !hints.ForNodes.IsEmpty;
            var hasZones = hints is not null && !hints.ForZones.IsEmpty;
            anyHinted |= hasNodes || hasZones;
            allNodeHinted &= hasNodes;
            allZoneHinted &= hasZones;
        }

        if (!anyReady || !anyHinted)
        {
            return new TopologyPools(anyReady, anyHinted: false, allNodeHinted: false, allZoneHinted: false, null, null);
        }

        var byNode = allNodeHinted ? Group(endpoints, TopologyMode.PreferSameNode, onlyNode) : null;
        var byZone = allZoneHinted ? Group(endpoints, TopologyMode.PreferSameZone, onlyZone) : null;
        return new TopologyPools(anyReady, anyHinted, allNodeHinted, allZoneHinted, byNode, byZone);
    }

    /// <summary>
    /// The pool kube-proxy on <paramref name="nodeName"/> (in <paramref name="zone"/>, empty when it has
    /// none) uses for Cluster traffic policy: a hinted pool, or <paramref name="cluster"/> when topology
    /// does not apply; <paramref name="mode"/> and <paramref name="reason"/> say which and why.
    /// </summary>
    public EndpointPool Select(EndpointPool cluster, string nodeName, string zone, out TopologyMode mode, out TopologyReason reason)
    {
        mode = TopologyMode.None;
        if (!_anyReady)
        {
            reason = TopologyReason.NoReadyEndpoints;
            return cluster;
        }

        if (_allNodeHinted && _byNode!.TryGetValue(nodeName, out var forNode))
        {
            (mode, reason) = (TopologyMode.PreferSameNode, TopologyReason.SameNodeHints);
            return forNode;
        }

        if (!_allZoneHinted)
        {
            reason = TopologyReason.EndpointMissingZoneHint;
            return cluster;
        }

        if (_byZone!.TryGetValue(zone, out var forZone))
        {
            (mode, reason) = (TopologyMode.PreferSameZone, TopologyReason.SameZoneHints);
            return forZone;
        }

        reason = zone.Length == 0 ? TopologyReason.NodeHasNoZone : TopologyReason.NoHintsForZone;
        return cluster;
    }

    // One pool per name the ready endpoints are hinted for; a name listed twice on one endpoint counts once.
    private static Dictionary<string, EndpointPool> Group(ReadOnlySpan<EndpointView> endpoints, TopologyMode mode, string? only)
    {
        var members = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < endpoints.Length; i++)
        {
            var endpoint = endpoints[i];
            if (!endpoint.Ready)
            {
                continue;
            }

            var names = mode == TopologyMode.PreferSameNode ? endpoint.Hints!.ForNodes : endpoint.Hints!.ForZones;
            foreach (var name in names)
            {
                if (name is null || (only is not null && !string.Equals(name, only, StringComparison.Ordinal)))
                {
                    continue;
                }

                if (!members.TryGetValue(name, out var list))
                {
                    members.Add(name, list = []);
                }

                if (list.Count == 0 || list[^1] != i)
                {
                    list.Add(i);
                }
            }
        }

        var pools = new Dictionary<string, EndpointPool>(members.Count, StringComparer.Ordinal);
        foreach (var (name, list) in members)
        {
            pools.Add(name, EndpointPool.BuildHinted(endpoints, CollectionsMarshal.AsSpan(list), mode, name));
        }

        return pools;
    }
}
