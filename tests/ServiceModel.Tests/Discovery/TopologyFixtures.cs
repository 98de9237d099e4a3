using System.Collections.Immutable;
using ServiceModel.Discovery;

namespace ServiceModel.Tests.Discovery;

/// <summary>Builders for endpoints, slices and nodes in the shapes the topology tests need.</summary>
internal static class TopologyFixtures
{
    public static Endpoint Ready(string address, string? zone, string? node = null, bool? ready = true)
        => new([address]) { Zone = zone, NodeName = node, Conditions = new EndpointConditions { Ready = ready, Serving = ready, Terminating = false } };

    public static Endpoint Hinted(Endpoint endpoint, params string[] zones)
        => endpoint with { Hints = new EndpointHints { ForZones = [.. zones] } };

    public static EndpointSlice Slice(string name, params Endpoint[] endpoints)
        => new("ns", name, AddressType.IPv4) { Endpoints = [.. endpoints] };

    /// <summary>A topology whose zones get exactly the given CPU (one node per zone).</summary>
    public static NodeTopology Zones(params (string Zone, long MilliCpu)[] zones)
        => NodeTopology.FromNodes(zones.Select((z, i) => Node.InZone($"node-{i}", z.Zone, z.MilliCpu)));

    public static string[] HintZones(IEnumerable<EndpointSlice> slices)
        => [.. slices.SelectMany(s => s.Endpoints).Select(e => e.Hints is { ForZones: [var zone] } ? zone : "-")];

    public static ImmutableDictionary<string, string> Annotations(params (string Key, string Value)[] pairs)
        => pairs.ToImmutableDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
}
