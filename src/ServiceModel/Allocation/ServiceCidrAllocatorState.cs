using System.Collections.Immutable;
using ServiceModel.Internal;
using ServiceModel.Networking;

namespace ServiceModel.Allocation;

/// <summary>
/// The state of a <see cref="ServiceCidrAllocator"/> as the API server stores it: the ServiceCIDR
/// objects and one IPAddress object per allocated address, each list in the order a list call
/// returns it (by name, ordinal). A default array assigned to a property is stored as empty.
/// </summary>
/// <remarks>
/// In the API's JSON the state is the two lists the API server serves, networking.k8s.io/v1
/// <c>ServiceCIDRList</c> and <c>IPAddressList</c>: write them with
/// <see cref="Serialization.KubernetesJson.SerializeList{T}(IEnumerable{T})"/> of
/// <see cref="ServiceCidrs"/> and of <see cref="IPAddresses"/>, and read them back with
/// <see cref="Serialization.KubernetesJson.DeserializeList{T}(string)"/> into a new state.
/// </remarks>
public sealed record ServiceCidrAllocatorState
{
    private readonly ImmutableArray<ServiceCidrObject> _serviceCidrs = [];
    private readonly ImmutableArray<IPAddressObject> _ipAddresses = [];

    /// <summary>The ServiceCIDR objects, with status, finalizers and deletion timestamps.</summary>
    /// <exception cref="ArgumentException">An item is <see langword="null"/> (also through <see langword="with"/>).</exception>
    public ImmutableArray<ServiceCidrObject> ServiceCidrs { get => _serviceCidrs; init => _serviceCidrs = ModelGuard.Items(value, nameof(ServiceCidrs)); }

    /// <summary>The IPAddress objects, one per allocated address.</summary>
    /// <exception cref="ArgumentException">An item is <see langword="null"/> (also through <see langword="with"/>).</exception>
    public ImmutableArray<IPAddressObject> IPAddresses { get => _ipAddresses; init => _ipAddresses = ModelGuard.Items(value, nameof(IPAddresses)); }

    /// <inheritdoc/>
    public bool Equals(ServiceCidrAllocatorState? other)
        => other is not null
           && ImmutableEquality.ArraysEqual(ServiceCidrs, other.ServiceCidrs)
           && ImmutableEquality.ArraysEqual(IPAddresses, other.IPAddresses);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(ImmutableEquality.ArrayHash(ServiceCidrs), ImmutableEquality.ArrayHash(IPAddresses));
}
