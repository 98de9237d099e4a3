using System.Collections.Immutable;
using System.Globalization;
using ServiceModel.Internal;

namespace ServiceModel.Validation;

/// <summary>
/// One problem with a Service: the field path (e.g. <c>spec.ports[1].nodePort</c>), the kind of
/// problem, the offending value and Kubernetes' explanation.
/// </summary>
/// <remarks>
/// <see cref="ToString"/> prints the error exactly as the API server does, e.g.
/// <c>spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive</c>.
/// <see cref="BadValue"/> holds the value as Kubernetes reports it (a number, a string, a list, or
/// <see langword="null"/>); equality compares it as the API server prints it, so a list held in a
/// fresh collection equals the same list held in another.
/// </remarks>
public sealed record ValidationError
{
    private readonly string _field = "";
    private readonly string _detail = "";

    /// <summary>The kind of problem.</summary>
    public required ValidationErrorType Type { get; init; }

    /// <summary>The field path, e.g. <c>spec.ports[1].nodePort</c>.</summary>
    /// <exception cref="ArgumentNullException">Set to <see langword="null"/>.</exception>
    public required string Field
    {
        get => _field;
        init => _field = ModelGuard.NotNull(value, nameof(Field));
    }

    /// <summary>The offending value as Kubernetes reports it; <see langword="null"/> for none. Default <see langword="null"/>.</summary>
    public object? BadValue { get; init; }

    /// <summary>Kubernetes' explanation; may be empty. Default empty.</summary>
    /// <exception cref="ArgumentNullException">Set to <see langword="null"/>.</exception>
    public string Detail
    {
        get => _detail;
        init => _detail = ModelGuard.NotNull(value, nameof(Detail));
    }

    /// <summary>A missing value (<c>field.Required</c>).</summary>
    /// <param name="field">The field path.</param>
    /// <param name="detail">The explanation, often empty.</param>
    /// <returns>The error.</returns>
    public static ValidationError Required(string field, string detail = "") => Create(ValidationErrorType.Required, field, "", detail);

    /// <summary>A malformed value (<c>field.Invalid</c>).</summary>
    /// <param name="field">The field path.</param>
    /// <param name="value">The offending value.</param>
    /// <param name="detail">The explanation.</param>
    /// <returns>The error.</returns>
    public static ValidationError Invalid(string field, object? value, string detail) => Create(ValidationErrorType.Invalid, field, value, detail);

    /// <summary>A repeated value (<c>field.Duplicate</c>).</summary>
    /// <param name="field">The field path.</param>
    /// <param name="value">The repeated value.</param>
    /// <returns>The error.</returns>
    public static ValidationError Duplicate(string field, object? value) => Create(ValidationErrorType.Duplicate, field, value, "");

    /// <summary>A value outside an enumeration (<c>field.NotSupported</c>).</summary>
    /// <param name="field">The field path.</param>
    /// <param name="value">The offending value.</param>
    /// <param name="supported">The accepted values, in the order to list them.</param>
    /// <returns>The error, whose detail is <c>supported values: "a", "b"</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="supported"/> is null.</exception>
    public static ValidationError NotSupported(string field, object? value, IEnumerable<string> supported)
    {
        ArgumentNullException.ThrowIfNull(supported);
        var quoted = supported is ImmutableArray<string> { IsDefault: true } ? [] : supported.Select(GoText.Quote).ToList();
        return Create(ValidationErrorType.NotSupported, field, value, quoted.Count == 0 ? "" : "supported values: " + string.Join(", ", quoted));
    }

    /// <summary>A well-formed value that is not allowed here (<c>field.Forbidden</c>).</summary>
    /// <param name="field">The field path.</param>
    /// <param name="detail">The explanation.</param>
    /// <returns>The error.</returns>
    public static ValidationError Forbidden(string field, string detail) => Create(ValidationErrorType.Forbidden, field, "", detail);

