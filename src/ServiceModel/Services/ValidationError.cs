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

    /// <summary>The error body without the field path, e.g. <c>Invalid value: 0: must be between 1 and 65535, inclusive</c>.</summary>
    public string Body
    {
        get
        {
            var text = Type switch
            {
                ValidationErrorType.Required or ValidationErrorType.Forbidden or ValidationErrorType.TooLong
                    or ValidationErrorType.TooShort or ValidationErrorType.Internal => TypeText(Type),
                _ => TypeText(Type) + ": " + GoText.FormatValue(BadValue),
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
