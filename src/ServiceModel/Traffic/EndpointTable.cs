using System.Runtime.InteropServices;
using ServiceModel.Discovery;
using ServiceModel.Networking;
using ServiceModel.Services;

namespace ServiceModel.Traffic;

/// <summary>
/// kube-proxy's view of one Service port in one IP family: the endpoints its EndpointSlice cache
/// keeps, the cluster-wide pool, each node's local pool and each node's count of local ready IPs
/// (for the health check). Built in one pass over the slices; read-only afterwards, so any number
/// of threads may route through it.
/// </summary>
internal sealed class EndpointTable
{
    private readonly List<EndpointView> _endpoints;

    // Keyed by address text alone for the common case of one port number (string keys with the
    // default comparer take the dictionary's fast non-randomized path); other port numbers of the
    // same Service port, seen mid-rollout, get "ip:port" keys ("[ip]:port" for IPv6, so no key of
    // one kind can equal a key of the other).
    private readonly Dictionary<string, int> _index;
    private readonly int _firstPort;
    private readonly EndpointPool? _cluster;
    private readonly TopologyPools? _topology;
    private readonly Dictionary<string, NodeEntry> _nodes;

    private EndpointTable(
        List<EndpointView> endpoints, Dictionary<string, int> index, int firstPort, EndpointPool? cluster, TopologyPools? topology, Dictionary<string, NodeEntry> nodes)
    {
        _endpoints = endpoints;
        _index = index;
        _firstPort = firstPort;
        _cluster = cluster;
        _topology = topology;
        _nodes = nodes;
        foreach (var endpoint in endpoints)
        {
            AnyUsable |= endpoint.IsUsable;
        }
    }

    /// <summary>True when some endpoint is ready, or serving and terminating, on any node (else kube-proxy rejects).</summary>
    public bool AnyUsable { get; }

    /// <summary>The cluster-wide pool.</summary>
    public EndpointPool Cluster => _cluster ?? throw new InvalidOperationException("the table was built without its cluster-wide pool");

    /// <summary>The cluster-wide pool narrowed by topology hints, per entry node and zone.</summary>
    public TopologyPools Topology => _topology ?? throw new InvalidOperationException("the table was built without its cluster-wide pool");

    /// <summary>
    /// Builds the table. <paramref name="onlyNode"/> limits the per-node parts to one node, and the
    /// topology pools to that node and <paramref name="onlyZone"/> (a one-off route needs no other); <paramref name="clusterPool"/> and <paramref name="localPools"/>
    /// false skip the cluster-wide and the per-node pools; <paramref name="countLocalReady"/> false
    /// skips the health-check counts.
    /// </summary>
    public static EndpointTable Build(
        Service service, IReadOnlyList<EndpointSlice> slices, ServicePort port, IPFamily family,
        string? onlyNode, string? onlyZone, bool clusterPool, bool localPools, bool countLocalReady)
    {
        var addressType = family == IPFamily.IPv6 ? AddressType.IPv6 : AddressType.IPv4;
        var portName = port.Name ?? string.Empty;
        var capacity = 0;
        for (var s = 0; s < slices.Count; s++)
        {
            if (slices[s] is { } slice && slice.AddressType == addressType && BelongsTo(slice, service))
            {
                capacity += slice.Endpoints.Length;
            }
        }

        var collected = new List<EndpointView>(capacity);
        var index = new Dictionary<string, int>(capacity);
        var firstPort = 0;
        Dictionary<string, HashSet<string>>? localReady = countLocalReady ? new(StringComparer.Ordinal) : null;
        for (var s = 0; s < slices.Count; s++)
        {
            var slice = slices[s];
            if (slice is null || slice.AddressType != addressType || !BelongsTo(slice, service))
            {
                continue;
            }

            var slicePort = FindPort(slice, portName, port.Protocol);
            if (slicePort == 0 && localReady is null)
            {
                continue;
            }

            foreach (var endpoint in slice.Endpoints)
            {
                if (endpoint is null || endpoint.Addresses.IsDefaultOrEmpty)
                {
                    continue;
                }

                var address = endpoint.Addresses[0];
                if (address is null || address.Contains(':', StringComparison.Ordinal) != (family == IPFamily.IPv6))
                {
                    continue;
                }

                var conditions = endpoint.Conditions;
                var ready = conditions.Ready ?? true;
                if (localReady is not null && ready && endpoint.NodeName is { } node && (onlyNode is null || string.Equals(node, onlyNode, StringComparison.Ordinal)))
                {
                    if (!localReady.TryGetValue(node, out var addresses))
                    {
                        localReady.Add(node, addresses = new HashSet<string>(StringComparer.Ordinal));
                    }

                    addresses.Add(address);
                }

                if (slicePort != 0)
                {
                    firstPort = firstPort == 0 ? slicePort : firstPort;
                    AddOrReplace(collected, index, slicePort == firstPort, new EndpointView(address, slicePort, endpoint.NodeName, endpoint.Zone,
                        ready, conditions.Serving ?? true, conditions.Terminating ?? false, endpoint.Hints));
                }
            }
        }

        var nodes = BuildNodes(localPools ? CollectionsMarshal.AsSpan(collected) : [], onlyNode, localReady);
        var cluster = clusterPool ? EndpointPool.Build(CollectionsMarshal.AsSpan(collected)) : null;
        var topology = clusterPool ? TopologyPools.Build(CollectionsMarshal.AsSpan(collected), onlyNode, onlyNode is null ? null : onlyZone ?? string.Empty) : null;
        return new EndpointTable(collected, index, firstPort, cluster, topology, nodes);
    }

