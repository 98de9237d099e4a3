using System.Buffers;
using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;

namespace ServiceModel.Serialization;

/// <summary>
/// Writing primitives shared by the converters, with the API server's omission rules: a
/// <see langword="null"/> optional value is left out, an empty collection is left out.
/// </summary>
internal static class JsonWrite
{
    public static void OptionalString(Utf8JsonWriter writer, string property, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(property, value);
        }
    }

    public static void NonEmptyString(Utf8JsonWriter writer, string property, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            writer.WriteString(property, value);
        }
    }

    public static void NonZero(Utf8JsonWriter writer, string property, int value)
    {
        if (value != 0)
        {
            writer.WriteNumber(property, value);
        }
    }

    public static void OptionalBoolean(Utf8JsonWriter writer, string property, bool? value)
    {
        if (value is { } set)
        {
            writer.WriteBoolean(property, set);
        }
    }

    public static void StringMap(Utf8JsonWriter writer, string property, ImmutableDictionary<string, string>? map)
    {
        if (map is null || map.Count == 0)
        {
            return;
        }

        writer.WritePropertyName(property);
        writer.WriteStartObject();

        // Sorted by key, as the API server's encoder writes Go maps; sorted in a pooled buffer so
        // writing allocates nothing.
        var rented = ArrayPool<KeyValuePair<string, string>>.Shared.Rent(map.Count);
        var pairs = rented.AsSpan(0, map.Count);
        var i = 0;
        foreach (var pair in map)
        {
            pairs[i++] = pair;
        }

        pairs.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        foreach (var (key, value) in pairs)
        {
            writer.WriteString(key, value);
        }

        pairs.Clear();
        ArrayPool<KeyValuePair<string, string>>.Shared.Return(rented);
        writer.WriteEndObject();
    }

    public static void StringArray(Utf8JsonWriter writer, string property, ImmutableArray<string> values)
    {
        if (values.IsDefaultOrEmpty)
        {
            return;
        }

        writer.WritePropertyName(property);
        writer.WriteStartArray();
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    /// <summary>
    /// Writes an RFC 3339 timestamp in UTC: whole seconds as the API server writes them, with the
    /// fraction only when the value has one (so a round trip keeps the instant).
    /// </summary>
    public static void Timestamp(Utf8JsonWriter writer, string property, DateTimeOffset value)
    {
        var utc = value.UtcDateTime;
        var format = utc.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'" : "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'FFFFFFF'Z'";
        Span<char> text = stackalloc char[32];
        utc.TryFormat(text, out var written, format, CultureInfo.InvariantCulture);
        writer.WriteString(property, text[..written]);
    }

    public static void OptionalTimestamp(Utf8JsonWriter writer, string property, DateTimeOffset? value)
    {
        if (value is { } set)
        {
            Timestamp(writer, property, set);
        }
    }

    /// <summary>Writes a timestamp, or <c>null</c> as Go writes a zero <c>metav1.Time</c> that is not a pointer.</summary>
    public static void TimestampOrNull(Utf8JsonWriter writer, string property, DateTimeOffset? value)
    {
        if (value is { } set)
        {
            Timestamp(writer, property, set);
        }
        else
        {
            writer.WriteNull(property);
        }
    }
}
