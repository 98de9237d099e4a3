using System.Globalization;
using ServiceModel.Discovery;
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
        var capacity = 0;
        for (var s = 0; s < slices.Count; s++)
        {
            if (slices[s] is { } slice && slice.AddressType == addressType && BelongsTo(slice, service))
            {
                capacity += slice.Endpoints.Length;
            }
        }

        var collected = new List<EndpointView>(capacity);
        // Keyed by address text alone for the common case of one port number (string keys with the
        // default comparer take the dictionary's fast non-randomized path); other port numbers of
        // the same Service port, seen mid-rollout, get "address:port" keys.
        var seen = new Dictionary<string, int>(capacity);
        var firstPort = 0;
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
                    firstPort = firstPort == 0 ? slicePort : firstPort;
                    AddOrReplace(collected, seen, slicePort == firstPort, new EndpointView(address, slicePort, endpoint.NodeName, endpoint.Zone, isLocal,
                        ready, conditions.Serving ?? true, conditions.Terminating ?? false));
                }
            }
        }

        localReadyIPs = localReady?.Count ?? 0;
        return collected;
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
    public static int CountPool(List<EndpointView> endpoints, bool localOnly, out bool terminating)
    {
        int ready = 0, servingTerminating = 0;
        foreach (var endpoint in endpoints)
        {
            if (localOnly && !endpoint.IsLocal)
            {
                continue;
            }

            if (endpoint.Ready)
            {
                ready++;
            }
            else if (endpoint.Serving && endpoint.Terminating)
            {
                servingTerminating++;
            }
        }

        terminating = ready == 0 && servingTerminating > 0;
        return ready > 0 ? ready : servingTerminating;
    }

    public static bool InPool(EndpointView endpoint, bool localOnly, bool terminating)
        => (!localOnly || endpoint.IsLocal) && (terminating ? !endpoint.Ready && endpoint.Serving && endpoint.Terminating : endpoint.Ready);

    public static int IndexOf(List<EndpointView> endpoints, bool localOnly, bool terminating, string address, int port)
    {
        for (var i = 0; i < endpoints.Count; i++)
        {
            var endpoint = endpoints[i];
            if (endpoint.Port == port && string.Equals(endpoint.Address, address, StringComparison.Ordinal) && InPool(endpoint, localOnly, terminating))
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

    // One entry per address:port, in first-seen order. When slices overlap, a non-terminating copy
    // replaces an earlier one in place; a terminating copy never replaces anything.
    private static void AddOrReplace(List<EndpointView> collected, Dictionary<string, int> seen, bool firstPort, EndpointView view)
    {
        var key = firstPort ? view.Address : string.Create(CultureInfo.InvariantCulture, $"{view.Address}:{view.Port}");
        if (seen.TryGetValue(key, out var index))
        {
            if (!view.Terminating)
            {
                collected[index] = view;
            }

            return;
        }

        seen.Add(key, collected.Count);
        collected.Add(view);
    }
}
