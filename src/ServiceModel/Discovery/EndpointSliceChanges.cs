using System.Collections.Immutable;
using ServiceModel.Internal;

namespace ServiceModel.Discovery;

/// <summary>
/// What a controller must write to bring a Service's EndpointSlices up to date: the slices to
/// create, to update (whole new versions, by name) and to delete.
/// </summary>
/// <remarks>Immutable; equality is by value (the writes and the <see cref="Hints"/> reports). Empty when nothing needs writing. Made by <see cref="EndpointSliceReconciler"/> and <see cref="EndpointSliceTracker"/>.</remarks>
public sealed record EndpointSliceChanges
{
    private readonly ImmutableArray<EndpointSlice> _toCreate;
    private readonly ImmutableArray<EndpointSlice> _toUpdate;
    private readonly ImmutableArray<EndpointSlice> _toDelete;
    private readonly ImmutableArray<EndpointHintsReport> _hints;

    // Only the reconciler makes change sets; default arrays read as empty.
    internal EndpointSliceChanges(
        ImmutableArray<EndpointSlice> toCreate,
        ImmutableArray<EndpointSlice> toUpdate,
        ImmutableArray<EndpointSlice> toDelete,
        ImmutableArray<EndpointHintsReport> hints = default)
    {
        _toCreate = toCreate.IsDefault ? [] : toCreate;
        _toUpdate = toUpdate.IsDefault ? [] : toUpdate;
        _toDelete = toDelete.IsDefault ? [] : toDelete;
        _hints = hints.IsDefault ? [] : hints;
    }

    /// <summary>No changes.</summary>
    public static EndpointSliceChanges None { get; } = new([], [], []);

    /// <summary>Slices to create, in creation order.</summary>
    public ImmutableArray<EndpointSlice> ToCreate => _toCreate;

    /// <summary>New versions of existing slices (same name), ordered by name.</summary>
    public ImmutableArray<EndpointSlice> ToUpdate => _toUpdate;

    /// <summary>Existing slices to delete, ordered by name.</summary>
    public ImmutableArray<EndpointSlice> ToDelete => _toDelete;

    /// <summary>
    /// What the reconcile did about topology hints, one report per address type of the Service, in the
    /// order of its IP families; empty for a Service the controller does not manage. Says why hints were
    /// removed (a Topology Aware Routing fallback, or no hint source left) even when nothing needs writing.
    /// </summary>
    public ImmutableArray<EndpointHintsReport> Hints => _hints;

    /// <summary>Whether there is nothing to write (<see cref="Hints"/> is not a write).</summary>
    public bool IsEmpty => _toCreate.IsEmpty && _toUpdate.IsEmpty && _toDelete.IsEmpty;

    /// <summary>
    /// The slices that exist after these changes are written: <paramref name="existing"/> without
    /// the deleted ones, updated ones replaced in place (matched by namespace and name), then the
    /// created ones.
    /// </summary>
    /// <param name="existing">The slices before the changes.</param>
    /// <returns>The slices after the changes.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="existing"/> or one of its slices is null.</exception>
    public ImmutableArray<EndpointSlice> ApplyTo(IEnumerable<EndpointSlice> existing)
    {
        ArgumentNullException.ThrowIfNull(existing);
        var deleted = new HashSet<(string, string)>();
        foreach (var slice in _toDelete)
        {
            deleted.Add((slice.Namespace, slice.Name));
        }

        var updated = new Dictionary<(string, string), EndpointSlice>();
        foreach (var slice in _toUpdate)
        {
            updated[(slice.Namespace, slice.Name)] = slice;
        }

        var result = ImmutableArray.CreateBuilder<EndpointSlice>();
        foreach (var slice in existing)
        {
            ArgumentNullException.ThrowIfNull(slice, nameof(existing));
            var key = (slice.Namespace, slice.Name);
            if (deleted.Contains(key))
            {
                continue;
            }

            result.Add(updated.TryGetValue(key, out var replacement) ? replacement : slice);
        }

        result.AddRange(_toCreate);
        return result.ToImmutable();
    }

    /// <inheritdoc/>
    public bool Equals(EndpointSliceChanges? other)
        => other is not null
           && ImmutableEquality.ArraysEqual(_toCreate, other._toCreate)
           && ImmutableEquality.ArraysEqual(_toUpdate, other._toUpdate)
           && ImmutableEquality.ArraysEqual(_toDelete, other._toDelete)
           && ImmutableEquality.ArraysEqual(_hints, other._hints);

    /// <inheritdoc/>
    public override int GetHashCode()
        => HashCode.Combine(
            ImmutableEquality.ArrayHash(_toCreate),
            ImmutableEquality.ArrayHash(_toUpdate),
            ImmutableEquality.ArrayHash(_toDelete),
            ImmutableEquality.ArrayHash(_hints));
}
