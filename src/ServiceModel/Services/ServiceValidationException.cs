using System.Collections.Immutable;
using ServiceModel.Internal;
using ServiceModel.Validation;

namespace ServiceModel.Services;

/// <summary>
/// Thrown when a Service is invalid; carries every <see cref="ValidationError"/> found.
/// </summary>
/// <remarks>
/// The message is the API server's: <c>Service "web" is invalid: spec.ports: Required value</c>,
/// with several errors listed in brackets, comma-separated.
/// </remarks>
public sealed class ServiceValidationException : ArgumentException
{
    /// <summary>Creates the exception for <paramref name="serviceName"/> with its errors.</summary>
    /// <param name="serviceName">The Service's name.</param>
    /// <param name="errors">Every error found; at least one.</param>
    /// <exception cref="ArgumentException"><paramref name="errors"/> is empty.</exception>
    public ServiceValidationException(string? serviceName, IEnumerable<ValidationError> errors)
        : this(serviceName, ToArray(errors))
    {
    }

    private ServiceValidationException(string? serviceName, ImmutableArray<ValidationError> errors)
        : base(BuildMessage(serviceName, errors))
    {
        ServiceName = serviceName ?? "";
        Errors = errors;
    }

    /// <summary>The invalid Service's name.</summary>
    public string ServiceName { get; }

    /// <summary>Every error found, in Kubernetes' order.</summary>
    public ImmutableArray<ValidationError> Errors { get; }

    private static ImmutableArray<ValidationError> ToArray(IEnumerable<ValidationError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);

        // A boxed default ImmutableArray cannot be enumerated; it means "no errors" like an empty one.
        var array = errors is ImmutableArray<ValidationError> { IsDefault: true } ? [] : errors.ToImmutableArray();
        return array.IsEmpty ? throw new ArgumentException("must contain at least one error", nameof(errors)) : array;
    }

    // errors.NewInvalid: `Service "name" is invalid: <aggregate>` (the name as %q, bounded like every
    // quoted value), where an aggregate of one error is that error and of several is "[a, b]" with
    // repeats removed.
    private static string BuildMessage(string? serviceName, ImmutableArray<ValidationError> errors)
    {
        return "Service " + GoText.Quote(serviceName ?? "") + " is invalid: " + GoText.Aggregate(errors.Select(e => e.ToString()));
    }
}
