using System.Collections.Immutable;
using ServiceModel.Discovery;
using ServiceModel.Networking;
using ServiceModel.Services;

namespace ServiceModel.Tests.Discovery;

/// <summary>Small builders for Services and pods shaped like upstream's test fixtures.</summary>
internal static class EndpointFixtures
{
    public static readonly ImmutableDictionary<string, string> AppFoo = LabelSet(("app", "foo"));

    public static ImmutableDictionary<string, string> LabelSet(params (string Key, string Value)[] pairs)
        => pairs.ToImmutableDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    public static Service Service(
        string name = "foo",
        string ns = "test",
        IPFamily[]? families = null,
        params ServicePort[] ports)
        => new()
        {
            Name = name,
            Namespace = ns,
            Uid = UidOf(ns, name),
            Spec = new ServiceSpec
            {
                Selector = AppFoo,
                ClusterIP = "10.96.0.10",
                IPFamilies = [.. families ?? [IPFamily.IPv4]],
                Ports = ports.Length == 0 ? [TcpPort(80, 8080)] : [.. ports],
            },
        };

    /// <summary>A deterministic stand-in for the UID the API server assigns a Service on create.</summary>
    public static string UidOf(string ns, string name) => $"uid-{ns}-{name}";

    public static ServicePort TcpPort(int port, PortNumberOrName target, string? name = null)
        => new() { Name = name, Port = port, TargetPort = target, Protocol = Protocol.TCP };

    public static Pod Pod(int i, string ns = "test", bool ready = true, string? ip = null)
        => new(ns, $"pod{i}")
        {
            Uid = $"uid-{i}",
            Labels = AppFoo,
            PodIPs = [ip ?? $"10.1.{i / 256}.{i % 256}"],
            Ready = ready,
            NodeName = "node-1",
        };

    public static List<Pod> Pods(int count, Func<int, bool>? ready = null)
        => [.. Enumerable.Range(0, count).Select(i => Pod(i, ready: ready?.Invoke(i) ?? true))];

    public static int TotalEndpoints(IEnumerable<EndpointSlice> slices) => slices.Sum(s => s.Endpoints.Length);
}
