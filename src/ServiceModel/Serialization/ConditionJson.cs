using System.Text.Json;

namespace ServiceModel.Serialization;

/// <summary>
/// The fields a Kubernetes condition object carries (a pod's <c>PodCondition</c>, a ServiceCIDR's
/// <c>metav1.Condition</c>), read in one place; each converter keeps the fields its model holds.
/// </summary>
internal readonly record struct ConditionJson(
    string? Type, string? Status, string? Reason, string? Message, DateTimeOffset? LastProbeTime, DateTimeOffset? LastTransitionTime)
{
    /// <summary>Reads one condition object (reader on its first token); unknown fields are skipped.</summary>
    /// <param name="reader">The reader.</param>
    /// <param name="what">What the object is, for the error when it is not one, e.g. <c>a pod condition</c>.</param>
    public static ConditionJson Read(ref Utf8JsonReader reader, string what)
    {
        JsonRead.StartObject(ref reader, what);
        string? type = null, status = null, reason = null, message = null;
        DateTimeOffset? probed = null, changed = null;
        while (JsonRead.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("type"u8))
            {
                type = JsonRead.String(ref reader);
            }
            else if (reader.ValueTextEquals("status"u8))
            {
                status = JsonRead.String(ref reader);
            }
            else if (reader.ValueTextEquals("lastProbeTime"u8))
            {
                probed = JsonRead.Timestamp(ref reader);
            }
            else if (reader.ValueTextEquals("lastTransitionTime"u8))
            {
                changed = JsonRead.Timestamp(ref reader);
            }
            else if (reader.ValueTextEquals("reason"u8))
            {
                reason = JsonRead.String(ref reader);
            }
            else if (reader.ValueTextEquals("message"u8))
            {
                message = JsonRead.String(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }

        return new ConditionJson(type, status, reason, message, probed, changed);
    }
}
