namespace ServiceModel.Discovery;

/// <summary>
/// The state of one endpoint (<c>conditions</c> of a <c>discovery.k8s.io/v1</c> Endpoint). Each is
/// optional in the API; the EndpointSlice controller always sets all three.
/// </summary>
/// <param name="Ready">
/// Whether the endpoint should receive new traffic: the pod is ready and not terminating, or the
/// Service publishes not-ready addresses. Consumers treat <see langword="null"/> as ready.
/// </param>
/// <param name="Serving">The pod's Ready condition, regardless of termination. <see langword="null"/> reads as <see cref="Ready"/>.</param>
/// <param name="Terminating">Whether the pod is being deleted. <see langword="null"/> reads as not terminating.</param>
public readonly record struct EndpointConditions(bool? Ready, bool? Serving, bool? Terminating);
