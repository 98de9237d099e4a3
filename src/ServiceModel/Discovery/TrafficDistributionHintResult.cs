using System.Collections.Immutable;
using ServiceModel.Internal;

namespace ServiceModel.Discovery;

/// <summary>The endpoints of one EndpointSlice after <see cref="TrafficDistributionHints.Apply"/>, and whether the slice needs writing for them.</summary>
/// <remarks>Immutable; equality is by value, endpoints compared in order.</remarks>
public sealed record TrafficDistributionHintResult
{
    private readonly ImmutableArray<Endpoint> _endpoints = [];

    /// <summary>The endpoints with the hints the controller writes on a slice it creates or updates; empty by default.</summary>
    /// <exception cref="ArgumentException">An item is <see langword="null"/> (also through <see langword="with"/>).</exception>
    public ImmutableArray<Endpoint> Endpoints
    {
        get => _endpoints;
        init => _endpoints = ModelGuard.Items(value, nameof(Endpoints));
    }

    /// <summary>
    /// Whether an otherwise unchanged slice with the input endpoints must be updated because a hint is
    /// missing, wrong or stale (upstream's <c>needsUpdate</c>); false by default.
    /// </summary>
    public bool Changed { get; init; }

    /// <inheritdoc/>
    public bool Equals(TrafficDistributionHintResult? other)
        => other is not null && Changed == other.Changed && ImmutableEquality.ArraysEqual(_endpoints, other._endpoints);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Changed, ImmutableEquality.ArrayHash(_endpoints));
}
