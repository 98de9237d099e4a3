using System.Collections.Immutable;
using ServiceModel.Discovery;
using ServiceModel.Services;

namespace ServiceModel.Traffic;

/// <summary>
/// kube-proxy's topology filtering (v1.35 <c>pkg/proxy/topology.go</c>): which of a Service port's
/// endpoints a node uses for Cluster and for Local traffic policy, following node hints, else zone
/// hints, only when every ready endpoint carries them and one names this node (or its zone).
/// </summary>
/// <remarks>
/// Pure and thread-safe. Conditions read as kube-proxy reads them: an unset <c>ready</c> or <c>serving</c>
/// is true, an unset <c>terminating</c> false. The endpoints are taken as kube-proxy's list for one
/// Service port (one address family, duplicates already merged).
/// </remarks>
public static class TopologyFilter
{
    /// <summary>Sorts <paramref name="endpoints"/> for the entry node, with the traffic policies of <paramref name="service"/>.</summary>
    /// <param name="service">The Service; its type and traffic policies decide which policies are in force.</param>
    /// <param name="endpoints">The port's endpoints.</param>
    /// <param name="nodeName">The entry node's name.</param>
    /// <param name="zone">The entry node's <c>topology.kubernetes.io/zone</c>; null or empty when it has none.</param>
    /// <returns>The categories and the topology decision.</returns>
    /// <exception cref="ArgumentNullException">An argument or an endpoint is null.</exception>
    public static EndpointCategories Categorize(Service service, IReadOnlyList<Endpoint> endpoints, string nodeName, string? zone)
    {
        ArgumentNullException.ThrowIfNull(service);
        var spec = service.Spec;
        var externalLocal = ServiceTypeLayering.IsExternallyAccessible(spec) && spec.ExternalTrafficPolicy == TrafficPolicy.Local;
        var externalCluster = ServiceTypeLayering.IsExternallyAccessible(spec) && spec.ExternalTrafficPolicy != TrafficPolicy.Local;
        var internalLocal = spec.InternalTrafficPolicy == TrafficPolicy.Local;
        return Categorize(endpoints, nodeName, zone, usesClusterEndpoints: !internalLocal || externalCluster, usesLocalEndpoints: internalLocal || externalLocal);
    }

    /// <summary>
    /// Sorts <paramref name="endpoints"/> for the entry node. A Service port uses cluster-wide endpoints
    /// when <c>internalTrafficPolicy</c> is Cluster or it is externally accessible with
    /// <c>externalTrafficPolicy</c> Cluster, and local ones when either policy in force is Local.
    /// </summary>
    /// <param name="endpoints">The port's endpoints.</param>
    /// <param name="nodeName">The entry node's name.</param>
    /// <param name="zone">The entry node's <c>topology.kubernetes.io/zone</c>; null or empty when it has none.</param>
    /// <param name="usesClusterEndpoints">Whether a Cluster policy is in force for the port.</param>
    /// <param name="usesLocalEndpoints">Whether a Local policy is in force for the port.</param>
    /// <returns>The categories and the topology decision.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="endpoints"/>, <paramref name="nodeName"/> or an endpoint is null.</exception>
    public static EndpointCategories Categorize(
        IReadOnlyList<Endpoint> endpoints, string nodeName, string? zone, bool usesClusterEndpoints, bool usesLocalEndpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(nodeName);
        for (var i = 0; i < endpoints.Count; i++)
        {
            ArgumentNullException.ThrowIfNull(endpoints[i], nameof(endpoints));
        }

        zone ??= "";
        var mode = TopologyMode.None;
        var reason = TopologyReason.NotApplicable;
        var inCluster = new bool[endpoints.Count];
        var inLocal = new bool[endpoints.Count];
        var hasAny = false;
        if (usesClusterEndpoints)
        {
            (mode, reason) = ModeFromHints<Endpoint, DiscoveryEndpointView>(endpoints, nodeName, zone);
            hasAny = Mark<Endpoint, DiscoveryEndpointView>(endpoints, inCluster, mode, nodeName, zone);
        }

        if (usesLocalEndpoints)
        {
            hasAny |= MarkLocal<Endpoint, DiscoveryEndpointView>(endpoints, inLocal, nodeName);
        }

        var reachable = new bool[endpoints.Count];
        for (var i = 0; i < reachable.Length; i++)
        {
            reachable[i] = inCluster[i] || inLocal[i];
        }

        return new EndpointCategories
        {
            ClusterEndpoints = Pick(endpoints, inCluster),
            LocalEndpoints = Pick(endpoints, inLocal),
            ReachableEndpoints = Pick(endpoints, reachable),
            HasAnyEndpoints = hasAny,
            Mode = mode,
            Reason = reason,
            Message = MessageFor(reason, nodeName, zone),
        };
    }

