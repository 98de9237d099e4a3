using System.Collections.Immutable;
using ServiceModel.Internal;
using ServiceModel.Validation;

namespace ServiceModel.Networking;

/// <summary>
/// A networking.k8s.io object failed validation. The message is the API server's:
/// <c>ServiceCIDR.networking.k8s.io "name" is invalid: spec.cidrs: Required value: at least one CIDR required</c>.
/// </summary>
public sealed class NetworkingValidationException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="kind">The kind, e.g. <c>ServiceCIDR</c> or <c>IPAddress</c>.</param>
    /// <param name="name">The object name.</param>
    /// <param name="errors">The errors; at least one.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="errors"/> is empty.</exception>
    public NetworkingValidationException(string kind, string name, IEnumerable<ValidationError> errors)
        : this(kind, name, ToArray(errors))
    {
    }

    private NetworkingValidationException(string kind, string name, ImmutableArray<ValidationError> errors)
        : base(kind + ".networking.k8s.io " + GoText.Quote(name) + " is invalid: " + GoText.Aggregate(errors.Select(e => e.ToString())))
    {
        Kind = kind;
        ObjectName = name;
        Errors = errors;
    }

    /// <summary>The kind of the invalid object (<c>ServiceCIDR</c>, <c>IPAddress</c>).</summary>
    public string Kind { get; }

    /// <summary>The name of the invalid object.</summary>
    public string ObjectName { get; }

    /// <summary>Every error, in the validator's order.</summary>
    public ImmutableArray<ValidationError> Errors { get; }

    private static ImmutableArray<ValidationError> ToArray(IEnumerable<ValidationError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var array = errors.ToImmutableArray();
        return array.IsEmpty ? throw new ArgumentException("must contain at least one error", nameof(errors)) : array;
    }
}
