using System.Collections.Immutable;
using ServiceModel.Internal;

namespace ServiceModel.Networking;

/// <summary>
/// A networking.k8s.io/v1 <c>IPAddress</c> object: one allocated ClusterIP, named by the address
/// in canonical text (<c>10.96.0.10</c>, <c>2001:db8::a</c>), with the object it belongs to.
/// </summary>
/// <remarks>
/// Named <c>IPAddressObject</c> because <see cref="System.Net.IPAddress"/> is the address value
/// the allocators take and return. The JSON paths are <c>metadata.name</c>,
/// <c>metadata.labels</c> and <c>spec.parentRef</c>. A null <see cref="Labels"/> is stored as empty.
/// </remarks>
public sealed record IPAddressObject
{
    /// <summary>The label naming the address family (<c>ipaddress.kubernetes.io/ip-family</c>).</summary>
    public const string FamilyLabel = "ipaddress.kubernetes.io/ip-family";

    /// <summary>The label naming the manager (<c>ipaddress.kubernetes.io/managed-by</c>).</summary>
    public const string ManagedByLabel = "ipaddress.kubernetes.io/managed-by";

    /// <summary>The manager the API server's allocator writes in <see cref="ManagedByLabel"/> (<c>ipallocator.k8s.io</c>).</summary>
    public const string AllocatorManager = "ipallocator.k8s.io";

    private readonly string _name = "";
    private readonly ImmutableDictionary<string, string> _labels = ImmutableDictionary<string, string>.Empty;

    /// <summary>The object name (<c>metadata.name</c>): the address in canonical form.</summary>
    public required string Name { get => _name; init => _name = value ?? ""; }

    /// <summary>The labels (<c>metadata.labels</c>); the allocator writes <see cref="FamilyLabel"/> and <see cref="ManagedByLabel"/>.</summary>
    /// <exception cref="ArgumentException">A value is <see langword="null"/> (also through <see langword="with"/>).</exception>
    public ImmutableDictionary<string, string> Labels { get => _labels; init => _labels = ModelGuard.Values(value, nameof(Labels)); }

    /// <summary>The owner (<c>spec.parentRef</c>); required by validation, null when the allocation named none.</summary>
    public ParentReference? ParentRef { get; init; }

    /// <inheritdoc/>
    public bool Equals(IPAddressObject? other)
        => other is not null
           && string.Equals(Name, other.Name, StringComparison.Ordinal)
           && Equals(ParentRef, other.ParentRef)
           && ImmutableEquality.DictionariesEqual(Labels, other.Labels);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Name, ParentRef, ImmutableEquality.DictionaryHash(Labels));
}
