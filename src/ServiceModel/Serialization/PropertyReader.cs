using System.Text.Json;

namespace ServiceModel.Serialization;

/// <summary>
/// Reads one property of an object's top level (reader on its name) into <paramref name="parts"/>;
/// returns false when the property is not one it reads, so the caller skips it.
/// </summary>
internal delegate bool PropertyReader<TParts>(ref Utf8JsonReader reader, ref TParts parts);
