using System.Text.Json;

namespace ServiceModel.Serialization;

/// <summary>
/// Reads one part of an object (<c>spec</c>, <c>status</c>) from its property name on, leaving the
/// reader on the part's last token. <paramref name="meta"/> is the metadata read so far (the API
/// writes it first), so a part can share its strings.
/// </summary>
internal delegate TPart PartReader<TPart>(ref Utf8JsonReader reader, in ObjectMetaJson meta);
