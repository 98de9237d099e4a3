using ServiceModel.Internal;

namespace ServiceModel.Traffic;

/// <summary>
/// What kube-proxy remembers about a client under <c>sessionAffinity: ClientIP</c>: the endpoint
/// its last connection went to, and how long ago that was (iptables' <c>recent</c> match, nftables' affinity set).
/// </summary>
/// <remarks>Immutable; derive variants with <c>with</c>.</remarks>
public sealed record AffinityRecord
{
    /// <summary>The endpoint's IP address text, as in <see cref="TrafficCandidate.Address"/>.</summary>
    /// <exception cref="ArgumentNullException">Set to <see langword="null"/> (also through <see langword="with"/>).</exception>
    public required string Address { get; init => field = ModelGuard.NotNull(value, nameof(Address)); }

    /// <summary>The endpoint's port.</summary>
    public required int Port { get; init; }

    /// <summary>Time since the client's last connection to it; the affinity holds while it is shorter than the timeout.</summary>
    public required TimeSpan Age { get; init; }

    /// <summary>The record for a connection that went to <paramref name="candidate"/> <paramref name="age"/> ago.</summary>
    /// <param name="candidate">The endpoint the previous connection reached.</param>
    /// <param name="age">Time since that connection.</param>
    /// <returns>The affinity record.</returns>
    public static AffinityRecord For(TrafficCandidate candidate, TimeSpan age)
        => new() { Address = candidate.Address, Port = candidate.Port, Age = age };
}
