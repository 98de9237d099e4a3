namespace ServiceModel.Traffic;

/// <summary>
/// What kube-proxy remembers about a client under <c>sessionAffinity: ClientIP</c>: the endpoint
/// its last connection went to, and how long ago that was (iptables' <c>recent</c> match, nftables' affinity set).
/// </summary>
/// <param name="Address">The endpoint's IP address text, as in <see cref="TrafficCandidate.Address"/>.</param>
/// <param name="Port">The endpoint's port.</param>
/// <param name="Age">Time since the client's last connection to it; the affinity holds while it is shorter than the timeout.</param>
public sealed record AffinityRecord(string Address, int Port, TimeSpan Age)
{
    /// <summary>The record for a connection that went to <paramref name="candidate"/> <paramref name="age"/> ago.</summary>
    /// <param name="candidate">The endpoint the previous connection reached.</param>
    /// <param name="age">Time since that connection.</param>
    /// <returns>The affinity record.</returns>
    public static AffinityRecord For(TrafficCandidate candidate, TimeSpan age) => new(candidate.Address, candidate.Port, age);
}
