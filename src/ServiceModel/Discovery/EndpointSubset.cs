using System.Collections.Immutable;
using ServiceModel.Internal;

namespace ServiceModel.Discovery;

/// <summary>
/// A group of addresses that all serve the same ports in a legacy <see cref="Endpoints"/> object
/// (core <c>v1</c> EndpointSubset).
/// </summary>
/// <remarks>Immutable; equality is by value, every collection in order.</remarks>
public sealed record EndpointSubset
{
    private readonly ImmutableArray<EndpointAddress> _addresses = [];
    private readonly ImmutableArray<EndpointAddress> _notReadyAddresses = [];
    private readonly ImmutableArray<EndpointPort> _ports = [];

    /// <summary>Addresses ready to receive traffic (<c>addresses</c>); empty by default.</summary>
    /// <exception cref="ArgumentException">An item is <see langword="null"/> (also through <see langword="with"/>).</exception>
    public ImmutableArray<EndpointAddress> Addresses
    {
        get => _addresses;
        init => _addresses = ModelGuard.Items(value, nameof(Addresses));
    }

    /// <summary>Addresses not ready yet (<c>notReadyAddresses</c>); empty by default.</summary>
    /// <exception cref="ArgumentException">An item is <see langword="null"/> (also through <see langword="with"/>).</exception>
    public ImmutableArray<EndpointAddress> NotReadyAddresses
    {
        get => _notReadyAddresses;
        init => _notReadyAddresses = ModelGuard.Items(value, nameof(NotReadyAddresses));
    }

    /// <summary>The ports every address serves (<c>ports</c>); empty for a headless Service without ports.</summary>
    /// <exception cref="ArgumentException">An item is <see langword="null"/> (also through <see langword="with"/>).</exception>
    public ImmutableArray<EndpointPort> Ports
    {
        get => _ports;
        init => _ports = ModelGuard.Items(value, nameof(Ports));
    }

    /// <inheritdoc/>
    public bool Equals(EndpointSubset? other)
        => other is not null
           && ImmutableEquality.ArraysEqual(Addresses, other.Addresses)
           && ImmutableEquality.ArraysEqual(NotReadyAddresses, other.NotReadyAddresses)
           && ImmutableEquality.ArraysEqual(Ports, other.Ports);

    /// <inheritdoc/>
    public override int GetHashCode()
        => HashCode.Combine(
            ImmutableEquality.ArrayHash(Addresses),
            ImmutableEquality.ArrayHash(NotReadyAddresses),
            ImmutableEquality.ArrayHash(Ports));
}
