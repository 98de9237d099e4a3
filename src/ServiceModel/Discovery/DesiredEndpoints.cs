namespace ServiceModel.Discovery;

/// <summary>
/// The endpoints a port group should have, in the order of their pods' names, handed out in that
/// order (upstream pops from a Go map, in random order).
/// </summary>
/// <remarks>
/// Because the endpoints are sorted by target name and names are unique, finding the desired
/// version of an existing endpoint needs no hash index: the slot after the last match is tried
/// first (existing slices list endpoints in the order they were filled), then a binary search by
/// name; the full <see cref="EndpointIdentity"/> is checked on the candidate.
/// </remarks>
internal sealed class DesiredEndpoints(int capacity)
{
    private readonly List<Endpoint> _items = new(capacity);
    private bool[]? _taken;
    private int _cursor;
    private int _probe;

    public int Count { get; private set; }

    /// <summary>Adds an endpoint; callers add them in ordinal order of distinct target names.</summary>
    public void Add(Endpoint endpoint)
    {
        _items.Add(endpoint);
        Count++;
    }

    /// <summary>Takes the desired endpoint with the identity of <paramref name="existing"/>, if still wanted.</summary>
    public Endpoint? Take(Endpoint existing)
    {
        var name = existing.TargetRef?.Name;
        if (Count == 0 || name is null)
        {
            return null;
        }

        _taken ??= new bool[_items.Count];
        var at = _probe < _items.Count && string.Equals(_items[_probe].TargetRef!.Name, name, StringComparison.Ordinal)
            ? _probe
            : IndexOf(name);
        if (at < 0 || _taken[at] || !new EndpointIdentity(_items[at]).Equals(new EndpointIdentity(existing)))
        {
            return null;
        }

        _taken[at] = true;
        _probe = at + 1;
        Count--;
        return _items[at];
    }

    /// <summary>Takes the first endpoint not taken yet.</summary>
    public Endpoint TakeNext()
    {
        if (_taken is not null)
        {
            while (_taken[_cursor])
            {
                _cursor++;
            }

            _taken[_cursor] = true;
        }

        Count--;
        return _items[_cursor++];
    }

    private int IndexOf(string name)
    {
        var low = 0;
        var high = _items.Count - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) >> 1);
            var order = string.CompareOrdinal(_items[middle].TargetRef!.Name, name);
            if (order == 0)
            {
                return middle;
            }

            if (order < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return -1;
    }
}
