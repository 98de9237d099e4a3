using System.Text;
using System.Text.Json;

namespace ServiceModel.Serialization;

/// <summary>
/// The API strings of one model enum: exact, case-sensitive names as the API server writes them.
/// </summary>
internal sealed class ApiEnum<TEnum>
    where TEnum : struct, Enum
{
    private readonly TEnum[] _values;
    private readonly string[] _names;
    private readonly byte[][] _utf8Names;

    public ApiEnum(params (TEnum Value, string Name)[] entries)
    {
        _values = Array.ConvertAll(entries, e => e.Value);
        _names = Array.ConvertAll(entries, e => e.Name);
        _utf8Names = Array.ConvertAll(_names, Encoding.UTF8.GetBytes);
        Expected = "one of " + string.Join(", ", Array.ConvertAll(_names, n => "\"" + n + "\""));
    }

    /// <summary>The allowed values, for error messages.</summary>
    public string Expected { get; }

    public bool TryParse(ref Utf8JsonReader reader, out TEnum value)
    {
        for (var i = 0; i < _utf8Names.Length; i++)
        {
            if (reader.ValueTextEquals(_utf8Names[i]))
            {
                value = _values[i];
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>The API string of <paramref name="value"/>, or null when the API has none.</summary>
    public string? NameOf(TEnum value)
    {
        for (var i = 0; i < _values.Length; i++)
        {
            if (EqualityComparer<TEnum>.Default.Equals(_values[i], value))
            {
                return _names[i];
            }
        }

        return null;
    }

    /// <summary>Writes the API string of <paramref name="value"/>.</summary>
    /// <exception cref="JsonException">The value has no API string (an out-of-range enum value).</exception>
    public void Write(Utf8JsonWriter writer, string property, TEnum value)
        => writer.WriteString(property, NameOf(value) ?? throw new JsonException(
            $"cannot write {typeof(TEnum).Name} value {value} as \"{property}\": expected {Expected}"));
}
