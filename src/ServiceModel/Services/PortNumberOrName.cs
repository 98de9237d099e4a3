using System.Globalization;
using ServiceModel.Internal;

namespace ServiceModel.Services;

/// <summary>
/// A value that is either a number or a name, like Kubernetes' <c>intstr.IntOrString</c>
/// (used for <see cref="ServicePort.TargetPort"/>: a port number or a named container port).
/// </summary>
/// <remarks>
/// <c>default(PortNumberOrName)</c> is the number 0, which Kubernetes reads as "not set".
/// Equality is by kind and value: the number 80 and the name <c>"80"</c> differ.
/// </remarks>
public readonly struct PortNumberOrName : IEquatable<PortNumberOrName>, IFieldValueJson
{
    private readonly string? _stringValue;

    private PortNumberOrName(int intValue, string? stringValue)
    {
        IntValue = intValue;
        _stringValue = stringValue;
    }

    /// <summary>True when the value is a name; false when it is a number.</summary>
    public bool IsString => _stringValue is not null;

    /// <summary>The number; 0 when <see cref="IsString"/> is true.</summary>
    public int IntValue { get; }

    /// <summary>The name; <see langword="null"/> when the value is a number.</summary>
    public string? StringValue => _stringValue;

    /// <summary>True for the unset value: the number 0 or the empty name.</summary>
    public bool IsUnset => _stringValue is null ? IntValue == 0 : _stringValue.Length == 0;

    /// <summary>Creates a numeric value.</summary>
    /// <param name="value">The number.</param>
    /// <returns>The value.</returns>
    public static PortNumberOrName FromInt32(int value) => new(value, null);

    /// <summary>Creates a named value.</summary>
    /// <param name="value">The name.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public static PortNumberOrName FromString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new(0, value);
    }

    /// <summary>Converts a number.</summary>
    /// <param name="value">The number.</param>
    public static implicit operator PortNumberOrName(int value) => FromInt32(value);

    /// <summary>Converts a name.</summary>
    /// <param name="value">The name.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public static implicit operator PortNumberOrName(string value) => FromString(value);

    /// <summary>Compares kind and value.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>True when both are the same number or the same name.</returns>
    public static bool operator ==(PortNumberOrName left, PortNumberOrName right) => left.Equals(right);

    /// <summary>Compares kind and value.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>True when they differ in kind or value.</returns>
    public static bool operator !=(PortNumberOrName left, PortNumberOrName right) => !left.Equals(right);

    /// <inheritdoc/>
    public bool Equals(PortNumberOrName other)
        => IntValue == other.IntValue && string.Equals(_stringValue, other._stringValue, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is PortNumberOrName other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(IntValue, _stringValue);

    /// <summary>The number in invariant digits, or the name.</summary>
    /// <returns>The text as Kubernetes prints it.</returns>
    public override string ToString() => _stringValue ?? IntValue.ToString(CultureInfo.InvariantCulture);

    // Go marshals an IntOrString as its number or its string.
    string IFieldValueJson.ToFieldValueJson() => IsString ? FieldValueText.JsonString(StringValue!) : FieldValueText.Simple(IntValue);
}
