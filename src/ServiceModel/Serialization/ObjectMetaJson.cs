using System.Collections.Immutable;
using System.Text.Json;
using ServiceModel.Discovery;

namespace ServiceModel.Serialization;

/// <summary>
/// <c>metadata</c> as the model carries it, flattened onto each object: read into one struct,
/// written field by field in the API's order. Fields the model does not carry are skipped.
/// </summary>
internal struct ObjectMetaJson
{
    public string? Name;
    public string? GenerateName;
    public string? Namespace;
    public string? Uid;
    public string? ResourceVersion;
    public DateTimeOffset? CreationTimestamp;
    public DateTimeOffset? DeletionTimestamp;
    public ImmutableDictionary<string, string>? Labels;
    public ImmutableDictionary<string, string>? Annotations;
    public ImmutableArray<OwnerReference> OwnerReferences;
    public ImmutableArray<string> Finalizers;
    public long Offset;

    /// <summary>Reads <c>metadata</c> (after the property name); JSON null leaves every field unset.</summary>
    public static ObjectMetaJson Read(ref Utf8JsonReader reader)
    {
        var meta = default(ObjectMetaJson);
        reader.Read();
        meta.Offset = reader.TokenStartIndex;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return meta;
        }

        JsonRead.StartObject(ref reader, "an object (metadata)");
        while (JsonRead.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("name"u8))
            {
                meta.Name = JsonRead.String(ref reader);
            }
            else if (reader.ValueTextEquals("namespace"u8))
            {
                meta.Namespace = JsonRead.String(ref reader);
            }
            else if (reader.ValueTextEquals("labels"u8))
            {
                meta.Labels = JsonRead.StringMap(ref reader, null, meta.Name, meta.Namespace);
            }
            else if (reader.ValueTextEquals("annotations"u8))
            {
                meta.Annotations = JsonRead.StringMap(ref reader, null, meta.Name, meta.Namespace);
            }
            else if (reader.ValueTextEquals("uid"u8))
            {
                meta.Uid = JsonRead.String(ref reader);
            }
            else if (reader.ValueTextEquals("resourceVersion"u8))
            {
                meta.ResourceVersion = JsonRead.String(ref reader);
            }
            else if (reader.ValueTextEquals("creationTimestamp"u8))
            {
                meta.CreationTimestamp = JsonRead.Timestamp(ref reader);
            }
            else if (reader.ValueTextEquals("deletionTimestamp"u8))
            {
                meta.DeletionTimestamp = JsonRead.Timestamp(ref reader);
            }
            else if (reader.ValueTextEquals("generateName"u8))
            {
                meta.GenerateName = JsonRead.String(ref reader);
            }
            else if (reader.ValueTextEquals("ownerReferences"u8))
            {
                meta.OwnerReferences = ReadOwnerReferences(ref reader);
            }
            else if (reader.ValueTextEquals("finalizers"u8))
            {
                meta.Finalizers = JsonRead.StringArray(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }

        return meta;
    }

    /// <summary>
    /// The namespace, <c>"default"</c> when absent, null or <c>""</c>: the API server gives an object
    /// without one the request's namespace, and kubectl's request namespace without a context is
    /// <c>default</c>.
    /// </summary>
    public readonly string NamespaceOrDefault => string.IsNullOrEmpty(Namespace) ? "default" : Namespace;

    /// <summary>The name, or a failure at <c>metadata</c> when the object has none.</summary>
    public readonly string RequireName()
        => string.IsNullOrEmpty(Name)
            ? throw new JsonReadException("expected metadata.name, a non-empty string", Offset)
            : Name;

    /// <summary>Writes <c>"metadata": {</c>; the caller writes the fields it carries and the end.</summary>
    public static void Start(Utf8JsonWriter writer)
    {
        writer.WritePropertyName("metadata"u8);
        writer.WriteStartObject();
    }

    public static void WriteOwnerReferences(Utf8JsonWriter writer, ImmutableArray<OwnerReference> owners)
    {
        if (owners.IsDefaultOrEmpty)
        {
            return;
        }

        writer.WritePropertyName("ownerReferences"u8);
        writer.WriteStartArray();
        foreach (var owner in owners)
        {
            writer.WriteStartObject();
            writer.WriteString("apiVersion"u8, owner.ApiVersion);
            writer.WriteString("kind"u8, owner.Kind);
            writer.WriteString("name"u8, owner.Name);
            writer.WriteString("uid"u8, owner.Uid);
            if (owner.Controller)
            {
                writer.WriteBoolean("controller"u8, true);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static ImmutableArray<OwnerReference> ReadOwnerReferences(ref Utf8JsonReader reader) => JsonRead.Array(ref reader, ReadOwnerReference);

    private static OwnerReference ReadOwnerReference(ref Utf8JsonReader reader)
    {
        JsonRead.StartObject(ref reader, "an object (an owner reference)");
        string? apiVersion = null, kind = null, name = null, uid = null;
        var controller = false;
        while (JsonRead.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("apiVersion"u8))
            {
                apiVersion = JsonRead.String(ref reader);
            }
            else if (reader.ValueTextEquals("kind"u8))
            {
                kind = JsonRead.String(ref reader);
            }
            else if (reader.ValueTextEquals("name"u8))
            {
                name = JsonRead.String(ref reader);
            }
            else if (reader.ValueTextEquals("uid"u8))
            {
                uid = JsonRead.String(ref reader);
            }
            else if (reader.ValueTextEquals("controller"u8))
            {
                controller = JsonRead.Boolean(ref reader) ?? false;
            }
            else
            {
                reader.Skip();
            }
        }

        return DiscoveryShapes.Owner(apiVersion ?? "", kind ?? "", name ?? "", uid ?? "", controller);
    }
}
