using ServiceModel.Internal;

namespace ServiceModel.Discovery;

/// <summary>
/// An owner of an object (<c>metadata.ownerReferences[]</c>). The EndpointSlice controller owns its
/// slices through a controller reference to the Service (<c>v1</c>, <c>Service</c>, name, UID,
/// <see cref="Controller"/> set).
/// </summary>
/// <remarks>Immutable; equality is by value.</remarks>
public sealed record OwnerReference
{
    /// <summary>The owner's API version, e.g. <c>"v1"</c>.</summary>
    /// <exception cref="ArgumentNullException">Set to <see langword="null"/> (also through <see langword="with"/>).</exception>
    public required string ApiVersion { get; init => field = ModelGuard.NotNull(value, nameof(ApiVersion)); }

    /// <summary>The owner's kind, e.g. <c>"Service"</c>.</summary>
    /// <exception cref="ArgumentNullException">Set to <see langword="null"/> (also through <see langword="with"/>).</exception>
    public required string Kind { get; init => field = ModelGuard.NotNull(value, nameof(Kind)); }

    /// <summary>The owner's name.</summary>
    /// <exception cref="ArgumentNullException">Set to <see langword="null"/> (also through <see langword="with"/>).</exception>
    public required string Name { get; init => field = ModelGuard.NotNull(value, nameof(Name)); }

    /// <summary>The owner's UID; empty (the default) when unknown.</summary>
    /// <exception cref="ArgumentNullException">Set to <see langword="null"/> (also through <see langword="with"/>).</exception>
    public string Uid { get; init => field = ModelGuard.NotNull(value, nameof(Uid)); } = "";

    /// <summary>Whether this owner is the managing controller; <see langword="false"/> by default, as when the API omits it.</summary>
    public bool Controller { get; init; }
}
