using System.Collections;
using System.Collections.Immutable;

namespace ServiceModel.Serialization;

/// <summary>
/// The entries of one JSON map of strings while it is read, kept per thread and handed to
/// <see cref="ImmutableDictionary{TKey, TValue}.SetItems"/> as its own enumerator: the dictionary
/// is then the only allocation (no builder, no boxed enumerator), and a repeated key keeps its last
/// value, as Go's decoder does.
/// </summary>
internal sealed class StringMapBuffer : IEnumerable<KeyValuePair<string, string>>, IEnumerator<KeyValuePair<string, string>>
{
    [ThreadStatic]
    private static StringMapBuffer? cached;

    // Label and annotation maps hold a handful of entries; a buffer grown by one huge map is not
    // kept, so a thread does not hold megabytes for the rest of its life.
    private const int MaxCachedCapacity = 1024;

    private KeyValuePair<string, string>[] _items = new KeyValuePair<string, string>[16];
    private int _count;
    private int _index = -1;

    /// <inheritdoc/>
    public KeyValuePair<string, string> Current => _items[_index];

    /// <summary>The number of entries the buffer holds room for.</summary>
    internal int Capacity => _items.Length;

    object IEnumerator.Current => Current;

    /// <summary>An empty buffer of this thread (or a new one while this thread's is in use).</summary>
    public static StringMapBuffer Rent()
    {
        var buffer = cached ?? new StringMapBuffer();
        cached = null;
        return buffer;
    }

    public void Add(string key, string value)
    {
        if (_count == _items.Length)
        {
            Array.Resize(ref _items, _count * 2);
        }

        _items[_count++] = new(key, value);
    }

    /// <summary>
    /// The entries as a dictionary; the buffer is emptied and goes back to this thread unless a
    /// huge map grew it.
    /// </summary>
    public ImmutableDictionary<string, string> ToImmutableAndReturn()
    {
        var result = ImmutableDictionary<string, string>.Empty.SetItems(this);
        if (_items.Length > MaxCachedCapacity)
        {
            return result;
        }

        _items.AsSpan(0, _count).Clear();
        _count = 0;
        _index = -1;
        cached = this;
        return result;
    }

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<string, string>> GetEnumerator()
    {
        _index = -1;
        return this;
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc/>
    public bool MoveNext() => ++_index < _count;

    /// <inheritdoc/>
    public void Reset() => _index = -1;

    /// <inheritdoc/>
    public void Dispose()
    {
    }
}
