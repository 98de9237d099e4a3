using System.Collections.Immutable;
using ServiceModel.Internal;

namespace ServiceModel.Traffic;

/// <summary>
/// Where a connection to a Service goes, as kube-proxy's rules decide it: the outcome, the reason in
/// data and in words, and for a routed connection every candidate endpoint with its probability.
/// </summary>
/// <remarks>
/// Immutable. Value equality compares <see cref="Candidates"/> element by element.
/// </remarks>
public sealed record TrafficRoute
{
    private readonly ImmutableArray<TrafficCandidate> _candidates = [];

    /// <summary>What happens to the connection.</summary>
    public required TrafficOutcome Outcome { get; init; }

    /// <summary>Why, as data.</summary>
    public required TrafficReason Reason { get; init; }

    /// <summary>Why, in words: the service port, the entry, the policy and what kube-proxy does.</summary>
    /// <exception cref="ArgumentNullException">Set to <see langword="null"/> (also through <see langword="with"/>).</exception>
    public required string Message { get; init => field = ModelGuard.NotNull(value, nameof(Message)); }

    /// <summary>The service port as kube-proxy names it: <c>namespace/name</c>, plus <c>:port-name</c> for a named port.</summary>
    /// <exception cref="ArgumentNullException">Set to <see langword="null"/> (also through <see langword="with"/>).</exception>
    public required string ServicePortName { get; init => field = ModelGuard.NotNull(value, nameof(ServicePortName)); }

    /// <summary>
    /// The endpoints the connection may reach, each with its probability (they sum to 1), in the order
    /// the slices list them; empty unless <see cref="Outcome"/> is <see cref="TrafficOutcome.Routed"/>.
    /// A default array reads as empty.
    /// </summary>
    public ImmutableArray<TrafficCandidate> Candidates
    {
        get => _candidates;
        init => _candidates = value.IsDefault ? [] : value;
    }

    /// <summary>True when no ready endpoint was usable and kube-proxy fell back to serving, terminating ones.</summary>
    public bool UsesTerminatingEndpoints { get; init; }

    /// <summary>
    /// True when the endpoint sees the client's own source IP; false when kube-proxy masquerades
    /// (SNAT to the node), as it does for external traffic under Cluster policy.
    /// </summary>
    public bool ClientIPPreserved { get; init; }

    /// <summary>
    /// The entry node's answer on the health-check node port, for LoadBalancer Services with
    /// <c>externalTrafficPolicy: Local</c>; <see langword="null"/> for other Services.
    /// </summary>
    public HealthCheckResponse? HealthCheck { get; init; }

    /// <summary>How long a client stays on its endpoint when <c>sessionAffinity: ClientIP</c> applies; <see langword="null"/> otherwise.</summary>
    public TimeSpan? AffinityTimeout { get; init; }

    /// <summary>True when the connection is sent to an endpoint.</summary>
    public bool IsRouted => Outcome == TrafficOutcome.Routed;

    /// <summary>
    /// The candidate a uniform <paramref name="sample"/> selects, walking the cumulative
    /// probabilities in order: a deterministic stand-in for kube-proxy's random choice.
    /// </summary>
    /// <param name="sample">A number in [0, 1).</param>
    /// <returns>The selected candidate.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sample"/> is outside [0, 1).</exception>
    /// <exception cref="InvalidOperationException">The connection is not routed, so there is nothing to choose.</exception>
    public TrafficCandidate Choose(double sample)
    {
        if (!(sample >= 0 && sample < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(sample), sample, "must be in [0, 1)");
        }

        if (Candidates.IsEmpty)
        {
            throw new InvalidOperationException($"the connection is {Outcome}, not routed: {Message}");
        }

        var cumulative = 0.0;
        foreach (var candidate in Candidates)
        {
            cumulative += candidate.Probability;
            if (sample < cumulative)
            {
                return candidate;
            }
        }

        // Rounding can leave the sum a hair under 1; the last candidate owns that sliver.
        return Candidates[^1];
    }

    /// <inheritdoc/>
    public bool Equals(TrafficRoute? other)
        => other is not null
            && Outcome == other.Outcome
            && Reason == other.Reason
            && string.Equals(Message, other.Message, StringComparison.Ordinal)
            && string.Equals(ServicePortName, other.ServicePortName, StringComparison.Ordinal)
            && ImmutableEquality.ArraysEqual(Candidates, other.Candidates)
            && UsesTerminatingEndpoints == other.UsesTerminatingEndpoints
            && ClientIPPreserved == other.ClientIPPreserved
            && Equals(HealthCheck, other.HealthCheck)
            && AffinityTimeout == other.AffinityTimeout;

    /// <inheritdoc/>
    public override int GetHashCode()
        => HashCode.Combine(Outcome, Reason, StringComparer.Ordinal.GetHashCode(Message), ImmutableEquality.ArrayHash(Candidates),
            UsesTerminatingEndpoints, ClientIPPreserved, HealthCheck, AffinityTimeout);
}
