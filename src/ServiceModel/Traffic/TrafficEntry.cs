namespace ServiceModel.Traffic;

/// <summary>How a connection reaches a Service: which of its addresses the client dialled.</summary>
public enum TrafficEntry
{
    /// <summary>The Service's cluster IP and port; governed by <c>internalTrafficPolicy</c>.</summary>
    ClusterIP = 0,

    /// <summary>The port's node port on the entry node; governed by <c>externalTrafficPolicy</c>.</summary>
    NodePort = 1,

    /// <summary>A load balancer ingress IP, arriving at the entry node; governed by <c>externalTrafficPolicy</c>.</summary>
    LoadBalancer = 2,

    /// <summary>One of <c>spec.externalIPs</c>, routed to the entry node; governed by <c>externalTrafficPolicy</c>.</summary>
    ExternalIP = 3,
}
