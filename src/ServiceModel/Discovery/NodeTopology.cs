using System.Collections.Immutable;
using ServiceModel.Internal;

namespace ServiceModel.Discovery;

/// <summary>
/// The nodes the EndpointSlice controller knows, each with the value of its
/// <c>topology.kubernetes.io/zone</c> label (empty when the node has none).
/// </summary>
/// <remarks>
/// Upstream reads nodes from its informer: a pod on a node it does not know is left out of the
/// slices (unless the Service publishes not-ready addresses), and an endpoint's zone comes from its
/// node. Passing no topology at all means "every node exists and none has a zone".
/// </remarks>
public sealed record NodeTopology
{
    private readonly ImmutableDictionary<string, string> _zonesByNode;

    /// <summary>Creates a topology from node name → zone (empty zone: the node has no zone label).</summary>
    /// <param name="zonesByNode">Every known node and its zone.</param>
    /// <exception cref="ArgumentNullException"><paramref name="zonesByNode"/> is null.</exception>
    public NodeTopology(IEnumerable<KeyValuePair<string, string>> zonesByNode)
    {
        ArgumentNullException.ThrowIfNull(zonesByNode);
        _zonesByNode = ImmutableDictionary.CreateRange(StringComparer.Ordinal, zonesByNode);
    }

    /// <summary>A topology with no nodes: every pod's node is unknown.</summary>
    public static NodeTopology Empty { get; } = new([]);

    /// <summary>Every known node and its zone (empty: no zone label).</summary>
    public ImmutableDictionary<string, string> ZonesByNode => _zonesByNode;

    /// <summary>Whether <paramref name="nodeName"/> is a known node.</summary>
    /// <param name="nodeName">A node name; null or empty is never known.</param>
    /// <returns><see langword="true"/> when the node exists.</returns>
    internal bool Contains(string? nodeName) => nodeName is not null && _zonesByNode.ContainsKey(nodeName);

    /// <summary>The zone of <paramref name="nodeName"/>, or null when the node is unknown or has no zone.</summary>
    /// <param name="nodeName">A node name.</param>
    /// <returns>The zone label's value, or null.</returns>
    internal string? ZoneOf(string? nodeName)
        => nodeName is not null && _zonesByNode.TryGetValue(nodeName, out var zone) && zone.Length > 0 ? zone : null;

    /// <inheritdoc/>
    public bool Equals(NodeTopology? other)
        => other is not null && ImmutableEquality.DictionariesEqual(_zonesByNode, other._zonesByNode);

    /// <inheritdoc/>
    public override int GetHashCode() => ImmutableEquality.DictionaryHash(_zonesByNode);
}
