using System.Text.Json;

namespace ServiceModel.Serialization;

/// <summary>Reads one array item from its first token, leaving the reader on its last token.</summary>
internal delegate T ItemReader<T>(ref Utf8JsonReader reader);
