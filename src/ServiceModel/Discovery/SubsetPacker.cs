using System.Collections.Immutable;
using System.Text;
using ServiceModel.Services;

namespace ServiceModel.Discovery;

/// <summary>
/// Repacks legacy subsets into canonical form: each port maps to the addresses serving it (with
/// readiness), and ports with identical address maps share one subset.
/// </summary>
internal static class SubsetPacker
{
    // Stands for "no port" so that a headless Service's port-less addresses survive repacking.
    private static readonly EndpointPort s_noPort = new("", -1, Protocol.TCP);

    public static ImmutableArray<EndpointSubset> Repack(IEnumerable<EndpointSubset> subsets)
    {
        var addresses = new Dictionary<(string IP, string Uid), EndpointAddress>();
        var readinessByPort = new Dictionary<EndpointPort, Dictionary<(string IP, string Uid), bool>>();
        var portOrder = new List<EndpointPort>();

        foreach (var subset in subsets)
        {
            ArgumentNullException.ThrowIfNull(subset, nameof(subsets));
            if (subset.Ports.IsEmpty)
            {
                MapSubset(subset, s_noPort, addresses, readinessByPort, portOrder);
                continue;
            }

            foreach (var port in subset.Ports)
            {
                MapSubset(subset, port, addresses, readinessByPort, portOrder);
            }
        }

        var groups = new Dictionary<string, (List<EndpointPort> Ports, Dictionary<(string IP, string Uid), bool> Readiness)>(StringComparer.Ordinal);
        var groupOrder = new List<string>();
        foreach (var port in portOrder)
        {
            var readiness = readinessByPort[port];
            var key = KeyOf(readiness, addresses);
            if (!groups.TryGetValue(key, out var group))
            {
                group = ([], readiness);
                groups.Add(key, group);
                groupOrder.Add(key);
            }

            if (port.Port > 0)
            {
                group.Ports.Add(port);
            }
        }

        var result = new List<EndpointSubset>(groupOrder.Count);
        foreach (var key in groupOrder)
        {
            var (ports, readiness) = groups[key];
            var ready = new List<EndpointAddress>();
            var notReady = new List<EndpointAddress>();
            foreach (var (addressKey, isReady) in readiness)
            {
                (isReady ? ready : notReady).Add(addresses[addressKey]);
            }

            ready.Sort(CompareAddresses);
            notReady.Sort(CompareAddresses);
            ports.Sort(PortSetKey.Compare);
            result.Add(new EndpointSubset { Addresses = [.. ready], NotReadyAddresses = [.. notReady], Ports = [.. ports] });
        }

        // Each port lives in exactly one subset, so the first port orders subsets totally; the one
        // port-less subset (a headless Service without ports) comes first.
        result.Sort(static (left, right) =>
        {
            if (left.Ports.IsEmpty || right.Ports.IsEmpty)
            {
                return right.Ports.IsEmpty.CompareTo(left.Ports.IsEmpty);
            }

            return PortSetKey.Compare(left.Ports[0], right.Ports[0]);
        });
        return [.. result];
    }

    /// <summary>Upstream's address order: IP (bytewise), then addresses without a target first, then target UID.</summary>
    public static int CompareAddresses(EndpointAddress? left, EndpointAddress? right)
    {
        if (ReferenceEquals(left, right))
        {
            return 0;
        }

        if (left is null || right is null)
        {
            return left is null ? -1 : 1;
        }

        var byIP = string.CompareOrdinal(left.IP, right.IP);
        if (byIP != 0)
        {
            return byIP;
        }

        if (left.TargetRef is null || right.TargetRef is null)
        {
            return (right.TargetRef is null).CompareTo(left.TargetRef is null);
        }

        return string.CompareOrdinal(left.TargetRef.Uid, right.TargetRef.Uid);
    }

    private static void MapSubset(
        EndpointSubset subset,
        EndpointPort port,
        Dictionary<(string IP, string Uid), EndpointAddress> addresses,
        Dictionary<EndpointPort, Dictionary<(string IP, string Uid), bool>> readinessByPort,
        List<EndpointPort> portOrder)
    {
        if (!readinessByPort.TryGetValue(port, out var readiness))
        {
            readiness = [];
            readinessByPort.Add(port, readiness);
            portOrder.Add(port);
        }

        foreach (var address in subset.Addresses)
        {
            MapAddress(address, ready: true, addresses, readiness);
        }

        foreach (var address in subset.NotReadyAddresses)
        {
            MapAddress(address, ready: false, addresses, readiness);
        }
    }

    // The first copy of an address is the one kept; not ready for a port wins over ready.
    private static void MapAddress(
        EndpointAddress address,
        bool ready,
        Dictionary<(string IP, string Uid), EndpointAddress> addresses,
        Dictionary<(string IP, string Uid), bool> readiness)
    {
        ArgumentNullException.ThrowIfNull(address);
        var key = (address.IP, address.TargetRef?.Uid ?? "");
        addresses.TryAdd(key, address);
        if (!readiness.TryGetValue(key, out var wasReady) || wasReady)
        {
            readiness[key] = ready;
        }
    }

    private static string KeyOf(Dictionary<(string IP, string Uid), bool> readiness, Dictionary<(string IP, string Uid), EndpointAddress> addresses)
    {
        var entries = new List<(EndpointAddress Address, bool Ready)>(readiness.Count);
        foreach (var (key, ready) in readiness)
        {
            entries.Add((addresses[key], ready));
        }

        entries.Sort(static (left, right) => CompareAddresses(left.Address, right.Address));
        var text = new StringBuilder();
        foreach (var (address, ready) in entries)
        {
            text.Append(address.IP).Append('\t').Append(address.TargetRef?.Uid).Append('\t').Append(ready ? 'R' : 'N').Append('\n');
        }

        return text.ToString();
    }
}
