using System.Collections.Immutable;
using System.Text.Json;
using ServiceModel.Networking;

namespace ServiceModel.Serialization;

/// <summary>
/// A <c>networking.k8s.io/v1</c> <c>ServiceCIDR</c>: <c>metadata</c> (name, deletionTimestamp,
/// finalizers), <c>spec.cidrs</c> and <c>status.conditions</c> (<c>metav1.Condition</c>: type,
/// status, lastTransitionTime, reason, message). <c>spec</c> and <c>status</c> are always written,
/// as Go writes a struct that omitempty cannot leave out.
/// </summary>
internal sealed class ServiceCidrObjectJsonConverter : KubernetesObjectConverter<ServiceCidrObject>
{
    public override string ApiVersion => "networking.k8s.io/v1";

    public override string Kind => "ServiceCIDR";

    public override ServiceCidrObject Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var parts = (Cidrs: ImmutableArray<string>.Empty, Conditions: ImmutableArray<ServiceCidrCondition>.Empty);
        var meta = ReadObject(ref reader, ref parts, static (ref Utf8JsonReader r, ref (ImmutableArray<string> Cidrs, ImmutableArray<ServiceCidrCondition> Conditions) p) =>
        {
            if (r.ValueTextEquals("spec"u8))
            {
                p.Cidrs = ReadSection(ref r, "spec", "cidrs"u8, static (ref Utf8JsonReader x) => JsonRead.StringArray(ref x));
            }
            else if (r.ValueTextEquals("status"u8))
            {
                p.Conditions = ReadSection(ref r, "status", "conditions"u8, ReadConditions);
            }
            else
            {
                return false;
            }

            return true;
        });

        return new ServiceCidrObject
        {
            Name = meta.RequireName(),
            Cidrs = parts.Cidrs,
            Conditions = parts.Conditions,
            Finalizers = meta.Finalizers,
            DeletionTimestamp = meta.DeletionTimestamp,
        };
    }

    public override void Write(Utf8JsonWriter writer, ServiceCidrObject value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        WriteTypeMeta(writer);
        ObjectMetaJson.Start(writer);
        writer.WriteString("name"u8, value.Name);
        JsonWrite.OptionalTimestamp(writer, "deletionTimestamp", value.DeletionTimestamp);
        JsonWrite.StringArray(writer, "finalizers", value.Finalizers);
        writer.WriteEndObject();

        writer.WritePropertyName("spec"u8);
        writer.WriteStartObject();
        JsonWrite.StringArray(writer, "cidrs", value.Cidrs);
        writer.WriteEndObject();

        writer.WritePropertyName("status"u8);
        writer.WriteStartObject();
        if (!value.Conditions.IsEmpty)
        {
            writer.WritePropertyName("conditions"u8);
            writer.WriteStartArray();
            foreach (var condition in value.Conditions)
            {
                writer.WriteStartObject();
                writer.WriteString("type"u8, condition.Type);
                writer.WriteString("status"u8, condition.Status);
                JsonWrite.TimestampOrNull(writer, "lastTransitionTime", condition.LastTransitionTime == default ? null : condition.LastTransitionTime);
                writer.WriteString("reason"u8, condition.Reason);
                writer.WriteString("message"u8, condition.Message);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private delegate ImmutableArray<T> ArrayReader<T>(ref Utf8JsonReader reader);

    // Reads spec or status (after the property name), whose one field the model carries is an array.
    private static ImmutableArray<T> ReadSection<T>(ref Utf8JsonReader reader, string section, ReadOnlySpan<byte> field, ArrayReader<T> read)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return [];
        }

        JsonRead.StartObject(ref reader, "an object (" + section + ")");
        ImmutableArray<T> items = [];
        while (JsonRead.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals(field))
            {
                items = read(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }

        return items;
    }

    private static ImmutableArray<ServiceCidrCondition> ReadConditions(ref Utf8JsonReader reader)
        => JsonRead.Array(ref reader, ReadCondition);

    private static ServiceCidrCondition ReadCondition(ref Utf8JsonReader reader)
    {
        var condition = ConditionJson.Read(ref reader, "an object (a condition)");
        return new ServiceCidrCondition
        {
            Type = condition.Type ?? "",
            Status = condition.Status ?? "",
            Reason = condition.Reason ?? "",
            Message = condition.Message ?? "",
            LastTransitionTime = condition.LastTransitionTime ?? default,
        };
    }
}
