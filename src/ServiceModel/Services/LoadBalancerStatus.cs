using System.Collections.Immutable;
using ServiceModel.Internal;

namespace ServiceModel.Services;

/// <summary>
/// The state of a Service's external load balancer (<c>status.loadBalancer</c>). Value equality
/// compares <see cref="Ingress"/> element by element.
/// </summary>
public sealed record LoadBalancerStatus
{
    // Shared by every status built without ingress: the record is immutable, so one instance serves.
    internal static readonly LoadBalancerStatus Empty = new();

    private readonly ImmutableArray<LoadBalancerIngress> _ingress = [];

    /// <summary>The load balancer's ingress points; empty (the default) while it is not provisioned.</summary>
    /// <exception cref="ArgumentException">An item is <see langword="null"/> (also through <see langword="with"/>).</exception>
    public ImmutableArray<LoadBalancerIngress> Ingress
    {
        get => _ingress;
        init => _ingress = ModelGuard.Items(value, nameof(Ingress));
    }

    /// <inheritdoc/>
    public bool Equals(LoadBalancerStatus? other)
        => other is not null && ImmutableEquality.ArraysEqual(Ingress, other.Ingress);

    /// <inheritdoc/>
    public override int GetHashCode() => ImmutableEquality.ArrayHash(Ingress);
}
