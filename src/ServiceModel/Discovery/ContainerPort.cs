using ServiceModel.Services;

namespace ServiceModel.Discovery;

/// <summary>
/// A port a pod's container exposes (<c>spec.containers[].ports[]</c>); named ports resolve a
/// Service's named <c>targetPort</c>.
/// </summary>
/// <param name="Name">The port's name (an IANA_SVC_NAME); null when unnamed.</param>
/// <param name="Port">The container port number.</param>
/// <param name="Protocol">The port's protocol; TCP when the manifest leaves it out.</param>
public sealed record ContainerPort(string? Name, int Port, Protocol Protocol = Protocol.TCP);
