namespace ServiceModel.Traffic;

/// <summary>Which hints kube-proxy on a node follows for a Service's cluster-wide endpoints (v1.35 <c>topologyModeFromHints</c>).</summary>
public enum TopologyMode
{
    /// <summary>No topology: every ready endpoint in the cluster.</summary>
    None = 0,

    /// <summary>Only the ready endpoints hinted for the entry node's zone.</summary>
    PreferSameZone = 1,

    /// <summary>Only the ready endpoints hinted for the entry node itself.</summary>
    PreferSameNode = 2,
}
