using ServiceModel.Services;

namespace ServiceModel.Discovery;

/// <summary>
/// A port a pod's container exposes (<c>spec.containers[].ports[]</c>, or a sidecar's); named ports
/// resolve a Service's named <c>targetPort</c>.
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

    /// <summary>
    /// The name of the container that declares the port (<c>spec.containers[].name</c>, or
    /// <c>spec.initContainers[].name</c> for a sidecar); <see langword="null"/> (the default) when
    /// not known. No rule reads it: it is kept so that a Pod read and written back keeps its
    /// containers (consecutive ports with the same container make one container).
    /// </summary>
    public string? ContainerName { get; init; }

    /// <summary>
    /// True when the declaring container is a sidecar: an init container with
    /// <c>restartPolicy: Always</c>, whose ports serve as a regular container's do. Readers list the
    /// regular containers' ports first, then the sidecars'. Default <see langword="false"/>.
    /// </summary>
    public bool IsSidecar { get; init; }
}
