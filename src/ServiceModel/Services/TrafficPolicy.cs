namespace ServiceModel.Services;

/// <summary>
/// Where traffic may be routed (<c>spec.externalTrafficPolicy</c> and
/// <c>spec.internalTrafficPolicy</c>); API spellings.
/// </summary>
public enum TrafficPolicy
{
    /// <summary>Any ready endpoint in the cluster (the default).</summary>
    Cluster = 0,

    /// <summary>Only endpoints on the node that received the traffic.</summary>
    Local = 1,
}
