using System.Collections.Immutable;
using ServiceModel.Internal;

namespace ServiceModel.Services;

/// <summary>
/// The result of <see cref="AllocationRepair.Check(ServiceAllocator, IEnumerable{Service})"/>: every
/// disagreement between the allocators' marks and the live Services, in the order upstream's repair
/// controllers would report them.
/// </summary>
/// <remarks>
/// Order: cluster IP findings Service by Service (each Service's <c>spec.clusterIPs</c> in order), then
/// cluster IP leaks (primary family first, ascending), then node port findings Service by Service, then
/// node port leaks (ascending). Value equality compares <see cref="Findings"/> element by element.
/// </remarks>
public sealed record RepairReport
{
    private readonly ImmutableArray<RepairFinding> _findings = [];

    /// <summary>The findings; empty when the allocators and the Services agree. Default empty.</summary>
    /// <exception cref="ArgumentException">An item is <see langword="null"/> (also through <see langword="with"/>).</exception>
    public ImmutableArray<RepairFinding> Findings
    {
        get => _findings;
        init => _findings = ModelGuard.Items(value, nameof(Findings));
    }

    /// <summary>True when there is nothing to report: every marked value is held by exactly one Service and every held value is marked.</summary>
    public bool IsClean => Findings.IsEmpty;

    /// <summary>The findings of one kind, in report order.</summary>
    /// <param name="kind">The kind.</param>
    public IEnumerable<RepairFinding> OfKind(RepairFindingKind kind) => Findings.Where(f => f.Kind == kind);

    /// <inheritdoc/>
    public bool Equals(RepairReport? other)
        => other is not null && ImmutableEquality.ArraysEqual(Findings, other.Findings);

    /// <inheritdoc/>
    public override int GetHashCode() => ImmutableEquality.ArrayHash(Findings);
}
