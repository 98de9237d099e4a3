using ServiceModel.Services;

namespace ServiceModel.Discovery;

/// <summary>
/// A port every endpoint of an <see cref="EndpointSlice"/> (or of a legacy <see cref="EndpointSubset"/>) serves:
/// the Service port's name, protocol and application protocol with the port resolved on the pod.
/// </summary>
/// <remarks>
/// One type serves both APIs: the controllers fill <c>discovery.k8s.io/v1</c> and core <c>v1</c>
/// EndpointPort with the same four values.
/// </remarks>
/// <param name="Name">The Service port's name; empty for the single unnamed port.</param>
/// <param name="Port">The port number on the endpoint (the resolved target port).</param>
/// <param name="Protocol">The Service port's protocol.</param>
/// <param name="AppProtocol">The Service port's application protocol; null when unset.</param>
public sealed record EndpointPort(string Name, int Port, Protocol Protocol, string? AppProtocol = null);
