using ServiceModel.Internal;

namespace ServiceModel.Discovery;

/// <summary>
/// One address in a legacy <see cref="EndpointSubset"/> (core <c>v1</c> EndpointAddress).
/// </summary>
/// <remarks>Immutable; equality is by value.</remarks>
public sealed record EndpointAddress
{
    /// <summary>The address, in the API's text (the controller copies the pod's as written).</summary>
    /// <exception cref="ArgumentNullException">Set to <see langword="null"/> (also through <see langword="with"/>).</exception>
    public required string IP { get; init => field = ModelGuard.NotNull(value, nameof(IP)); }

    /// <summary>The DNS hostname; set only when the pod's subdomain names the Service, null by default.</summary>
    public string? Hostname { get; init; }

    /// <summary>The node that hosts the address; the controller copies the pod's <c>spec.nodeName</c>. Null by default.</summary>
    public string? NodeName { get; init; }

    /// <summary>The object the address stands for, normally its pod; null by default.</summary>
    public ObjectReference? TargetRef { get; init; }
}
