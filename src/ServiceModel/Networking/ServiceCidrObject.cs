using System.Collections.Immutable;
using ServiceModel.Internal;

namespace ServiceModel.Networking;

/// <summary>
/// A networking.k8s.io/v1 <c>ServiceCIDR</c> object: a named set of ranges (one or two, one per IP
/// family) that ClusterIPs are allocated from since Kubernetes 1.33 (KEP-1880). The CIDRs are held
/// as the API's own text (<c>spec.cidrs</c>); <see cref="NetworkingValidator.ValidateServiceCidr"/>
/// says whether they are valid.
/// </summary>
/// <remarks>
/// Named <c>ServiceCidrObject</c> because <see cref="ServiceCidr"/> is the parsed range value this
/// library already uses for one range. The JSON paths are <c>metadata.name</c>,
/// <c>metadata.finalizers</c>, <c>metadata.deletionTimestamp</c>, <c>spec.cidrs</c> and
/// <c>status.conditions</c>. A default (uninitialized) array assigned to an array property is
/// stored as empty.
/// </remarks>
public sealed record ServiceCidrObject
{
    /// <summary>The name of the object the API server creates from <c>--service-cluster-ip-range</c> (<c>"kubernetes"</c>).</summary>
    public const string DefaultName = "kubernetes";

    /// <summary>The finalizer that keeps a ServiceCIDR while addresses only it covers are allocated.</summary>
    public const string ProtectionFinalizer = "networking.k8s.io/service-cidr-finalizer";

    private readonly string _name = "";
    private readonly ImmutableArray<string> _cidrs = [];
    private readonly ImmutableArray<ServiceCidrCondition> _conditions = [];
    private readonly ImmutableArray<string> _finalizers = [];

    /// <summary>The object name (<c>metadata.name</c>): a DNS subdomain.</summary>
    public required string Name { get => _name; init => _name = value ?? ""; }

    /// <summary>The ranges (<c>spec.cidrs</c>) as the API carries them, e.g. <c>["10.96.0.0/12", "fd00::/108"]</c>.</summary>
    /// <exception cref="ArgumentException">An item is <see langword="null"/> (also through <see langword="with"/>).</exception>
    public ImmutableArray<string> Cidrs { get => _cidrs; init => _cidrs = ModelGuard.Items(value, nameof(Cidrs)); }

    /// <summary>The status conditions (<c>status.conditions</c>); the allocator maintains <see cref="ServiceCidrCondition.Ready"/>.</summary>
    /// <exception cref="ArgumentException">An item is <see langword="null"/> (also through <see langword="with"/>).</exception>
    public ImmutableArray<ServiceCidrCondition> Conditions { get => _conditions; init => _conditions = ModelGuard.Items(value, nameof(Conditions)); }

    /// <summary>The finalizers (<c>metadata.finalizers</c>); the allocator adds <see cref="ProtectionFinalizer"/>.</summary>
    /// <exception cref="ArgumentException">An item is <see langword="null"/> (also through <see langword="with"/>).</exception>
    public ImmutableArray<string> Finalizers { get => _finalizers; init => _finalizers = ModelGuard.Items(value, nameof(Finalizers)); }

    /// <summary>When deletion was requested (<c>metadata.deletionTimestamp</c>); null while the object is not being deleted.</summary>
    public DateTimeOffset? DeletionTimestamp { get; init; }

    /// <summary>
    /// Whether the allocator may take new addresses from this object, as upstream's allocator
    /// decides: not being deleted, and its <c>Ready</c> condition is <c>True</c> or absent (an
    /// object nobody has reconciled yet counts as ready).
    /// </summary>
    public bool IsReady
    {
        get
        {
            if (DeletionTimestamp is not null)
            {
                return false;
            }

            foreach (var condition in _conditions)
            {
                if (condition.Type == ServiceCidrCondition.Ready)
                {
                    return condition.Status == ServiceCidrCondition.True;
                }
            }

            return true;
        }
    }

    /// <summary>
    /// The default object the API server creates from <c>--service-cluster-ip-range</c>: name
    /// <see cref="DefaultName"/>, the primary range and, for a dual-stack cluster, the secondary.
    /// </summary>
    /// <param name="primary">The first range of the flag.</param>
    /// <param name="secondary">The second range of the flag (the other family), or null.</param>
    /// <returns>The object, without status (the allocator sets <c>Ready</c> when it is added).</returns>
    public static ServiceCidrObject CreateDefault(ServiceCidr primary, ServiceCidr? secondary = null)
        => new()
        {
            Name = DefaultName,
            Cidrs = secondary is { } second ? [primary.ToString(), second.ToString()] : [primary.ToString()],
        };

    /// <inheritdoc/>
    public bool Equals(ServiceCidrObject? other)
        => other is not null
           && string.Equals(Name, other.Name, StringComparison.Ordinal)
           && DeletionTimestamp == other.DeletionTimestamp
           && ImmutableEquality.ArraysEqual(Cidrs, other.Cidrs)
           && ImmutableEquality.ArraysEqual(Conditions, other.Conditions)
           && ImmutableEquality.ArraysEqual(Finalizers, other.Finalizers);

    /// <inheritdoc/>
    public override int GetHashCode()
        => HashCode.Combine(
            Name,
            DeletionTimestamp,
            ImmutableEquality.ArrayHash(Cidrs),
            ImmutableEquality.ArrayHash(Conditions),
            ImmutableEquality.ArrayHash(Finalizers));
}