    /// <summary>The topology mode kube-proxy uses on <paramref name="nodeName"/>, and why (<c>topologyModeFromHints</c>).</summary>
    internal static (TopologyMode Mode, TopologyReason Reason) ModeFromHints<T, TView>(IReadOnlyList<T> endpoints, string nodeName, string zone)
        where TView : IHintedEndpointView<T>
    {
        bool anyReady = false, allNodeHinted = true, forNode = false, allZoneHinted = true, forZone = false;
        for (var i = 0; i < endpoints.Count; i++)
        {
            var endpoint = endpoints[i];
            if (!TView.IsReady(endpoint))
            {
                continue;
            }

            anyReady = true;
            var hints = TView.Hints(endpoint);
            if (hints is null || hints.ForNodes.IsEmpty)
            {
                allNodeHinted = false;
            }
            else if (!forNode && Names(hints.ForNodes, nodeName))
            {
                forNode = true;
            }

            if (hints is null || hints.ForZones.IsEmpty)
            {
                allZoneHinted = false;
            }
            else if (!forZone && Names(hints.ForZones, zone))
            {
                forZone = true;
            }
        }

        return !anyReady ? (TopologyMode.None, TopologyReason.NoReadyEndpoints)
            : allNodeHinted && forNode ? (TopologyMode.PreferSameNode, TopologyReason.SameNodeHints)
            : !allZoneHinted ? (TopologyMode.None, TopologyReason.EndpointMissingZoneHint)
            : forZone ? (TopologyMode.PreferSameZone, TopologyReason.SameZoneHints)
            : zone.Length == 0 ? (TopologyMode.None, TopologyReason.NodeHasNoZone)
            : (TopologyMode.None, TopologyReason.NoHintsForZone);
    }

    /// <summary>Whether the mode lets the node use an endpoint with <paramref name="hints"/> (<c>availableForTopology</c>).</summary>
    internal static bool AvailableForTopology(EndpointHints? hints, TopologyMode mode, string nodeName, string zone) => mode switch
    {
        TopologyMode.None => true,
        TopologyMode.PreferSameNode => hints is not null && Names(hints.ForNodes, nodeName),
        _ => hints is not null && Names(hints.ForZones, zone),
    };

    // Cluster scope: ready endpoints the mode allows; failing any, every serving-and-terminating one.
    // Returns whether the scope has any endpoint.
    private static bool Mark<T, TView>(IReadOnlyList<T> endpoints, bool[] marks, TopologyMode mode, string nodeName, string zone)
        where TView : IHintedEndpointView<T>
    {
        var any = false;
        for (var i = 0; i < endpoints.Count; i++)
        {
            var endpoint = endpoints[i];
            any |= marks[i] = TView.IsReady(endpoint) && AvailableForTopology(TView.Hints(endpoint), mode, nodeName, zone);
        }

        if (!any)
        {
            for (var i = 0; i < endpoints.Count; i++)
            {
                any |= marks[i] = TView.IsServing(endpoints[i]) && TView.IsTerminating(endpoints[i]);
            }
        }

        return any;
    }

    // Local scope: ready endpoints on the node, else its serving-and-terminating ones. Returns whether
    // any endpoint anywhere is usable.
    private static bool MarkLocal<T, TView>(IReadOnlyList<T> endpoints, bool[] marks, string nodeName)
        where TView : IHintedEndpointView<T>
    {
        bool anyUsable = false, localReady = false;
        for (var i = 0; i < endpoints.Count; i++)
        {
            var endpoint = endpoints[i];
            var ready = TView.IsReady(endpoint);
            anyUsable |= ready || (TView.IsServing(endpoint) && TView.IsTerminating(endpoint));
            localReady |= ready && TView.IsLocal(endpoint, nodeName);
        }

        for (var i = 0; i < endpoints.Count; i++)
        {
            var endpoint = endpoints[i];
            marks[i] = TView.IsLocal(endpoint, nodeName)
                && (localReady ? TView.IsReady(endpoint) : TView.IsServing(endpoint) && TView.IsTerminating(endpoint));
        }

        return anyUsable;
    }

    private static ImmutableArray<Endpoint> Pick(IReadOnlyList<Endpoint> endpoints, bool[] marks)
    {
        var builder = ImmutableArray.CreateBuilder<Endpoint>();
        for (var i = 0; i < marks.Length; i++)
        {
            if (marks[i])
            {
                builder.Add(endpoints[i]);
            }
        }

        return builder.DrainToImmutable();
    }

    private static bool Names(ImmutableArray<string> names, string name)
    {
        foreach (var candidate in names)
        {
            if (string.Equals(candidate, name, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    internal static string MessageFor(TopologyReason reason, string nodeName, string zone) => reason switch
    {
        TopologyReason.SameNodeHints => $"every ready endpoint has a node hint and some are hinted for node \"{nodeName}\"; using those",
        TopologyReason.SameZoneHints => $"every ready endpoint has a zone hint and some are hinted for zone \"{zone}\"; using those",
        TopologyReason.NoReadyEndpoints => "no ready endpoints, so no hints to consider",
        TopologyReason.EndpointMissingZoneHint => "one or more ready endpoints is missing a zone hint; ignoring topology",
        TopologyReason.NodeHasNoZone => $"node \"{nodeName}\" has no topology.kubernetes.io/zone label; ignoring same-zone hints",
        TopologyReason.NoHintsForZone => $"no endpoints are hinted for zone \"{zone}\"; ignoring same-zone hints",
        _ => "only a Local traffic policy is in force; topology does not apply",
    };

    /// <summary>kube-proxy's reading of a <c>discovery.k8s.io/v1</c> endpoint.</summary>
    private readonly struct DiscoveryEndpointView : IHintedEndpointView<Endpoint>
    {
        public static bool IsReady(Endpoint endpoint) => endpoint.Conditions.Ready ?? true;

        public static bool IsServing(Endpoint endpoint) => endpoint.Conditions.Serving ?? true;

        public static bool IsTerminating(Endpoint endpoint) => endpoint.Conditions.Terminating ?? false;

        public static bool IsLocal(Endpoint endpoint, string nodeName) => string.Equals(endpoint.NodeName, nodeName, StringComparison.Ordinal);

        public static EndpointHints? Hints(Endpoint endpoint) => endpoint.Hints;
    }
}
