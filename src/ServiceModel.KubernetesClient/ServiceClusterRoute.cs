using ServiceModel.Traffic;

namespace ServiceModel.KubernetesClient;

/// <summary>Where a connection to one entry of a Service goes when it arrives at one node (<see cref="ServiceCluster.Routes(string, string)"/>).</summary>
public sealed record ServiceClusterRoute
{
    /// <summary>The node the connection arrives at (for <see cref="TrafficEntry.ClusterIP"/>, the node of the client pod).</summary>
    public required string NodeName { get; init; }

    /// <summary>The address the connection was sent to: the ClusterIP, the node's node port, the load balancer or an external IP.</summary>
    public required TrafficEntry Entry { get; init; }

    /// <summary>The Service port's name (<c>""</c> for the single unnamed port).</summary>
    public required string PortName { get; init; }

    /// <summary>The Service port number the connection was sent to (the node port for <see cref="TrafficEntry.NodePort"/>).</summary>
    public required int Port { get; init; }

    /// <summary>kube-proxy's answer: the candidates and their probabilities, or why the packet is dropped or rejected.</summary>
    public required TrafficRoute Route { get; init; }
}
