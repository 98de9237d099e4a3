using System.Collections.Immutable;
using System.Runtime.InteropServices;
using System.Text;

namespace ServiceModel.Discovery;

/// <summary>
/// Repacks legacy subsets into canonical form: each port maps to the addresses serving it (with
/// readiness), and ports with identical address maps share one subset.
/// </summary>
internal static class SubsetPacker
{
    // Stands for "no port" so that a headless Service's port-less addresses survive repacking.
    private static readonly EndpointPort s_noPort = new() { Port = -1 };

    public static ImmutableArray<EndpointSubset> Repack(IEnumerable<EndpointSubset> subsets)
    {
        // The first copy of an address (in input order) is the one kept.
        var input = new List<EndpointSubset>();
        var addresses = new Dictionary<(string IP, string Uid), EndpointAddress>();
        foreach (var subset in subsets)
        {
            ArgumentNullException.ThrowIfNull(subset, nameof(subsets));
            input.Add(subset);
            foreach (var address in subset.Addresses)
            {
                ArgumentNullException.ThrowIfNull(address, nameof(subsets));
                addresses.TryAdd(KeyOf(address), address);
            }

            foreach (var address in subset.NotReadyAddresses)
            {
                ArgumentNullException.ThrowIfNull(address, nameof(subsets));
                addresses.TryAdd(KeyOf(address), address);
            }
        }

        // A port's addresses are those of the input subsets listing it, so ports listed by the
        // same subsets share one readiness map: it is built once per such signature, not once per
        // port (a Service with thousands of ports over one group of pods builds one map).
        var signatures = new Dictionary<EndpointPort, List<int>>();
        var portOrder = new List<EndpointPort>();
        for (var i = 0; i < input.Count; i++)
        {
            // A subset without addresses maps no port to anything: upstream registers a port only
            // through an address, so such a subset (and a port only it lists) leaves no trace.
            if (input[i].Addresses.IsEmpty && input[i].NotReadyAddresses.IsEmpty)
            {
                continue;
            }

            var ports = input[i].Ports;
            if (ports.IsEmpty)
            {
                AddToSignature(s_noPort, i, signatures, portOrder);
                continue;
            }

            foreach (var port in ports)
            {
                ArgumentNullException.ThrowIfNull(port, nameof(subsets));
                AddToSignature(port, i, signatures, portOrder);
            }
        }

        var readinessBySignature = new Dictionary<Signature, (string Key, Dictionary<(string IP, string Uid), bool> Readiness)>();
        var groups = new Dictionary<string, (List<EndpointPort> Ports, Dictionary<(string IP, string Uid), bool> Readiness)>(StringComparer.Ordinal);
        var groupOrder = new List<string>();
        foreach (var port in portOrder)
        {
            var signature = new Signature(signatures[port]);
            if (!readinessBySignature.TryGetValue(signature, out var mapped))
            {
                var readiness = new Dictionary<(string IP, string Uid), bool>();
                foreach (var index in signature.Indices)
                {
                    MapSubset(input[index], readiness);
                }

                mapped = (KeyOf(readiness, addresses), readiness);
                readinessBySignature.Add(signature, mapped);
            }

            if (!groups.TryGetValue(mapped.Key, out var group))
            {
                group = ([], mapped.Readiness);
                groups.Add(mapped.Key, group);
                groupOrder.Add(mapped.Key);
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

    private static void AddToSignature(EndpointPort port, int subset, Dictionary<EndpointPort, List<int>> signatures, List<EndpointPort> portOrder)
    {
        if (!signatures.TryGetValue(port, out var indices))
        {
            signatures.Add(port, indices = []);
            portOrder.Add(port);
        }

        // A port listed twice in one subset maps that subset once.
        if (indices.Count == 0 || indices[^1] != subset)
        {
            indices.Add(subset);
        }
    }

    private static void MapSubset(EndpointSubset subset, Dictionary<(string IP, string Uid), bool> readiness)
    {
        foreach (var address in subset.Addresses)
        {
            MapAddress(KeyOf(address), ready: true, readiness);
        }

        foreach (var address in subset.NotReadyAddresses)
        {
            MapAddress(KeyOf(address), ready: false, readiness);
        }
    }

    // Not ready for a port anywhere wins over ready.
    private static void MapAddress((string IP, string Uid) key, bool ready, Dictionary<(string IP, string Uid), bool> readiness)
    {
        if (!readiness.TryGetValue(key, out var wasReady) || wasReady)
        {
            readiness[key] = ready;
        }
    }

    private static (string IP, string Uid) KeyOf(EndpointAddress address) => (address.IP, address.TargetRef?.Uid ?? "");

    /// <summary>The input subsets that list a port, compared by content.</summary>
    private readonly struct Signature(List<int> indices) : IEquatable<Signature>
    {
        public List<int> Indices { get; } = indices;

        public bool Equals(Signature other) => CollectionsMarshal.AsSpan(Indices).SequenceEqual(CollectionsMarshal.AsSpan(other.Indices));

        public override bool Equals(object? obj) => obj is Signature other && Equals(other);

        public override int GetHashCode()
        {
            var hash = new HashCode();
            foreach (var index in Indices)
            {
                hash.Add(index);
            }

            return hash.ToHashCode();
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
