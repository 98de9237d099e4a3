using System.Text.Json;

namespace ServiceModel.Serialization;

/// <summary>
/// A read failure raised inside a converter, carrying the byte offset of the offending token so
/// <see cref="KubernetesJson"/> can turn it into a JSON path (the reader itself does not track one).
/// </summary>
internal sealed class JsonReadException : JsonException
{
    public JsonReadException(string message, long offset)
        : base(message)
    {
        Offset = offset;
    }

    public JsonReadException(string message, long offset, Exception inner)
        : base(message, inner)
    {
        Offset = offset;
    }

    /// <summary>The offset, in bytes from the start of the converter's input, of the token at fault.</summary>
    public long Offset { get; }
}
