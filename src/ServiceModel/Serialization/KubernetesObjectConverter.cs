using System.Text.Json;
using System.Text.Json.Serialization;

namespace ServiceModel.Serialization;

/// <summary>
/// A converter for one top-level Kubernetes kind: knows its <c>apiVersion</c> and <c>kind</c>, so
/// lists (<c>List</c>, <c>&lt;Kind&gt;List</c>) can be read and written item by item.
/// </summary>
internal abstract class KubernetesObjectConverter<T> : JsonConverter<T>
    where T : class
{
    /// <summary>The kind's <c>apiVersion</c>, for example <c>v1</c>.</summary>
    public abstract string ApiVersion { get; }

    /// <summary>The kind's name, for example <c>Service</c>.</summary>
    public abstract string Kind { get; }

    /// <summary>
    /// Reads the object's top level (reader on its first token): <c>apiVersion</c> and <c>kind</c>
    /// are checked, <c>metadata</c> is returned, every other property goes to
    /// <paramref name="readProperty"/> (reader on its name), which returns false to skip it.
    /// </summary>
    protected ObjectMetaJson ReadObject<TParts>(ref Utf8JsonReader reader, ref TParts parts, PropertyReader<TParts> readProperty)
    {
        var meta = default(ObjectMetaJson);
        meta.Offset = reader.TokenStartIndex;
        JsonRead.StartObject(ref reader, "an object (" + ("AEIOU".Contains(Kind[0], StringComparison.Ordinal) ? "an " : "a ") + Kind + ")");
        while (JsonRead.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("metadata"u8))
            {
                meta = ObjectMetaJson.Read(ref reader);
            }
            else if (reader.ValueTextEquals("apiVersion"u8))
            {
                JsonRead.Expect(ref reader, ApiVersion);
            }
            else if (reader.ValueTextEquals("kind"u8))
            {
                JsonRead.Expect(ref reader, Kind);
            }
            else if (!readProperty(ref reader, ref parts))
            {
                reader.Skip();
            }
        }

        return meta;
    }

    /// <summary>Writes <c>apiVersion</c> and <c>kind</c>, which open every object.</summary>
    protected void WriteTypeMeta(Utf8JsonWriter writer)
    {
        writer.WriteString("apiVersion"u8, ApiVersion);
        writer.WriteString("kind"u8, Kind);
    }
}
