using System.Collections.Immutable;

namespace ServiceModel.Discovery;

/// <summary>
/// A set of endpoint ports compared regardless of order: slices with equal keys serve the same
/// ports and may hold each other's endpoints.
/// </summary>
internal readonly struct PortSetKey : IEquatable<PortSetKey>
{
    private readonly EndpointPort[] _sorted;
    private readonly int _hash;

    public PortSetKey(ImmutableArray<EndpointPort> ports)
    {
        _sorted = ports.IsDefaultOrEmpty ? [] : ports.ToArray();
        if (_sorted.Length > 1)
        {
            Array.Sort(_sorted, Compare);
        }

        var hash = new HashCode();
        foreach (var port in _sorted)
        {
            hash.Add(port);
        }

        _hash = hash.ToHashCode();
    }

    public bool Equals(PortSetKey other)
    {
        var left = _sorted ?? [];
        var right = other._sorted ?? [];
        return _hash == other._hash && left.AsSpan().SequenceEqual(right);
    }

    public override bool Equals(object? obj) => obj is PortSetKey other && Equals(other);

    public override int GetHashCode() => _hash;

    /// <summary>The canonical order of ports: name, number, protocol, application protocol.</summary>
    public static int Compare(EndpointPort? left, EndpointPort? right)
    {
        if (ReferenceEquals(left, right))
        {
            return 0;
        }

        if (left is null || right is null)
        {
            return left is null ? -1 : 1;
        }

        var byName = string.CompareOrdinal(left.Name, right.Name);
        if (byName != 0)
        {
            return byName;
        }

        var byPort = left.Port.CompareTo(right.Port);
        if (byPort != 0)
        {
            return byPort;
        }

        var byProtocol = left.Protocol.CompareTo(right.Protocol);
        return byProtocol != 0 ? byProtocol : string.CompareOrdinal(left.AppProtocol, right.AppProtocol);
    }
}
