using ServiceModel.Networking;

using ServiceModel.Internal;

namespace ServiceModel.Traffic;

/// <summary>
/// A connection to a Service, as kube-proxy on the entry node sees it: where it enters, which
/// Service port it targets, where it comes from, and (for ClientIP session affinity) who sent it.
/// </summary>
/// <remarks>Immutable; derive variants with <c>with</c>.</remarks>
public sealed record TrafficRequest
{
    /// <summary>The node whose kube-proxy handles the connection: the client pod's node for a cluster IP, the node dialled or chosen by the load balancer otherwise.</summary>
    /// <exception cref="ArgumentNullException">Set to <see langword="null"/> (also through <see langword="with"/>).</exception>
    public required string NodeName { get; init => field = ModelGuard.NotNull(value, nameof(NodeName)); }

    /// <summary>
    /// The entry node's <c>topology.kubernetes.io/zone</c> label; <see langword="null"/> (the default) or
    /// empty when the node has none. Read only when the Service's endpoints carry topology hints
    /// (<c>trafficDistribution</c> or <c>service.kubernetes.io/topology-mode: Auto</c>): kube-proxy then
    /// prefers the endpoints hinted for this zone. A node without a zone ignores zone hints, as upstream.
    /// </summary>
    public string? Zone { get; init; }

    /// <summary>Which Service address the client dialled. Default <see cref="TrafficEntry.ClusterIP"/>.</summary>
    public TrafficEntry Entry { get; init; } = TrafficEntry.ClusterIP;

    /// <summary>
    /// The Service port's name; <see langword="null"/> (the default) selects the Service's only port
    /// (and is an error when it has several). An empty name selects the unnamed port.
    /// </summary>
    public string? PortName { get; init; }

    /// <summary>
    /// Where the connection comes from. Default <see langword="null"/>: <see cref="TrafficSource.Pod"/>
    /// for <see cref="TrafficEntry.ClusterIP"/>, <see cref="TrafficSource.OutsideCluster"/> for the other entries.
    /// </summary>
    public TrafficSource? Source { get; init; }

    /// <summary>
    /// The client's IP address text (e.g. <c>192.168.1.9</c>), as the packet's source: needed for ClientIP
    /// session affinity to apply and for <c>loadBalancerSourceRanges</c> to be checked on a
    /// <see cref="TrafficEntry.LoadBalancer"/> connection (a pod's own IP when the source is a pod).
    /// Default <see langword="null"/>. Routing rejects text that is not an IP address.
    /// </summary>
    public string? ClientIP { get; init; }

    /// <summary>
    /// What kube-proxy remembers about this client's last connection (ClientIP affinity only);
    /// <see langword="null"/> (the default) for a first connection.
    /// </summary>
    public AffinityRecord? Affinity { get; init; }

    /// <summary>
    /// The IP family whose rules handle the connection; <see langword="null"/> (the default) uses the
    /// Service's primary family (its first <c>ipFamilies</c> entry, else its cluster IP's family, else IPv4).
    /// </summary>
    public IPFamily? Family { get; init; }

    /// <summary>The source actually used: <see cref="Source"/>, or its default for <see cref="Entry"/>.</summary>
    public TrafficSource EffectiveSource => Source ?? (Entry == TrafficEntry.ClusterIP ? TrafficSource.Pod : TrafficSource.OutsideCluster);
}
