namespace ServiceModel.Endpoints;

/// <summary>
/// The endpoints a port group should have, keyed by <see cref="EndpointIdentity"/>, that hands out
/// what is left in insertion order (upstream pops from a Go map, in random order).
/// </summary>
internal sealed class DesiredEndpoints
{
    private readonly List<Endpoint> _items = [];
    private readonly List<bool> _taken = [];
    private readonly Dictionary<EndpointIdentity, int> _index = [];
    private int _cursor;

    public int Count { get; private set; }

    /// <summary>Adds an endpoint; a later one with the same identity replaces the earlier one.</summary>
    public void Add(Endpoint endpoint)
    {
        var identity = new EndpointIdentity(endpoint);
        if (_index.TryGetValue(identity, out var at))
        {
            _items[at] = endpoint;
            return;
        }

        _index.Add(identity, _items.Count);
        _items.Add(endpoint);
        _taken.Add(false);
        Count++;
    }

    /// <summary>Takes the desired endpoint with the identity of <paramref name="existing"/>, if still wanted.</summary>
    public Endpoint? Take(Endpoint existing)
    {
        if (Count == 0 || !_index.Remove(new EndpointIdentity(existing), out var at))
        {
            return null;
        }

        _taken[at] = true;
        Count--;
        return _items[at];
    }

    /// <summary>Takes the first endpoint not taken yet.</summary>
    public Endpoint TakeNext()
    {
        while (_taken[_cursor])
        {
            _cursor++;
        }

        var endpoint = _items[_cursor];
        _taken[_cursor] = true;
        _index.Remove(new EndpointIdentity(endpoint));
        _cursor++;
        Count--;
        return endpoint;
    }
}
