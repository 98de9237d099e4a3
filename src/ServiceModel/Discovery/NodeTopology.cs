using System.Collections.Immutable;
using ServiceModel.Internal;

namespace ServiceModel.Discovery;

/// <summary>
/// The nodes the EndpointSlice controller knows, each with the value of its
/// <c>topology.kubernetes.io/zone</c> label (empty when the node has none) and, when built from
/// <see cref="Node"/>s, its allocatable CPU and readiness for topology-aware routing.
/// </summary>
/// <remarks>
/// Upstream reads nodes from its informer: a pod on a node it does not know is left out of the
/// slices (unless the Service publishes not-ready addresses), and an endpoint's zone comes from its
/// node. Passing no topology at all means "every node exists and none has a zone". A topology built
/// from zones alone holds ready nodes with no allocatable CPU, which topology-aware routing reads as
/// insufficient node information.
/// </remarks>
public sealed record NodeTopology
{
    private readonly ImmutableDictionary<string, string> _zonesByNode;
    private readonly ImmutableDictionary<string, Node> _nodes;

    /// <summary>Creates a topology from node name → zone (empty zone: the node has no zone label).</summary>
    /// <param name="zonesByNode">Every known node and its zone.</param>
    /// <exception cref="ArgumentNullException"><paramref name="zonesByNode"/> is null.</exception>
    public NodeTopology(IEnumerable<KeyValuePair<string, string>> zonesByNode)
    {
        ArgumentNullException.ThrowIfNull(zonesByNode);
        _zonesByNode = ImmutableDictionary.CreateRange(StringComparer.Ordinal, zonesByNode);
        var nodes = ImmutableDictionary.CreateBuilder<string, Node>(StringComparer.Ordinal);
        foreach (var (name, zone) in _zonesByNode)
        {
            nodes.Add(name, Node.InZone(name, zone, 0));
        }

        _nodes = nodes.ToImmutable();
    }

    private NodeTopology(ImmutableDictionary<string, Node> nodes)
    {
        _nodes = nodes;
        _zonesByNode = ImmutableDictionary.CreateRange(
            StringComparer.Ordinal, nodes.Select(pair => KeyValuePair.Create(pair.Key, pair.Value.Zone ?? "")));
    }

    /// <summary>Creates a topology from whole nodes: names, zone labels, allocatable CPU and readiness.</summary>
    /// <param name="nodes">Every known node; names must be distinct.</param>
    /// <returns>The topology.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="nodes"/> or one of its items is null.</exception>
    /// <exception cref="ArgumentException">Two nodes share a name.</exception>
    public static NodeTopology FromNodes(IEnumerable<Node> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var byName = ImmutableDictionary.CreateBuilder<string, Node>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            ArgumentNullException.ThrowIfNull(node, nameof(nodes));
            if (!byName.TryAdd(node.Name, node))
            {
                throw new ArgumentException($"Node {GoText.Quote(node.Name)} appears more than once; node names must be distinct.", nameof(nodes));
            }
        }

        return new NodeTopology(byName.ToImmutable());
    }

    /// <summary>Every known node by name.</summary>
    public ImmutableDictionary<string, Node> Nodes => _nodes;

    /// <summary>A topology with no nodes: every pod's node is unknown.</summary>
    public static NodeTopology Empty { get; } = new(ImmutableDictionary<string, string>.Empty);

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
    {
        if (other is null || _nodes.Count != other._nodes.Count)
        {
            return false;
        }

        foreach (var (name, node) in _nodes)
        {
            if (!other._nodes.TryGetValue(name, out var theirs) || !node.Equals(theirs))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        // Order-independent, as the dictionary is.
        var hash = 0;
        foreach (var node in _nodes.Values)
        {
            hash ^= node.GetHashCode();
        }

        return HashCode.Combine(_nodes.Count, hash);
    }
}
