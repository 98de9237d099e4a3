using ServiceModel.Internal;

namespace ServiceModel.Discovery;

/// <summary>
/// One entry of a pod's <c>status.conditions</c>: a condition type (<c>Ready</c>,
/// <c>ContainersReady</c>, <c>PodScheduled</c>, a readiness gate, …) and whether it holds.
/// </summary>
/// <remarks>
/// <see cref="Type"/> and <see cref="Status"/> are the API's strings as written, so a condition type
/// this library does not know survives a round trip. Immutable and thread-safe.
/// </remarks>
public sealed record PodCondition
{
    /// <summary>The condition type the endpoint controllers read: <c>"Ready"</c>.</summary>
    public const string ReadyType = "Ready";

    /// <summary>The <see cref="Status"/> of a condition that holds: <c>"True"</c>.</summary>
    public const string StatusTrue = "True";

    /// <summary>The <see cref="Status"/> of a condition that does not hold: <c>"False"</c>.</summary>
    public const string StatusFalse = "False";

    /// <summary>The <see cref="Status"/> of a condition the kubelet cannot decide: <c>"Unknown"</c>.</summary>
    public const string StatusUnknown = "Unknown";

    /// <summary>The condition's type (<c>type</c>), for example <see cref="ReadyType"/>.</summary>
    /// <exception cref="ArgumentNullException">Set to <see langword="null"/> (also through <see langword="with"/>).</exception>
    public required string Type { get; init => field = ModelGuard.NotNull(value, nameof(Type)); }

    /// <summary>Whether the condition holds (<c>status</c>): <see cref="StatusTrue"/>, <see cref="StatusFalse"/> or <see cref="StatusUnknown"/>.</summary>
    /// <exception cref="ArgumentNullException">Set to <see langword="null"/> (also through <see langword="with"/>).</exception>
    public required string Status { get; init => field = ModelGuard.NotNull(value, nameof(Status)); }

    /// <summary>A one-word CamelCase reason for the last transition (<c>reason</c>). Default <see langword="null"/>.</summary>
    public string? Reason { get; init; }

    /// <summary>A human-readable message about the last transition (<c>message</c>). Default <see langword="null"/>.</summary>
    public string? Message { get; init; }

    /// <summary>When the condition was last probed (<c>lastProbeTime</c>). Default <see langword="null"/>.</summary>
    public DateTimeOffset? LastProbeTime { get; init; }

    /// <summary>When the condition last changed status (<c>lastTransitionTime</c>). Default <see langword="null"/>.</summary>
    public DateTimeOffset? LastTransitionTime { get; init; }

    /// <summary>Whether this is the <c>Ready</c> condition.</summary>
    internal bool IsReadyCondition => string.Equals(Type, ReadyType, StringComparison.Ordinal);
}
