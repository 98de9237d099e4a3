using System.Collections.Immutable;
using ServiceModel.Discovery;
using ServiceModel.Services;

namespace ServiceModel.KubernetesClient;

/// <summary>What one <see cref="ServiceCluster.Apply(object)"/> stored.</summary>
public sealed record ServiceClusterApplyResult
{
    private readonly ImmutableArray<Pod> _pods = [];

    /// <summary>The Service as the API server stored it (defaults and allocations filled in), or <see langword="null"/> when the object was no Service.</summary>
    public Service? Service { get; init; }

    /// <summary>The object's pods after the apply: the Pod itself, or the pods of a workload's template, those kept from an earlier apply of it included (empty for a Service or an object that makes no pods).</summary>
    public ImmutableArray<Pod> Pods
    {
        get => _pods;
        init => _pods = value.IsDefault ? [] : value;
    }

    /// <summary><see langword="true"/> when the object was neither a Service, a Pod nor a workload with a pod template: nothing was stored.</summary>
    public bool Ignored { get; init; }

    /// <inheritdoc />
    public bool Equals(ServiceClusterApplyResult? other)
        => other is not null && Equals(Service, other.Service) && Ignored == other.Ignored && Pods.SequenceEqual(other.Pods);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Service, Ignored, Pods.Length);
}
