using System.Buffers;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;

namespace ServiceModel.Serialization;

/// <summary>
/// Collects the items of a JSON array of unknown length in a buffer rented from
/// <see cref="ArrayPool{T}.Shared"/>, so the only allocation is the exactly sized result.
/// A collector abandoned by an exception simply leaves its buffer to the garbage collector.
/// </summary>
internal struct ArrayCollector<T>
{
    private T[]? _items;
    private int _count;

    /// <summary>How many items have been added.</summary>
    public readonly int Count => _count;

    /// <summary>The items added so far, in place.</summary>
    public readonly Span<T> Items => _items.AsSpan(0, _count);

    public void Add(T item)
    {
        if (_items is null)
        {
            _items = ArrayPool<T>.Shared.Rent(4);
        }
        else if (_count == _items.Length)
        {
            var larger = ArrayPool<T>.Shared.Rent(_items.Length * 2);
            _items.AsSpan().CopyTo(larger);
            Return(_items, _count);
            _items = larger;
        }

        _items[_count++] = item;
    }

    /// <summary>Drops the items added after the first <paramref name="count"/>.</summary>
    public void Truncate(int count)
    {
        if (_items is not null && RuntimeHelpers.IsReferenceOrContainsReferences<T>())
        {
            _items.AsSpan(count, _count - count).Clear();
        }

        _count = count;
    }

    /// <summary>The items as an exactly sized array; the buffer goes back to the pool and the collector is empty again.</summary>
    public ImmutableArray<T> Drain()
    {
        if (_items is null)
        {
            return [];
        }

        var result = _count == 0 ? [] : ImmutableArray.Create<T>(_items.AsSpan(0, _count));
        Return(_items, _count);
        _items = null;
        _count = 0;
        return result;
    }

    /// <summary>
    /// Like <see cref="Drain()"/>, but returns the first of <paramref name="shared"/> holding the same
    /// items instead of a new array: for lists of few possible values, which immutable arrays can share.
    /// </summary>
    public ImmutableArray<T> Drain(ReadOnlySpan<ImmutableArray<T>> shared)
    {
        foreach (var candidate in shared)
        {
            if (candidate.AsSpan().SequenceEqual(Items))
            {
                if (_items is not null)
                {
                    Return(_items, _count);
                }

                _items = null;
                _count = 0;
                return candidate;
            }
        }

        return Drain();
    }

    private static void Return(T[] items, int count)
    {
        if (RuntimeHelpers.IsReferenceOrContainsReferences<T>())
        {
            items.AsSpan(0, count).Clear();
        }

        ArrayPool<T>.Shared.Return(items);
    }
}