    /// <summary>A value longer than allowed (<c>field.TooLong</c>); the value itself is not reported.</summary>
    /// <param name="field">The field path.</param>
    /// <param name="maxLength">The longest allowed length in bytes; negative when unknown.</param>
    /// <returns>The error, e.g. <c>Too long: may not be more than 63 bytes</c>.</returns>
    public static ValidationError TooLong(string field, int maxLength)
        => Create(ValidationErrorType.TooLong, field, "<value omitted>", maxLength < 0
            ? "value is too long"
            : "may not be more than " + maxLength.ToString(CultureInfo.InvariantCulture) + (maxLength == 1 ? " byte" : " bytes"));

    /// <summary>A list with too many items (<c>field.TooMany</c>).</summary>
    /// <param name="field">The field path.</param>
    /// <param name="actual">How many items there are; negative to omit.</param>
    /// <param name="max">The most allowed; negative when unknown.</param>
    /// <returns>The error, e.g. <c>Too many: 3: must have at most 2 items</c>.</returns>
    public static ValidationError TooMany(string field, int actual, int max)
        => Create(ValidationErrorType.TooMany, field, actual >= 0 ? actual : null, max < 0
            ? "has too many items"
            : "must have at most " + max.ToString(CultureInfo.InvariantCulture) + (max == 1 ? " item" : " items"));

    /// <summary>The error body without the field path, e.g. <c>Invalid value: 0: must be between 1 and 65535, inclusive</c>.</summary>
    public string Body
    {
        get
        {
            var text = Type switch
            {
                ValidationErrorType.Required or ValidationErrorType.Forbidden or ValidationErrorType.TooLong
                    or ValidationErrorType.TooShort or ValidationErrorType.Internal => TypeText(Type),
                ValidationErrorType.TooMany when BadValue is null => TypeText(Type),
                _ => TypeText(Type) + ": " + FieldValueText.Format(BadValue),
            };
            return Detail.Length == 0 ? text : text + ": " + Detail;
        }
    }

    /// <summary>Whether another error has the same type, field, detail and printed value.</summary>
    /// <param name="other">The error to compare with.</param>
    /// <returns><see langword="true"/> when they are equal.</returns>
    public bool Equals(ValidationError? other)
        => other is not null
            && Type == other.Type
            && string.Equals(Field, other.Field, StringComparison.Ordinal)
            && string.Equals(Detail, other.Detail, StringComparison.Ordinal)
            && (Equals(BadValue, other.BadValue) || string.Equals(FieldValueText.Format(BadValue), FieldValueText.Format(other.BadValue), StringComparison.Ordinal));

    /// <summary>A hash consistent with <see cref="Equals(ValidationError?)"/>.</summary>
    /// <returns>The hash code.</returns>
    public override int GetHashCode()
        => HashCode.Combine(Type, StringComparer.Ordinal.GetHashCode(Field), StringComparer.Ordinal.GetHashCode(Detail), StringComparer.Ordinal.GetHashCode(FieldValueText.Format(BadValue)));

    /// <summary>The error as the API server prints it: <c>field: body</c>.</summary>
    /// <returns>For example <c>spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive</c>.</returns>
    public override string ToString() => Field + ": " + Body;

    private static ValidationError Create(ValidationErrorType type, string field, object? value, string detail)
        => new() { Type = type, Field = field, BadValue = value, Detail = detail };

    private static string TypeText(ValidationErrorType type) => type switch
    {
        ValidationErrorType.NotFound => "Not found",
        ValidationErrorType.Required => "Required value",
        ValidationErrorType.Duplicate => "Duplicate value",
        ValidationErrorType.Invalid => "Invalid value",
        ValidationErrorType.NotSupported => "Unsupported value",
        ValidationErrorType.Forbidden => "Forbidden",
        ValidationErrorType.TooLong => "Too long",
        ValidationErrorType.TooMany => "Too many",
        ValidationErrorType.TooFew => "Too few",
        ValidationErrorType.TooShort => "Too short",
        _ => "Internal error",
    };
}
