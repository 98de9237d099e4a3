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
    public required string ApiVersion { get; init; }

    /// <summary>The owner's kind, e.g. <c>"Service"</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>The owner's name.</summary>
    public required string Name { get; init; }

    /// <summary>The owner's UID; empty (the default) when unknown.</summary>
    public string Uid { get; init; } = "";

    /// <summary>Whether this owner is the managing controller; <see langword="false"/> by default, as when the API omits it.</summary>
    public bool Controller { get; init; }
}
