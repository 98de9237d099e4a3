using System.Collections.Immutable;
using ServiceModel.Discovery;
using ServiceModel.Networking;
using ServiceModel.Services;

namespace ServiceModel.Benchmarks;

/// <summary>The Services and pods the Discovery benchmarks run on.</summary>
internal static class DiscoveryWorkload
{
    /// <summary>An IPv4 ClusterIP Service in <c>default</c> selecting <c>app=<paramref name="app"/></c>.</summary>
    public static Service Service(string name, string app, params ServicePort[] ports) => new()
    {
        Name = name,
        Namespace = "default",
        Uid = "uid-" + name,
        Spec = new ServiceSpec
        {
            Selector = ImmutableDictionary<string, string>.Empty.Add("app", app),
            ClusterIP = "10.96.0.10",
            IPFamilies = [IPFamily.IPv4],
            Ports = [.. ports],
        },
    };

    /// <summary>Pods in <c>default</c> named <c>&lt;prefix&gt;&lt;i:D5&gt;</c> with distinct IPv4 addresses, on 50 nodes.</summary>
    public static Pod[] Pods(int count, string prefix, Func<int, ImmutableDictionary<string, string>> labels, Func<int, bool> ready)
        => [.. Enumerable.Range(0, count).Select(i => new Pod("default", $"{prefix}{i:D5}")
        {
            Uid = $"uid-{i}",
            Labels = labels(i),
            PodIPs = [$"10.{1 + (i >> 16)}.{(i >> 8) & 255}.{i & 255}"],
            Ready = ready(i),
            NodeName = $"node-{i % 50}",
        })];

    /// <summary>The label set <c>app=<paramref name="app"/></c>.</summary>
    public static ImmutableDictionary<string, string> App(string app) => ImmutableDictionary<string, string>.Empty.Add("app", app);
}
