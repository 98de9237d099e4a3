using System.Collections.Immutable;
using ServiceModel.Internal;

namespace ServiceModel.Services;

/// <summary>
/// A Kubernetes Service: a name in a namespace, its labels, its desired state and its observed state.
/// </summary>
/// <remarks>
/// Immutable; derive variants with <c>with</c>. Value equality compares <see cref="Labels"/> by
/// content. Construct with an object initializer:
/// <code>new Service { Name = "web", Spec = new ServiceSpec { Ports = [new ServicePort { Port = 80 }] } }</code>
/// </remarks>
public sealed record Service
{
    /// <summary>The Service's name (<c>metadata.name</c>).</summary>
    public required string Name { get; init; }

    /// <summary>The namespace (<c>metadata.namespace</c>). Default <c>"default"</c>.</summary>
    public string Namespace { get; init; } = "default";

    /// <summary>The Service's own labels (<c>metadata.labels</c>), not its selector. Default empty.</summary>
    public ImmutableDictionary<string, string> Labels { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>The desired state. Default: a ClusterIP Service with no ports and no selector.</summary>
    public ServiceSpec Spec { get; init; } = new();

    /// <summary>The observed state. Default: no load balancer ingress.</summary>
    public ServiceStatus Status { get; init; } = new();

    /// <summary>
    /// The load balancer state: <see cref="LoadBalancerState.Pending"/> for a LoadBalancer Service whose
    /// status has no ingress, <see cref="LoadBalancerState.NotApplicable"/> for other types.
    /// </summary>
    public LoadBalancerState LoadBalancerState => ServiceTypeLayering.GetLoadBalancerState(this);

    /// <summary>True for a LoadBalancer Service whose load balancer has not been reported yet.</summary>
    public bool IsLoadBalancerPending => LoadBalancerState == LoadBalancerState.Pending;

    /// <inheritdoc/>
    public bool Equals(Service? other)
        => other is not null
            && string.Equals(Name, other.Name, StringComparison.Ordinal)
            && string.Equals(Namespace, other.Namespace, StringComparison.Ordinal)
            && ImmutableEquality.DictionariesEqual(Labels, other.Labels)
            && Spec.Equals(other.Spec)
            && Status.Equals(other.Status);

    /// <inheritdoc/>
    public override int GetHashCode()
        => HashCode.Combine(
            StringComparer.Ordinal.GetHashCode(Name),
            StringComparer.Ordinal.GetHashCode(Namespace),
            ImmutableEquality.DictionaryHash(Labels),
            Spec,
            Status);
}
