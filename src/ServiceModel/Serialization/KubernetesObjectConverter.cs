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

    /// <summary>The kind of a list of these objects, for example <c>ServiceList</c>.</summary>
    public string ListKind => _listKind ??= Kind + "List";

    private string? _listKind;

    /// <summary>
    /// Reads the object's top level (reader on its first token): <c>apiVersion</c> and <c>kind</c>
    /// are checked, <c>metadata</c> is returned, every other property goes to
    /// <paramref name="readProperty"/> (reader on its name), which returns false to skip it.
    /// </summary>
    protected ObjectMetaJson ReadObject<TParts>(ref Utf8JsonReader reader, ref TParts parts, PropertyReader<TParts> readProperty)
    {
        var meta = StartObject(ref reader);
        while (JsonRead.NextProperty(ref reader))
        {
            if (!ReadTypeOrMeta(ref reader, ref meta) && !readProperty(ref reader, ref parts))
            {
                reader.Skip();
            }
        }

        return meta;
    }

    /// <summary>
    /// Reads an object made of <c>metadata</c>, <c>spec</c> and <c>status</c> (reader on its first
    /// token): <paramref name="readSpec"/> and <paramref name="readStatus"/> read their part from its
    /// property name on; a part the object does not have is left <see langword="default"/>.
    /// </summary>
    protected ObjectMetaJson ReadObject<TSpec, TStatus>(
        ref Utf8JsonReader reader, PartReader<TSpec> readSpec, PartReader<TStatus> readStatus, out TSpec? spec, out TStatus? status)
    {
        var meta = StartObject(ref reader);
        spec = default;
        status = default;
        while (JsonRead.NextProperty(ref reader))
        {
            if (ReadTypeOrMeta(ref reader, ref meta))
            {
                continue;
            }

            if (reader.ValueTextEquals("spec"u8))
            {
                spec = readSpec(ref reader, meta);
            }
            else if (reader.ValueTextEquals("status"u8))
            {
                status = readStatus(ref reader, meta);
            }
            else
            {
                reader.Skip();
            }
        }

        return meta;
    }

    private ObjectMetaJson StartObject(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw JsonRead.Expected(ref reader, "an object (" + ("AEIOU".Contains(Kind[0], StringComparison.Ordinal) ? "an " : "a ") + Kind + ")");
        }

        var meta = default(ObjectMetaJson);
        meta.Offset = reader.TokenStartIndex;
        return meta;
    }

    // metadata, apiVersion and kind: the properties every object has. True when the property was one.
    private bool ReadTypeOrMeta(ref Utf8JsonReader reader, ref ObjectMetaJson meta)
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
        else
        {
            return false;
        }

        return true;
    }

    /// <summary>Writes <c>apiVersion</c> and <c>kind</c>, which open every object.</summary>
    protected void WriteTypeMeta(Utf8JsonWriter writer)
    {
        writer.WriteString("apiVersion"u8, ApiVersion);
        writer.WriteString("kind"u8, Kind);
    }
}
