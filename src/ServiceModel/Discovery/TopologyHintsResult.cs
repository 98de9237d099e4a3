using System.Collections.Immutable;
using ServiceModel.Internal;

namespace ServiceModel.Discovery;

/// <summary>
/// The slices of one address type after Topology Aware Routing (<see cref="TopologyAwareHints"/>): the
/// slices to create and update with their hints, the slices still unchanged, the outcome and the
/// event upstream records for it.
/// </summary>
/// <remarks>Immutable; equality is by value, slices compared in order.</remarks>
public sealed record TopologyHintsResult
{
    private readonly ImmutableArray<EndpointSlice> _toCreate = [];
    private readonly ImmutableArray<EndpointSlice> _toUpdate = [];
    private readonly ImmutableArray<EndpointSlice> _unchanged = [];
    private readonly ImmutableDictionary<string, int> _allocatedByZone = ImmutableDictionary<string, int>.Empty;

    /// <summary>Slices to create, in input order, with their hints; empty by default.</summary>
    /// <exception cref="ArgumentException">An item is <see langword="null"/> (also through <see langword="with"/>).</exception>
    public ImmutableArray<EndpointSlice> ToCreate
    {
        get => _toCreate;
        init => _toCreate = ModelGuard.Items(value, nameof(ToCreate));
    }

    /// <summary>
    /// Slices to update: the input's, then unchanged slices whose hints had to change, in input order;
    /// empty by default.
    /// </summary>
    /// <exception cref="ArgumentException">An item is <see langword="null"/> (also through <see langword="with"/>).</exception>
    public ImmutableArray<EndpointSlice> ToUpdate
    {
        get => _toUpdate;
        init => _toUpdate = ModelGuard.Items(value, nameof(ToUpdate));
    }

    /// <summary>Slices that still need no write; empty by default.</summary>
    /// <exception cref="ArgumentException">An item is <see langword="null"/> (also through <see langword="with"/>).</exception>
    public ImmutableArray<EndpointSlice> Unchanged
    {
        get => _unchanged;
        init => _unchanged = ModelGuard.Items(value, nameof(Unchanged));
    }

    /// <summary>What happened; <see cref="TopologyHintsOutcome.HintsAssigned"/> by default.</summary>
    public TopologyHintsOutcome Outcome { get; init; }

    /// <summary>Ready endpoints hinted for each zone after the allocation; empty unless hints were assigned.</summary>
    public ImmutableDictionary<string, int> AllocatedByZone
    {
        get => _allocatedByZone;
        init => _allocatedByZone = value ?? ImmutableDictionary<string, int>.Empty;
    }

    /// <summary>Whether hints were assigned (rather than removed).</summary>
    public bool HintsAssigned => Outcome == TopologyHintsOutcome.HintsAssigned;

    /// <summary>
    /// The event's reason: <c>TopologyAwareHintsEnabled</c> when hints were assigned (upstream records it
    /// only when the Service had none before), <c>TopologyAwareHintsDisabled</c> otherwise.
    /// </summary>
    public string EventReason => HintsAssigned ? "TopologyAwareHintsEnabled" : "TopologyAwareHintsDisabled";

    /// <summary>The event's type: <c>Normal</c> when hints were assigned, <c>Warning</c> otherwise.</summary>
    public string EventType => HintsAssigned ? "Normal" : "Warning";

    /// <summary>The event's message in upstream's words, ending with <c>, addressType: IPv4</c> (or the slices' type); empty by default.</summary>
    /// <exception cref="ArgumentNullException">Set to <see langword="null"/> (also through <see langword="with"/>).</exception>
    public string Message { get; init => field = ModelGuard.NotNull(value, nameof(Message)); } = "";

    /// <inheritdoc/>
    public bool Equals(TopologyHintsResult? other)
        => other is not null
           && Outcome == other.Outcome
           && string.Equals(Message, other.Message, StringComparison.Ordinal)
           && ImmutableEquality.ArraysEqual(_toCreate, other._toCreate)
           && ImmutableEquality.ArraysEqual(_toUpdate, other._toUpdate)
           && ImmutableEquality.ArraysEqual(_unchanged, other._unchanged)
           && _allocatedByZone.Count == other._allocatedByZone.Count
           && _allocatedByZone.All(pair => other._allocatedByZone.TryGetValue(pair.Key, out var count) && count == pair.Value);

    /// <inheritdoc/>
    public override int GetHashCode()
        => HashCode.Combine(Outcome, Message, ImmutableEquality.ArrayHash(_toCreate), ImmutableEquality.ArrayHash(_toUpdate),
            ImmutableEquality.ArrayHash(_unchanged), _allocatedByZone.Count);
}
