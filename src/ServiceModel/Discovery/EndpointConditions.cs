namespace ServiceModel.Discovery;

/// <summary>
/// The state of one endpoint (<c>conditions</c> of a <c>discovery.k8s.io/v1</c> Endpoint). Each is
/// optional in the API (all unset by default); the EndpointSlice controller always sets all three.
/// </summary>
public readonly record struct EndpointConditions
{
    /// <summary>
    /// Whether the endpoint should receive new traffic: the pod is ready and not terminating, or the
    /// Service publishes not-ready addresses. Consumers treat <see langword="null"/> as ready.
    /// </summary>
    public bool? Ready { get; init; }

    /// <summary>The pod's Ready condition, regardless of termination. <see langword="null"/> reads as <see cref="Ready"/>.</summary>
    public bool? Serving { get; init; }

    /// <summary>Whether the pod is being deleted. <see langword="null"/> reads as not terminating.</summary>
    public bool? Terminating { get; init; }
}
