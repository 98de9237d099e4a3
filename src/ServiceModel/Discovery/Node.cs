using System.Collections.Immutable;
using ServiceModel.Internal;

namespace ServiceModel.Discovery;

/// <summary>
/// The parts of a Kubernetes Node that topology-aware routing reads: its name, its labels (the zone
/// among them), its allocatable CPU and whether it is ready.
/// </summary>
/// <remarks>
/// Immutable; derive variants with <see langword="with"/>. Equality is by value, labels included.
/// The EndpointSlice controller's topology cache weighs each zone by the allocatable CPU of its ready
/// nodes, leaving out control-plane nodes (<see cref="IsExcludedFromTopology"/>).
/// </remarks>
public sealed record Node
{
    /// <summary>The well-known label holding a node's zone (<c>topology.kubernetes.io/zone</c>).</summary>
    public const string ZoneLabel = "topology.kubernetes.io/zone";

    /// <summary>The role label that marks a control-plane node (<c>node-role.kubernetes.io/control-plane</c>).</summary>
    public const string ControlPlaneRoleLabel = "node-role.kubernetes.io/control-plane";

    /// <summary>The legacy role label that marks a control-plane node (<c>node-role.kubernetes.io/master</c>).</summary>
    public const string MasterRoleLabel = "node-role.kubernetes.io/master";

    private readonly string _name = "";
    private readonly ImmutableDictionary<string, string> _labels = ImmutableDictionary<string, string>.Empty;
    private readonly long _allocatableMilliCpu;

    /// <summary>The node's name (<c>metadata.name</c>); required, never empty.</summary>
    /// <exception cref="ArgumentException">The value is null or empty.</exception>
    public required string Name
    {
        get => _name;
        init
        {
            ArgumentException.ThrowIfNullOrEmpty(value, nameof(Name));
            _name = value;
        }
    }

    /// <summary>The node's labels (<c>metadata.labels</c>); empty by default, never null.</summary>
    /// <exception cref="ArgumentException">A value is <see langword="null"/> (also through <see langword="with"/>).</exception>
    public ImmutableDictionary<string, string> Labels
    {
        get => _labels;
        init => _labels = ModelGuard.Values(value, nameof(Labels));
    }

    /// <summary>
    /// The node's allocatable CPU (<c>status.allocatable.cpu</c>) in millicores; 0 by default, which
    /// topology-aware routing reads as "not reported".
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public long AllocatableMilliCpu
    {
        get => _allocatableMilliCpu;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value, nameof(AllocatableMilliCpu));
            _allocatableMilliCpu = value;
        }
    }

    /// <summary>
    /// Whether the node's <c>Ready</c> condition is <c>True</c>; <see langword="true"/> by default. Set
    /// <see langword="false"/> for a node whose condition is anything else, or missing.
    /// </summary>
    public bool Ready { get; init; } = true;

    /// <summary>The value of the node's <see cref="ZoneLabel"/> label, or null when it has none.</summary>
    public string? Zone => _labels.TryGetValue(ZoneLabel, out var zone) ? zone : null;

    /// <summary>Whether the node carries a control-plane role label, which keeps it out of topology capacity.</summary>
    public bool IsExcludedFromTopology => _labels.ContainsKey(ControlPlaneRoleLabel) || _labels.ContainsKey(MasterRoleLabel);

    /// <summary>Creates a ready node named <paramref name="name"/> in <paramref name="zone"/> with <paramref name="allocatableMilliCpu"/>.</summary>
    /// <param name="name">The node's name.</param>
    /// <param name="zone">The zone label's value; null or empty leaves the label off.</param>
    /// <param name="allocatableMilliCpu">Allocatable CPU in millicores.</param>
    /// <returns>The node.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null or empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="allocatableMilliCpu"/> is negative.</exception>
    public static Node InZone(string name, string? zone, long allocatableMilliCpu) => new()
    {
        Name = name,
        Labels = string.IsNullOrEmpty(zone) ? ImmutableDictionary<string, string>.Empty : ImmutableDictionary<string, string>.Empty.Add(ZoneLabel, zone),
        AllocatableMilliCpu = allocatableMilliCpu,
    };

    /// <inheritdoc/>
    public bool Equals(Node? other)
        => other is not null
           && string.Equals(_name, other._name, StringComparison.Ordinal)
           && _allocatableMilliCpu == other._allocatableMilliCpu
           && Ready == other.Ready
           && ImmutableEquality.DictionariesEqual(_labels, other._labels);

    /// <inheritdoc/>
    public override int GetHashCode()
        => HashCode.Combine(StringComparer.Ordinal.GetHashCode(_name), _allocatableMilliCpu, Ready, ImmutableEquality.DictionaryHash(_labels));
}