    /// <summary>The pool of endpoints on <paramref name="nodeName"/>; empty when none runs there.</summary>
    public EndpointPool LocalPool(string nodeName)
        => _nodes.TryGetValue(nodeName, out var entry) ? entry.Pool : EndpointPool.Empty;

    /// <summary>Distinct ready endpoint IPs on <paramref name="nodeName"/>, any port (what the health check counts).</summary>
    public int LocalReadyIPs(string nodeName)
        => _nodes.TryGetValue(nodeName, out var entry) ? entry.ReadyIPs : 0;

    /// <summary>
    /// The endpoint at <paramref name="address"/>:<paramref name="port"/> when it is a candidate of
    /// <paramref name="pool"/> (and, for a local pool, runs on <paramref name="localNode"/>).
    /// </summary>
    public bool TryFind(string address, int port, EndpointPool pool, string? localNode, out EndpointView endpoint)
    {
        endpoint = default;
        var key = port == _firstPort ? address : TrafficCandidate.FormatEndpoint(address, port);
        if (!_index.TryGetValue(key, out var i))
        {
            return false;
        }

        endpoint = _endpoints[i];
        return endpoint.Port == port
            && string.Equals(endpoint.Address, address, StringComparison.Ordinal)
            && (localNode is null || string.Equals(endpoint.NodeName, localNode, StringComparison.Ordinal))
            && pool.Contains(endpoint);
    }

    private static Dictionary<string, NodeEntry> BuildNodes(ReadOnlySpan<EndpointView> endpoints, string? onlyNode, Dictionary<string, HashSet<string>>? localReady)
    {
        var members = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < endpoints.Length; i++)
        {
            if (endpoints[i].NodeName is { } node && (onlyNode is null || string.Equals(node, onlyNode, StringComparison.Ordinal)))
            {
                if (!members.TryGetValue(node, out var list))
                {
                    members.Add(node, list = []);
                }

                list.Add(i);
            }
        }

        var nodes = new Dictionary<string, NodeEntry>(members.Count, StringComparer.Ordinal);
        foreach (var (node, list) in members)
        {
            var readyIPs = localReady is not null && localReady.TryGetValue(node, out var addresses) ? addresses.Count : 0;
            nodes.Add(node, new NodeEntry(EndpointPool.Build(endpoints, CollectionsMarshal.AsSpan(list)), readyIPs));
        }

        // A node may have ready endpoints only on other ports of the Service: the health check still counts them.
        if (localReady is not null)
        {
            foreach (var (node, addresses) in localReady)
            {
                nodes.TryAdd(node, new NodeEntry(EndpointPool.Empty, addresses.Count));
            }
        }

        return nodes;
    }

    private static bool BelongsTo(EndpointSlice slice, Service service)
        => string.Equals(slice.Namespace, service.Namespace, StringComparison.Ordinal)
            && slice.Labels.TryGetValue(EndpointSlice.ServiceNameLabel, out var name)
            && string.Equals(name, service.Name, StringComparison.Ordinal);

    // kube-proxy keys slice ports by name and protocol and ignores a port without a number.
    private static int FindPort(EndpointSlice slice, string name, Protocol protocol)
    {
        foreach (var port in slice.Ports)
        {
            if (port is not null && port.Protocol == protocol && port.Port != 0 && string.Equals(port.Name, name, StringComparison.Ordinal))
            {
                return port.Port;
            }
        }

        return 0;
    }

    // One entry per address:port, in first-seen order. When slices overlap, a non-terminating copy
    // replaces an earlier one in place; a terminating copy never replaces anything.
    private static void AddOrReplace(List<EndpointView> collected, Dictionary<string, int> index, bool firstPort, EndpointView view)
    {
        var key = firstPort ? view.Address : TrafficCandidate.FormatEndpoint(view.Address, view.Port);
        if (index.TryGetValue(key, out var i))
        {
            if (!view.Terminating)
            {
                collected[i] = view;
            }

            return;
        }

        index.Add(key, collected.Count);
        collected.Add(view);
    }

    private readonly record struct NodeEntry(EndpointPool Pool, int ReadyIPs);
}
