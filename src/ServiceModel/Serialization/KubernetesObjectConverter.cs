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

    /// <summary>Reads <c>apiVersion</c> or <c>kind</c> (reader on its name) and rejects another kind.</summary>
    protected void CheckTypeMeta(ref Utf8JsonReader reader)
    {
        if (reader.ValueTextEquals("apiVersion"u8))
        {
            JsonRead.Expect(ref reader, ApiVersion);
        }
        else
        {
            JsonRead.Expect(ref reader, Kind);
        }
    }

    /// <summary>Whether the reader is on the name of <c>apiVersion</c> or <c>kind</c>.</summary>
    protected static bool IsTypeMeta(ref Utf8JsonReader reader)
        => reader.ValueTextEquals("apiVersion"u8) || reader.ValueTextEquals("kind"u8);

    /// <summary>Writes <c>apiVersion</c> and <c>kind</c>, which open every object.</summary>
    protected void WriteTypeMeta(Utf8JsonWriter writer)
    {
        writer.WriteString("apiVersion"u8, ApiVersion);
        writer.WriteString("kind"u8, Kind);
    }
}
