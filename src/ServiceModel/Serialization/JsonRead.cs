using System.Buffers;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ServiceModel.Serialization;

/// <summary>
/// Reading primitives shared by the converters. Every method expects the reader on the value's
/// first token and leaves it on the value's last token; <c>null</c> reads as absent wherever the
/// API allows it. Failures are <see cref="JsonReadException"/>s saying what was expected and found.
/// </summary>
internal static class JsonRead
{
    /// <summary>Throws unless the reader is on the start of an object.</summary>
    public static void StartObject(ref Utf8JsonReader reader, string what)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Expected(ref reader, what);
        }
    }

    /// <summary>
    /// Moves to the next property of the current object: true with the reader on its name, false
    /// on the object's end.
    /// </summary>
    public static bool NextProperty(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.PropertyName;
    }

    /// <summary>Moves from a property name to its value and says whether the value is JSON null.</summary>
    public static bool ValueIsNull(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.Null;
    }

    /// <summary>Reads a string value (after the property name); null for JSON null.</summary>
    public static string? String(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Null => null,
            _ => throw Expected(ref reader, "a string"),
        };
    }

    /// <summary>
    /// Reads a string value (after the property name); null for JSON null. A text equal to
    /// <paramref name="same"/> returns that instance: an object repeats many of its strings (a
    /// selector its labels, <c>clusterIPs</c> its <c>clusterIP</c>), and one copy is enough.
    /// </summary>
    public static string? String(ref Utf8JsonReader reader, string? same)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.String => same is not null && reader.ValueTextEquals(same) ? same : reader.GetString(),
            JsonTokenType.Null => null,
            _ => throw Expected(ref reader, "a string"),
        };
    }

    /// <summary>
    /// Reads a string value (after the property name) whose usual values are API-defined; null for
    /// JSON null. Those values return <see cref="WellKnownStrings"/>' instances.
    /// </summary>
    public static string? WellKnownString(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.String => WellKnownStrings.GetString(ref reader),
            JsonTokenType.Null => null,
            _ => throw Expected(ref reader, "a string"),
        };
    }

    /// <summary>Reads a 32-bit integer value (after the property name); <paramref name="absent"/> for JSON null.</summary>
    public static int Int32(ref Utf8JsonReader reader, int absent = 0)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return absent;
        }

        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out var value))
        {
            throw Expected(ref reader, "a 32-bit integer");
        }

        return value;
    }

    /// <summary>Reads an optional 32-bit integer value (after the property name).</summary>
    public static int? NullableInt32(ref Utf8JsonReader reader)
        => ValueIsNull(ref reader) ? null : Int32Here(ref reader);

    /// <summary>Reads a boolean value (after the property name); null for JSON null.</summary>
    public static bool? Boolean(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.True => true,
            JsonTokenType.False => false,
            JsonTokenType.Null => null,
            _ => throw Expected(ref reader, "true or false"),
        };
    }

    /// <summary>Reads an RFC 3339 timestamp (after the property name); null for JSON null.</summary>
    public static DateTimeOffset? Timestamp(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.String || !reader.TryGetDateTimeOffset(out var value))
        {
            throw Expected(ref reader, "an RFC 3339 timestamp such as \"2025-01-02T03:04:05Z\"");
        }

        return value;
    }

    /// <summary>
    /// Reads a map of strings (after the property name); empty for JSON null. Keys and values equal
    /// to an entry of <paramref name="known"/> (a selector's to the object's labels) share its strings;
    /// values equal to <paramref name="name"/> or <paramref name="ns"/> (a label naming the object or
    /// its namespace) share those, and the API's well-known keys and values share
    /// <see cref="WellKnownStrings"/>' instances.
    /// </summary>
    public static ImmutableDictionary<string, string> StringMap(
        ref Utf8JsonReader reader, ImmutableDictionary<string, string>? known = null, string? name = null, string? ns = null)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return ImmutableDictionary<string, string>.Empty;
        }

        StartObject(ref reader, "an object of strings");
        if (!NextProperty(ref reader))
        {
            return ImmutableDictionary<string, string>.Empty;
        }

        // The default comparer is ordinal for strings, and unlike an explicit one costs no
        // comparer pair per dictionary.
        var entries = StringMapBuffer.Rent();
        do
        {
            string? key = null, knownValue = null;
            if (known is { IsEmpty: false })
            {
                foreach (var pair in known)
                {
                    if (reader.ValueTextEquals(pair.Key))
                    {
                        (key, knownValue) = pair;
                        break;
                    }
                }
            }

            key ??= WellKnownStrings.GetString(ref reader);
            reader.Read();
            if (reader.TokenType != JsonTokenType.String)
            {
                throw Expected(ref reader, "a string");
            }

            var value = knownValue is not null && reader.ValueTextEquals(knownValue) ? knownValue
                : name is not null && reader.ValueTextEquals(name) ? name
                : ns is not null && reader.ValueTextEquals(ns) ? ns
                : WellKnownStrings.GetString(ref reader);
            entries.Add(key, value);
        }
        while (NextProperty(ref reader));

        return entries.ToImmutableAndReturn();
    }

    /// <summary>
    /// Reads an array of strings (after the property name); empty for JSON null. Items equal to
    /// <paramref name="same"/> share its instance.
    /// </summary>
    public static ImmutableArray<string> StringArray(ref Utf8JsonReader reader, string? same = null)
    {
        if (!StartArray(ref reader))
        {
            return [];
        }

        var items = default(ArrayCollector<string>);
        while (NextItem(ref reader))
        {
            items.Add(reader.TokenType != JsonTokenType.String ? throw Expected(ref reader, "a string")
                : same is not null && reader.ValueTextEquals(same) ? same
                : reader.GetString()!);
        }

        return items.Drain();
    }

    /// <summary>
    /// Reads an array (after the property name) item by item through <paramref name="readItem"/>
    /// (reader on the item's first token); empty for JSON null.
    /// </summary>
    public static ImmutableArray<T> Array<T>(ref Utf8JsonReader reader, ItemReader<T> readItem)
    {
        if (!StartArray(ref reader))
        {
            return [];
        }

        var items = default(ArrayCollector<T>);
        while (NextItem(ref reader))
        {
            items.Add(readItem(ref reader));
        }

        return items.Drain();
    }

    /// <summary>
    /// Moves to an array value (after the property name): true on its start, false for JSON null.
    /// </summary>
    public static bool StartArray(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return false;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw Expected(ref reader, "an array");
        }

        return true;
    }

    /// <summary>Moves to the next array item: true on its first token, false on the array's end.</summary>
    public static bool NextItem(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType != JsonTokenType.EndArray;
    }

    /// <summary>Reads an API enum string (after the property name) through <paramref name="parse"/>.</summary>
    public static TEnum Enum<TEnum>(ref Utf8JsonReader reader, ApiEnum<TEnum> parse)
        where TEnum : struct, Enum
    {
        reader.Read();
        return EnumHere(ref reader, parse);
    }

    /// <summary>
    /// Reads an enum the API holds in a plain string and defaults (after the property name): JSON
    /// null and <c>""</c> give <paramref name="unset"/>. Go's decoder leaves such a field at its zero
    /// value <c>""</c> for null, and the API server's defaulting (<c>SetDefaults_Service</c>,
    /// <c>SetDefaults_ServicePort</c>, <c>SetDefaults_Endpoints</c>) treats <c>""</c> as absent.
    /// </summary>
    public static TEnum DefaultedEnum<TEnum>(ref Utf8JsonReader reader, ApiEnum<TEnum> parse, TEnum unset)
        where TEnum : struct, Enum
        => OptionalEnum(ref reader, parse) ?? unset;

    /// <summary>
    /// Reads an optional enum the API holds in a plain string (after the property name): JSON null
    /// and <c>""</c> (Go's zero value) give null.
    /// </summary>
    public static TEnum? OptionalEnum<TEnum>(ref Utf8JsonReader reader, ApiEnum<TEnum> parse)
        where TEnum : struct, Enum
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null
            || (reader.TokenType == JsonTokenType.String && reader.ValueTextEquals(ReadOnlySpan<byte>.Empty)))
        {
            return null;
        }

        return EnumHere(ref reader, parse);
    }

    /// <summary>
    /// Reads an optional enum the API holds in a pointer (after the property name): only JSON null
    /// is unset; <c>""</c> is a set value the API server's validation refuses, and so is refused here.
    /// </summary>
    public static TEnum? PointerEnum<TEnum>(ref Utf8JsonReader reader, ApiEnum<TEnum> parse)
        where TEnum : struct, Enum
        => ValueIsNull(ref reader) ? null : EnumHere(ref reader, parse);

    /// <summary>Parses the current token as an API enum string.</summary>
    public static TEnum EnumHere<TEnum>(ref Utf8JsonReader reader, ApiEnum<TEnum> parse)
        where TEnum : struct, Enum
        => reader.TokenType == JsonTokenType.String && parse.TryParse(ref reader, out var value)
            ? value
            : throw Expected(ref reader, parse.Expected);

    /// <summary>Checks an <c>apiVersion</c> or <c>kind</c> value against what the converter reads.</summary>
    public static void Expect(ref Utf8JsonReader reader, string expected)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.String || !reader.ValueTextEquals(expected))
        {
            throw Expected(ref reader, "\"" + expected + "\"");
        }
    }

    /// <summary>A failure at the current token: what was expected and what was found.</summary>
    public static JsonReadException Expected(ref Utf8JsonReader reader, string what)
        => new("expected " + what + ", found " + Describe(ref reader), reader.TokenStartIndex);

    /// <summary>A failure for a value the model rejects (its constructor or init accessor threw).</summary>
    public static JsonReadException Invalid(long offset, ArgumentException error)
        => new("invalid value: " + error.Message, offset, error);

    private static int Int32Here(ref Utf8JsonReader reader)
        => reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var value)
            ? value
            : throw Expected(ref reader, "a 32-bit integer");

    /// <summary>
    /// The current string, property name or number token's text for a message: at most
    /// <paramref name="maxLength"/> characters (then "…"), so a message stays short however long the
    /// input; text the reader cannot decode (an unpaired surrogate escape, bytes that are not UTF-8)
    /// is shown with U+FFFD in place of what is wrong, never thrown over.
    /// </summary>
    public static string BoundedText(ref Utf8JsonReader reader, int maxLength = QuotedLength)
    {
        // Escapes take up to 6 bytes a character, UTF-8 up to 4: this many bytes hold the characters shown.
        var maxBytes = (maxLength + 1) * 6;
        var length = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        string text;
        if (length <= maxBytes && reader.TokenType != JsonTokenType.Number)
        {
            try
            {
                text = reader.GetString() ?? "";
            }
            catch (InvalidOperationException)
            {
                text = Raw(ref reader, maxBytes);
            }
        }
        else
        {
            // A number, or a string too long to be worth decoding whole: its raw text (escapes as
            // written) is enough to show the reader where it is.
            text = Raw(ref reader, maxBytes);
        }

        if (text.Length <= maxLength)
        {
            return text;
        }

        var cut = char.IsHighSurrogate(text[maxLength - 1]) ? maxLength - 1 : maxLength;
        return string.Concat(text.AsSpan(0, cut), "…");
    }

    /// <summary>How many characters of an offending value a message quotes.</summary>
    public const int QuotedLength = 40;

    /// <summary>
    /// How many characters of a property name a JSON path shows: every valid label or annotation
    /// key (a 253-character prefix, "/", a 63-character name) fits whole.
    /// </summary>
    public const int PathNameLength = 320;

    private static string Raw(ref Utf8JsonReader reader, int maxBytes)
    {
        var raw = reader.HasValueSequence ? reader.ValueSequence.Slice(0, Math.Min(maxBytes, reader.ValueSequence.Length)).ToArray()
            : reader.ValueSpan[..Math.Min(maxBytes, reader.ValueSpan.Length)];
        return Encoding.UTF8.GetString(raw);
    }

    private static string Describe(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return "the string \"" + BoundedText(ref reader) + "\"";
            case JsonTokenType.Number:
                return "the number " + BoundedText(ref reader);
            case JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null:
                return reader.TokenType.ToString().ToLower(CultureInfo.InvariantCulture);
            case JsonTokenType.StartObject:
                return "an object";
            case JsonTokenType.StartArray:
                return "an array";
            default:
                return reader.TokenType.ToString();
        }
    }
}
