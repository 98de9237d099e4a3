namespace ServiceModel.Services;

/// <summary>
/// How a Service is exposed (<c>spec.type</c>). The member names are the Kubernetes API spellings,
/// so <see cref="object.ToString"/> gives the API text.
/// </summary>
/// <remarks>
/// The first three types are layered: every NodePort Service is also a ClusterIP Service, and
/// every LoadBalancer Service is also a NodePort Service. See <see cref="ServiceTypeLayering"/>.
/// </remarks>
public enum ServiceType
{
    /// <summary>A virtual IP reachable inside the cluster (the default).</summary>
    ClusterIP = 0,

    /// <summary>A ClusterIP Service plus one port on every node per service port.</summary>
    NodePort = 1,

    /// <summary>A NodePort Service plus a request for an external load balancer.</summary>
    LoadBalancer = 2,

    /// <summary>A DNS CNAME to <see cref="ServiceSpec.ExternalName"/>; no cluster IP, no ports are proxied.</summary>
    ExternalName = 3,
}
