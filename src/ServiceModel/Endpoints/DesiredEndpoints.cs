namespace ServiceModel.Endpoints;

/// <summary>
/// The endpoints a port group should have, handed out in insertion order (upstream pops from a Go
/// map, in random order). Lookups by <see cref="EndpointIdentity"/> build an index on first use, so
/// computing from scratch never pays for one.
/// </summary>
internal sealed class DesiredEndpoints(int capacity)
{
    private readonly List<Endpoint> _items = new(capacity);
    private Dictionary<EndpointIdentity, int>? _index;
    private bool[]? _taken;
    private int _cursor;

    public int Count { get; private set; }

    /// <summary>Adds an endpoint; callers add each identity at most once.</summary>
    public void Add(Endpoint endpoint)
    {
        _items.Add(endpoint);
        Count++;
    }

    /// <summary>Takes the desired endpoint with the identity of <paramref name="existing"/>, if still wanted.</summary>
    public Endpoint? Take(Endpoint existing)
    {
        if (Count == 0)
        {
            return null;
        }

        var index = _index ??= BuildIndex();
        if (!index.Remove(new EndpointIdentity(existing), out var at))
        {
            return null;
        }

        _taken![at] = true;
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
            _index!.Remove(new EndpointIdentity(_items[_cursor]));
        }

        Count--;
        return _items[_cursor++];
    }

    private Dictionary<EndpointIdentity, int> BuildIndex()
    {
        _taken = new bool[_items.Count];
        var index = new Dictionary<EndpointIdentity, int>(_items.Count - _cursor);
        for (var i = 0; i < _cursor; i++)
        {
            _taken[i] = true;
        }

        for (var i = _cursor; i < _items.Count; i++)
        {
            index[new EndpointIdentity(_items[i])] = i;
        }

        return index;
    }
}
