namespace ServiceModel.Discovery;

/// <summary>
/// An owner of an object (<c>metadata.ownerReferences[]</c>). The EndpointSlice controller owns its
/// slices through a controller reference to the Service (<c>v1</c>, <c>Service</c>, name, UID).
/// </summary>
/// <param name="ApiVersion">The owner's API version, e.g. <c>"v1"</c>.</param>
/// <param name="Kind">The owner's kind, e.g. <c>"Service"</c>.</param>
/// <param name="Name">The owner's name.</param>
/// <param name="Uid">The owner's UID; empty when unknown.</param>
/// <param name="Controller">Whether this owner is the managing controller.</param>
public sealed record OwnerReference(string ApiVersion, string Kind, string Name, string Uid, bool Controller = true);
