using System.Collections.Immutable;
using ServiceModel.Internal;
using ServiceModel.Networking;

namespace ServiceModel.Services;

/// <summary>
/// One problem the repair check found: what upstream's repair controller records as an event on the
/// Service (<see cref="Reason"/>, <see cref="Message"/>) and writes to the API server's log (<see cref="Log"/>).
/// </summary>
/// <remarks>
/// Texts are Kubernetes v1.35's, byte for byte, including its quirks: the log line names the Service as
/// <c>name/namespace</c> (upstream passes the two in that order), and an unparsable cluster IP prints as
/// <c>&lt;nil&gt;</c> (upstream formats the failed parse result, not the text). <see cref="Value"/> keeps the
/// text as the Service carries it for <see cref="RepairFindingKind.ClusterIPNotValid"/>, else the value as
/// upstream prints it (canonical address text, decimal port). Value equality compares
/// <see cref="Services"/> element by element.
/// </remarks>
public sealed record RepairFinding
{
    private readonly ImmutableArray<string> _services = [];

    /// <summary>What is wrong.</summary>
    public required RepairFindingKind Kind { get; init; }

    /// <summary>The cluster IP or node port concerned, as text.</summary>
    /// <exception cref="ArgumentNullException">Set to <see langword="null"/> (also through <see langword="with"/>).</exception>
    public required string Value { get; init => field = ModelGuard.NotNull(value, nameof(Value)); }

    /// <summary>The address family of a cluster IP finding; <see langword="null"/> for node ports and unparsable IPs.</summary>
    public IPFamily? Family { get; init; }

    /// <summary>
    /// The Services concerned, as <c>namespace/name</c>, in the order they were checked: the holder for
    /// most kinds; for <c>…AlreadyAllocated</c> the first holder then the Service the event is recorded on
    /// (the same name twice when one Service holds a node port twice); empty for leaks. Default empty.
    /// </summary>
    /// <exception cref="ArgumentException">An item is <see langword="null"/> (also through <see langword="with"/>).</exception>
    public ImmutableArray<string> Services
    {
        get => _services;
        init => _services = ModelGuard.Items(value, nameof(Services));
    }

    /// <summary>The event reason upstream records on the Service (e.g. <c>PortNotAllocated</c>); <see langword="null"/> for leaks, which upstream only logs.</summary>
    public string? Reason { get; init; }

    /// <summary>The event message upstream records on the Service, or for leaks (no event) the log line.</summary>
    /// <exception cref="ArgumentNullException">Set to <see langword="null"/> (also through <see langword="with"/>).</exception>
    public required string Message { get; init => field = ModelGuard.NotNull(value, nameof(Message)); }

    /// <summary>The line upstream's repair controller logs for this finding.</summary>
    /// <exception cref="ArgumentNullException">Set to <see langword="null"/> (also through <see langword="with"/>).</exception>
    public required string Log { get; init => field = ModelGuard.NotNull(value, nameof(Log)); }

    /// <inheritdoc/>
    public bool Equals(RepairFinding? other)
        => other is not null
            && Kind == other.Kind
            && string.Equals(Value, other.Value, StringComparison.Ordinal)
            && Family == other.Family
            && ImmutableEquality.ArraysEqual(Services, other.Services)
            && string.Equals(Reason, other.Reason, StringComparison.Ordinal)
            && string.Equals(Message, other.Message, StringComparison.Ordinal)
            && string.Equals(Log, other.Log, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override int GetHashCode()
        => HashCode.Combine(Kind, Value, Family, ImmutableEquality.ArrayHash(Services), Reason, Message, Log);
}
