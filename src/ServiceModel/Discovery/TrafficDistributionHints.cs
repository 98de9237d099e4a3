using System.Collections.Immutable;
using ServiceModel.Services;

namespace ServiceModel.Discovery;

/// <summary>
/// The EndpointSlice controller's hints for <c>spec.trafficDistribution</c> (v1.35
/// <c>k8s.io/endpointslice/trafficdist</c>): every ready endpoint is hinted for its own zone, and for
/// <c>PreferSameNode</c> also for its own node; without a supported value every hint is removed.
/// </summary>
/// <remarks>
/// Pure and thread-safe. <c>PreferClose</c> and <c>PreferSameZone</c> behave alike. Endpoints that are not
/// ready (their <c>ready</c> condition is not explicitly true) keep whatever hints they had, as upstream.
/// </remarks>
public static class TrafficDistributionHints
{
    /// <summary>Whether the controller writes hints for <paramref name="trafficDistribution"/>: <c>PreferClose</c>, <c>PreferSameZone</c> or <c>PreferSameNode</c> (case-sensitive).</summary>
    /// <param name="trafficDistribution">The Service's <c>spec.trafficDistribution</c>; null when unset.</param>
    /// <returns><see langword="true"/> for the three values v1.35 acts on.</returns>
    public static bool IsSupported(string? trafficDistribution)
        => TrafficDistribution.IsSupported(trafficDistribution);

    /// <summary>
    /// Which mechanism hints a Service's endpoints: Topology Aware Routing when its annotations ask
    /// for it (it takes precedence), else <c>trafficDistribution</c> when supported, else none.
    /// </summary>
    /// <param name="trafficDistribution">The Service's <c>spec.trafficDistribution</c>; null when unset.</param>
    /// <param name="annotations">The Service's annotations; null reads as none.</param>
    /// <returns>The hint source.</returns>
    public static EndpointHintSource SourceFor(string? trafficDistribution, IReadOnlyDictionary<string, string>? annotations)
        => TopologyAwareHints.IsEnabled(annotations) ? EndpointHintSource.TopologyAwareRouting
            : IsSupported(trafficDistribution) ? EndpointHintSource.TrafficDistribution
            : EndpointHintSource.None;

    /// <summary>
    /// Hints one slice's endpoints for <paramref name="trafficDistribution"/>, or strips their hints
    /// when it is null or unsupported.
    /// </summary>
    /// <param name="trafficDistribution">The Service's <c>spec.trafficDistribution</c>; null when unset.</param>
    /// <param name="endpoints">The slice's endpoints; default reads as empty.</param>
    /// <returns>The hinted endpoints and whether an existing slice needs an update for them.</returns>
    /// <exception cref="ArgumentNullException">One of <paramref name="endpoints"/> is null.</exception>
    public static TrafficDistributionHintResult Apply(string? trafficDistribution, ImmutableArray<Endpoint> endpoints)
    {
        endpoints = endpoints.IsDefault ? [] : endpoints;
        foreach (var endpoint in endpoints)
        {
            ArgumentNullException.ThrowIfNull(endpoint, nameof(endpoints));
        }

        var close = IsSupported(trafficDistribution);
        var nodeHints = trafficDistribution == TrafficDistribution.PreferSameNode;
        var changed = close ? NeedsCloseUpdate(endpoints, nodeHints) : AnyHints(endpoints);
        return new TrafficDistributionHintResult
        {
            Endpoints = close ? HintClose(endpoints, nodeHints) : StripHints(endpoints),
            Changed = changed,
        };
    }

    /// <summary>The same endpoints without hints; the input itself when none had any.</summary>
    internal static ImmutableArray<Endpoint> StripHints(ImmutableArray<Endpoint> endpoints)
    {
        if (!AnyHints(endpoints))
        {
            return endpoints;
        }

        var builder = ImmutableArray.CreateBuilder<Endpoint>(endpoints.Length);
        foreach (var endpoint in endpoints)
        {
            builder.Add(endpoint.Hints is null ? endpoint : endpoint with { Hints = null });
        }

        return builder.MoveToImmutable();
    }

    internal static bool AnyHints(ImmutableArray<Endpoint> endpoints)
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

    internal static bool IsReady(Endpoint endpoint) => endpoint.Conditions.Ready == true;

    private static bool NeedsCloseUpdate(ImmutableArray<Endpoint> endpoints, bool nodeHints)
    {
        foreach (var endpoint in endpoints)
        {
            if (!IsReady(endpoint))
            {
                continue;
            }

            var hints = endpoint.Hints;
            var zonesRight = endpoint.Zone is { } zone
                ? hints is { ForZones: [var onlyZone] } && onlyZone == zone
                : hints is null || hints.ForZones.IsEmpty;
            var nodesRight = nodeHints && endpoint.NodeName is { } node
                ? hints is { ForNodes: [var onlyNode] } && onlyNode == node
                : hints is null || hints.ForNodes.IsEmpty;
            if (!zonesRight || !nodesRight)
            {
                return true;
            }
        }

        return false;
    }

    private static ImmutableArray<Endpoint> HintClose(ImmutableArray<Endpoint> endpoints, bool nodeHints)
    {
        // Hints are immutable, so endpoints of one zone (and node) share one instance.
        var cache = new HintsCache();
        var builder = ImmutableArray.CreateBuilder<Endpoint>(endpoints.Length);
        var any = false;
        foreach (var endpoint in endpoints)
        {
            if (!IsReady(endpoint))
            {
                builder.Add(endpoint);
                continue;
            }

            var hints = cache.For(endpoint.Zone, nodeHints ? endpoint.NodeName : null);

            if (Equals(endpoint.Hints, hints))
            {
                builder.Add(endpoint);
            }
            else
            {
                builder.Add(endpoint with { Hints = hints });
                any = true;
            }
        }

        return any ? builder.MoveToImmutable() : endpoints;
    }

    /// <summary>
    /// One hints instance per (zone, node). A slice names a handful of zones, usually as shared string
    /// instances, so the first few keys are matched by reference before any hashing.
    /// </summary>
    private sealed class HintsCache
    {
        private const int Scanned = 8;
        private readonly (string? Zone, string? Node, EndpointHints? Hints)[] _recent = new (string?, string?, EndpointHints?)[Scanned];
        private int _count;
        private Dictionary<(string?, string?), EndpointHints?>? _all;

        public EndpointHints? For(string? zone, string? node)
        {
            for (var i = 0; i < _count; i++)
            {
                ref var entry = ref _recent[i];
                if (ReferenceEquals(entry.Zone, zone) && ReferenceEquals(entry.Node, node))
                {
                    return entry.Hints;
                }
            }

            _all ??= [];
            if (!_all.TryGetValue((zone, node), out var hints))
            {
                hints = zone is null && node is null ? null : new EndpointHints
                {
                    ForZones = zone is null ? [] : [zone],
                    ForNodes = node is null ? [] : [node],
                };
                _all.Add((zone, node), hints);
            }

            if (_count < Scanned)
            {
                _recent[_count++] = (zone, node, hints);
            }

            return hints;
        }
    }
}
