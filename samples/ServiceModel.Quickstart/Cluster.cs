using System.Collections.Immutable;
using ServiceModel.Discovery;
using ServiceModel.Services;

namespace ServiceModel.Quickstart;

/// <summary>
/// The cluster of the Kubernetes Service concept note: one control-plane node, two workers, a
/// <c>MyApp</c> pod on each worker, and the note's <c>my-service</c> manifest.
/// </summary>
internal static class Cluster
{
    public const string ControlPlane = "control-plane";

    public static readonly ImmutableArray<string> Nodes = [ControlPlane, "worker-1", "worker-2"];

    public static readonly ImmutableDictionary<string, string> MyAppLabels =
        ImmutableDictionary<string, string>.Empty.Add("app.kubernetes.io/name", "MyApp");

    public static readonly ImmutableArray<Pod> Pods =
    [
        MyAppPod("myapp-1", "worker-1", "10.244.1.2"),
        MyAppPod("myapp-2", "worker-2", "10.244.2.2"),
    ];

    /// <summary>A bigger cluster for the zones section: three workers in two zones (node label <c>topology.kubernetes.io/zone</c>).</summary>
    public static readonly ImmutableArray<Node> ZonedWorkers =
    [
        Node.InZone("worker-1", "zone-a", 4000),
        Node.InZone("worker-2", "zone-a", 4000),
        Node.InZone("worker-3", "zone-b", 4000),
    ];

    /// <summary>A MyApp pod on each of <see cref="ZonedWorkers"/>.</summary>
    public static readonly ImmutableArray<Pod> ZonedPods =
    [
        MyAppPod("myapp-1", "worker-1", "10.244.1.2"),
        MyAppPod("myapp-2", "worker-2", "10.244.2.2"),
        MyAppPod("myapp-3", "worker-3", "10.244.3.2"),
    ];

    /// <summary>
    /// The manifest as submitted: <c>port: 80</c>, <c>targetPort: 9376</c>, TCP, selector
    /// <c>app.kubernetes.io/name: MyApp</c>. The API server fills in the rest.
    /// </summary>
    public static Service MyService() => new()
    {
        Name = "my-service",

        // metadata.uid: the API server stamps one on create; the EndpointSlice controller owns
        // the Service's slices by it.
        Uid = "5e7a3c1d-8f2b-4a6e-9d0c-1b2a3c4d5e6f",
        Spec = new ServiceSpec
        {
            Selector = MyAppLabels,
            Ports = [new ServicePort { Protocol = Protocol.TCP, Port = 80, TargetPort = 9376 }],
        },
    };

    /// <summary>The same Service after <c>kubectl edit</c>: another type, optionally fixed node port and policy.</summary>
    public static Service Edit(Service stored, ServiceType type, int nodePort = 0, TrafficPolicy? externalTrafficPolicy = null)
        => stored with
        {
            Spec = stored.Spec with
            {
                Type = type,
                Ports = [.. stored.Spec.Ports.Select(p => p with { NodePort = nodePort == 0 ? p.NodePort : nodePort })],
                ExternalTrafficPolicy = externalTrafficPolicy ?? stored.Spec.ExternalTrafficPolicy,
            },
        };

    private static Pod MyAppPod(string name, string node, string ip) => new("default", name)
    {
        Uid = name + "-uid",
        Labels = MyAppLabels,
        PodIPs = [ip],
        NodeName = node,
        Ready = true,
    };
}
