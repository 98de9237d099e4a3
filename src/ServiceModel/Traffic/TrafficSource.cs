namespace ServiceModel.Traffic;

/// <summary>Where a connection comes from, as kube-proxy tells it apart (its local-traffic detector and <c>--src-type LOCAL</c>).</summary>
public enum TrafficSource
{
    /// <summary>A pod running on the entry node (the usual client of a cluster IP).</summary>
    Pod = 0,

    /// <summary>A client outside the cluster (the usual client of a node port, load balancer or external IP).</summary>
    OutsideCluster = 1,

    /// <summary>A process on the entry node itself, outside any pod.</summary>
    Node = 2,
}
