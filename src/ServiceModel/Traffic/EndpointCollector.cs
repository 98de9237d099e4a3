using ServiceModel.Endpoints;
using ServiceModel.Networking;
using ServiceModel.Services;

namespace ServiceModel.Traffic;

/// <summary>
/// Turns a Service's EndpointSlices into the endpoint list kube-proxy builds for one service port
/// (its EndpointSlice cache), and picks the usable pool for a scope (its <c>CategorizeEndpoints</c>).
/// </summary>
internal static class EndpointCollector
{
    public static List<EndpointView> Collect(
        Service service, IReadOnlyList<EndpointSlice> slices, ServicePort port, IPFamily family, string nodeName,
        bool countLocalReady, out int localReadyIPs)
    {
        var addressType = family == IPFamily.IPv6 ? AddressType.IPv6 : AddressType.IPv4;
        var portName = port.Name ?? string.Empty;
        var collected = new List<EndpointView>();
        var localReady = countLocalReady ? new HashSet<string>(StringComparer.Ordinal) : null;
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
                if (endpoint.Addresses.IsDefaultOrEmpty)
                {
                    continue;
                }

                var address = endpoint.Addresses[0];
                if (address.Contains(':', StringComparison.Ordinal) != (family == IPFamily.IPv6))
                {
                    continue;
                }

                var conditions = endpoint.Conditions;
                var ready = conditions.Ready ?? true;
                var isLocal = string.Equals(endpoint.NodeName, nodeName, StringComparison.Ordinal);
                if (localReady is not null && isLocal && ready)
                {
                    localReady.Add(address);
                }

                if (slicePort != 0)
                {
                    collected.Add(new EndpointView(address, slicePort, endpoint.NodeName, endpoint.Zone, isLocal,
                        ready, conditions.Serving ?? true, conditions.Terminating ?? false));
                }
            }
        }

        localReadyIPs = localReady?.Count ?? 0;
        return Deduplicate(collected);
    }

    public static bool AnyUsable(List<EndpointView> endpoints)
    {
        foreach (var endpoint in endpoints)
        {
            if (endpoint.IsUsable)
            {
                return true;
            }
        }

        return false;
    }

    // Ready endpoints in scope; failing those, serving-and-terminating ones in scope.
    public static List<EndpointView> Pool(List<EndpointView> endpoints, bool localOnly, out bool terminating)
    {
        var pool = new List<EndpointView>(endpoints.Count);
        foreach (var endpoint in endpoints)
        {
            if (endpoint.Ready && (!localOnly || endpoint.IsLocal))
            {
                pool.Add(endpoint);
            }
        }

        terminating = false;
        if (pool.Count > 0)
        {
            return pool;
        }

        foreach (var endpoint in endpoints)
        {
            if (endpoint.Serving && endpoint.Terminating && (!localOnly || endpoint.IsLocal))
            {
                pool.Add(endpoint);
            }
        }

        terminating = pool.Count > 0;
        return pool;
    }

    public static int IndexOf(List<EndpointView> pool, string address, int port)
    {
        for (var i = 0; i < pool.Count; i++)
        {
            if (pool[i].Port == port && string.Equals(pool[i].Address, address, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
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
            if (port.Protocol == protocol && port.Port != 0 && string.Equals(port.Name, name, StringComparison.Ordinal))
            {
                return port.Port;
            }
        }

        return 0;
    }

    // One entry per address:port, ordered by address then port. When slices overlap, a
    // non-terminating copy replaces an earlier one; a terminating copy never replaces anything.
    private static List<EndpointView> Deduplicate(List<EndpointView> endpoints)
    {
        if (endpoints.Count < 2)
        {
            return endpoints;
        }

        var order = new (EndpointView View, int Index)[endpoints.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = (endpoints[i], i);
        }

        Array.Sort(order, static (a, b) =>
        {
            var byAddress = string.CompareOrdinal(a.View.Address, b.View.Address);
            return byAddress != 0 ? byAddress : a.View.Port != b.View.Port ? a.View.Port.CompareTo(b.View.Port) : a.Index.CompareTo(b.Index);
        });

        endpoints.Clear();
        var kept = order[0].View;
        for (var i = 1; i < order.Length; i++)
        {
            var next = order[i].View;
            if (next.Port == kept.Port && string.Equals(next.Address, kept.Address, StringComparison.Ordinal))
            {
                if (!next.Terminating)
                {
                    kept = next;
                }

                continue;
            }

            endpoints.Add(kept);
            kept = next;
        }

        endpoints.Add(kept);
        return endpoints;
    }
}
