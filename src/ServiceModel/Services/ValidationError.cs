using System.Globalization;
using ServiceModel.Internal;

namespace ServiceModel.Services;

/// <summary>
/// One problem with a Service: the field path (e.g. <c>spec.ports[1].nodePort</c>), the kind of
/// problem, the offending value and Kubernetes' explanation.
/// </summary>
/// <remarks>
/// <see cref="ToString"/> prints the error exactly as the API server does, e.g.
/// <c>spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive</c>.
/// <see cref="BadValue"/> holds the value as Kubernetes reports it (a number, a string, a list, or
/// <see langword="null"/>); equality compares it with <see cref="object.Equals(object?, object?)"/>,
/// so compare <see cref="ToString"/> when values are collections.
/// </remarks>
/// <param name="Type">The kind of problem.</param>
/// <param name="Field">The field path, e.g. <c>spec.ports[1].nodePort</c>.</param>
/// <param name="BadValue">The offending value as Kubernetes reports it; <see langword="null"/> for none.</param>
/// <param name="Detail">Kubernetes' explanation; may be empty.</param>
public sealed record ValidationError(ValidationErrorType Type, string Field, object? BadValue, string Detail)
{
    /// <summary>A missing value (<c>field.Required</c>).</summary>
    /// <param name="field">The field path.</param>
    /// <param name="detail">The explanation, often empty.</param>
    /// <returns>The error.</returns>
    public static ValidationError Required(string field, string detail = "") => new(ValidationErrorType.Required, field, "", detail);

    /// <summary>A malformed value (<c>field.Invalid</c>).</summary>
    /// <param name="field">The field path.</param>
    /// <param name="value">The offending value.</param>
    /// <param name="detail">The explanation.</param>
    /// <returns>The error.</returns>
    public static ValidationError Invalid(string field, object? value, string detail) => new(ValidationErrorType.Invalid, field, value, detail);

    /// <summary>A repeated value (<c>field.Duplicate</c>).</summary>
    /// <param name="field">The field path.</param>
    /// <param name="value">The repeated value.</param>
    /// <returns>The error.</returns>
    public static ValidationError Duplicate(string field, object? value) => new(ValidationErrorType.Duplicate, field, value, "");

    /// <summary>A value outside an enumeration (<c>field.NotSupported</c>).</summary>
    /// <param name="field">The field path.</param>
    /// <param name="value">The offending value.</param>
    /// <param name="supported">The accepted values, in the order to list them.</param>
    /// <returns>The error, whose detail is <c>supported values: "a", "b"</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="supported"/> is null.</exception>
    public static ValidationError NotSupported(string field, object? value, IEnumerable<string> supported)
    {
        ArgumentNullException.ThrowIfNull(supported);
        var quoted = supported.Select(GoText.Quote).ToList();
        return new(ValidationErrorType.NotSupported, field, value, quoted.Count == 0 ? "" : "supported values: " + string.Join(", ", quoted));
    }

    /// <summary>A well-formed value that is not allowed here (<c>field.Forbidden</c>).</summary>
    /// <param name="field">The field path.</param>
    /// <param name="detail">The explanation.</param>
    /// <returns>The error.</returns>
    public static ValidationError Forbidden(string field, string detail) => new(ValidationErrorType.Forbidden, field, "", detail);

    /// <summary>A value longer than allowed (<c>field.TooLong</c>); the value itself is not reported.</summary>
    /// <param name="field">The field path.</param>
    /// <param name="maxLength">The longest allowed length in bytes; negative when unknown.</param>
    /// <returns>The error, e.g. <c>Too long: may not be more than 63 bytes</c>.</returns>
    public static ValidationError TooLong(string field, int maxLength)
        => new(ValidationErrorType.TooLong, field, "<value omitted>", maxLength < 0
            ? "value is too long"
            : "may not be more than " + maxLength.ToString(CultureInfo.InvariantCulture) + (maxLength == 1 ? " byte" : " bytes"));

    /// <summary>A list with too many items (<c>field.TooMany</c>).</summary>
    /// <param name="field">The field path.</param>
    /// <param name="actual">How many items there are; negative to omit.</param>
    /// <param name="max">The most allowed; negative when unknown.</param>
    /// <returns>The error, e.g. <c>Too many: 3: must have at most 2 items</c>.</returns>
    public static ValidationError TooMany(string field, int actual, int max)
        => new(ValidationErrorType.TooMany, field, actual >= 0 ? actual : null, max < 0
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

    /// <summary>The error as the API server prints it: <c>field: body</c>.</summary>
    /// <returns>For example <c>spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive</c>.</returns>
    public override string ToString() => Field + ": " + Body;

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
