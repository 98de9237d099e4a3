using ServiceModel.Services;

namespace ServiceModel.Discovery;

/// <summary>
/// A port a pod's container exposes (<c>spec.containers[].ports[]</c>); named ports resolve a
/// Service's named <c>targetPort</c>.
/// </summary>
/// <remarks>Immutable; equality is by value.</remarks>
public sealed record ContainerPort
{
    /// <summary>The port's name (an IANA_SVC_NAME); null (the default) when unnamed.</summary>
    public string? Name { get; init; }

    /// <summary>The container port number.</summary>
    public required int Port { get; init; }

    /// <summary>The port's protocol; <see cref="Protocol.TCP"/> by default, as when the manifest leaves it out.</summary>
    public Protocol Protocol { get; init; } = Protocol.TCP;
}
