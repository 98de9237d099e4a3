namespace ServiceModel.Validation;

/// <summary>
/// Why a field is invalid, mirroring Kubernetes' <c>field.ErrorType</c>. The text each kind prints
/// (e.g. <c>"Invalid value"</c>) is in <see cref="ValidationError.ToString"/>.
/// </summary>
public enum ValidationErrorType
{
    /// <summary>A referenced value was not found (<c>FieldValueNotFound</c>, "Not found").</summary>
    NotFound = 0,

    /// <summary>A required value is missing (<c>FieldValueRequired</c>, "Required value").</summary>
    Required = 1,

    /// <summary>A value that must be unique repeats (<c>FieldValueDuplicate</c>, "Duplicate value").</summary>
    Duplicate = 2,

    /// <summary>A value is malformed or out of range (<c>FieldValueInvalid</c>, "Invalid value").</summary>
    Invalid = 3,

    /// <summary>A value is not one of an enumeration (<c>FieldValueNotSupported</c>, "Unsupported value").</summary>
    NotSupported = 4,

    /// <summary>A well-formed value is not allowed here (<c>FieldValueForbidden</c>, "Forbidden").</summary>
    Forbidden = 5,

    /// <summary>A value is too long (<c>FieldValueTooLong</c>, "Too long").</summary>
    TooLong = 6,

    /// <summary>A list has too many items (<c>FieldValueTooMany</c>, "Too many").</summary>
    TooMany = 7,

    /// <summary>A list has too few items (<c>FieldValueTooFew</c>, "Too few").</summary>
    TooFew = 8,

    /// <summary>A value is too short (<c>FieldValueTooShort</c>, "Too short").</summary>
    TooShort = 9,

    /// <summary>An internal error, not caused by the input (<c>InternalError</c>, "Internal error").</summary>
    Internal = 10,
}
