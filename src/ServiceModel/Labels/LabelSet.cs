using System.Collections;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ServiceModel.Internal;

namespace ServiceModel.Labels;

/// <summary>
/// An immutable set of labels prepared for matching many selectors, Kubernetes' <c>labels.Set</c>:
/// <see cref="LabelSelector.Matches"/> is fastest when given one.
/// </summary>
/// <remarks>
/// <para>
/// A label set is built once (<see cref="Create"/>), storing each key with its hash code, and a
/// selector stores the hash codes of its own keys, so matching compares hashes and strings and
/// never hashes a key. Any <see cref="IReadOnlyDictionary{TKey, TValue}"/> gives the same answers;
/// this type only gives them sooner. Build one per object when it is matched against several
/// selectors (as an index of Services does for each pod); for a single match a plain
/// <see cref="Dictionary{TKey, TValue}"/> is cheaper overall.
/// </para>
/// <para>
/// Keys compare ordinally. Keys and values are not validated, as with Kubernetes' <c>labels.Set</c>
/// (use <see cref="LabelValidation"/> for that). Enumeration is in ordinal key order, and
/// <see cref="ToString"/> prints Kubernetes' <c>Set.String()</c> (<c>a=1,b=2</c>). Two sets are
/// equal when they hold the same pairs.
/// </para>
/// <para>Instances are immutable and thread-safe.</para>
/// </remarks>
public sealed partial class LabelSet : IReadOnlyDictionary<string, string>, IEquatable<LabelSet>
{
    // Open addressing with linear probing over a power-of-two table at most half full, so a probe
    // ends at an empty slot within a step or two; the sorted arrays serve enumeration and equality.
    private readonly Slot[] _slots;
    private readonly int _mask;
    private readonly string[] _keys;
    private readonly string[] _values;
    private string? _text;

    private LabelSet(string[] keys, string[] values)
    {
        _keys = keys;
        _values = values;
        var size = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(2, keys.Length * 2));
        _slots = new Slot[size];
        _mask = size - 1;
        for (var i = 0; i < keys.Length; i++)
        {
            var hash = keys[i].GetHashCode();
            var index = hash & _mask;
            while (_slots[index].Key is not null)
            {
                index = (index + 1) & _mask;
            }

            _slots[index] = new Slot(hash, keys[i], values[i]);
        }
    }

    /// <summary>The set with no labels.</summary>
    public static LabelSet Empty { get; } = new([], []);

    /// <summary>The number of labels.</summary>
    public int Count => _keys.Length;

    /// <summary>The keys, in ordinal order.</summary>
    public IEnumerable<string> Keys => _keys.AsReadOnly();

    /// <summary>The values, in the order of their keys.</summary>
    public IEnumerable<string> Values => _values.AsReadOnly();

    /// <summary>The value of the label <paramref name="key"/>.</summary>
    /// <param name="key">The label key.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is <see langword="null"/>.</exception>
    /// <exception cref="KeyNotFoundException">The set has no label <paramref name="key"/>.</exception>
    public string this[string key]
        => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"The label set has no label \"{GoText.Excerpt(key)}\".");

    /// <summary>Copies labels into a new set.</summary>
    /// <param name="labels">The key/value pairs (for example an object's <c>metadata.labels</c>); keys must be distinct.</param>
    /// <returns>The set; <see cref="Empty"/> when there are no pairs.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="labels"/>, a key or a value is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A key occurs twice.</exception>
    public static LabelSet Create(IEnumerable<KeyValuePair<string, string>> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (labels is LabelSet set)
        {
            return set;
        }

        if (labels is ImmutableArray<KeyValuePair<string, string>> { IsDefault: true })
        {
            return Empty;
        }

        var capacity = labels is IReadOnlyCollection<KeyValuePair<string, string>> sized ? sized.Count : 8;
        var keys = new string[capacity];
        var values = new string[capacity];
        var count = 0;
        foreach (var (key, value) in labels)
        {
            if (key is null || value is null)
            {
                throw new ArgumentNullException(nameof(labels), "A label key or value is null.");
            }

            if (count == keys.Length)
            {
                Array.Resize(ref keys, Math.Max(8, count * 2));
                Array.Resize(ref values, keys.Length);
            }

            keys[count] = LabelKeyPool.Share(key);
            values[count++] = value;
        }

        if (count == 0)
        {
            return Empty;
        }

        if (count != keys.Length)
        {
            Array.Resize(ref keys, count);
            Array.Resize(ref values, count);
        }

        Array.Sort(keys, values, StringComparer.Ordinal);
        for (var i = 1; i < keys.Length; i++)
        {
            if (string.Equals(keys[i], keys[i - 1], StringComparison.Ordinal))
            {
                throw new ArgumentException($"duplicate label key \"{GoText.Excerpt(keys[i])}\"", nameof(labels));
            }
        }

        return new LabelSet(keys, values);
    }

    /// <summary>Whether the set has the label <paramref name="key"/>.</summary>
    /// <param name="key">The label key.</param>
    /// <returns><see langword="true"/> when it has.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is <see langword="null"/>.</exception>
    public bool ContainsKey(string key) => TryGetValue(key, out _);

    /// <summary>Gets the value of the label <paramref name="key"/>.</summary>
    /// <param name="key">The label key.</param>
    /// <param name="value">The value, or <see langword="null"/> when the set has no such label.</param>
    /// <returns><see langword="true"/> when the set has the label.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is <see langword="null"/>.</exception>
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
    {
        ArgumentNullException.ThrowIfNull(key);
        value = Find(key, key.GetHashCode());
        return value is not null;
    }

    /// <summary>Enumerates the labels in ordinal key order, without allocating.</summary>
    /// <returns>The enumerator.</returns>
    public Enumerator GetEnumerator() => new(_keys, _values);

    IEnumerator<KeyValuePair<string, string>> IEnumerable<KeyValuePair<string, string>>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>
    /// Kubernetes' <c>Set.String()</c>: the <c>key=value</c> strings sorted ordinally and joined by
    /// <c>','</c> (so <c>a.b=2</c> precedes <c>a=1</c>, unlike enumeration, which is in key order).
    /// </summary>
    /// <returns>The text; <c>""</c> for an empty set.</returns>
    public override string ToString() => _text ??= Format();

    /// <summary>Whether <paramref name="other"/> holds the same key/value pairs.</summary>
    /// <param name="other">The set to compare with.</param>
    /// <returns><see langword="true"/> when they are equal.</returns>
    public bool Equals([NotNullWhen(true)] LabelSet? other)
        => other is not null
            && (ReferenceEquals(this, other)
                || (_keys.AsSpan().SequenceEqual(other._keys) && _values.AsSpan().SequenceEqual(other._values)));

    /// <inheritdoc/>
    public override bool Equals([NotNullWhen(true)] object? obj) => Equals(obj as LabelSet);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        for (var i = 0; i < _keys.Length; i++)
        {
            hash.Add(_keys[i], StringComparer.Ordinal);
            hash.Add(_values[i], StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }

    /// <summary>The value of <paramref name="key"/>, whose <see cref="string.GetHashCode()"/> is <paramref name="hash"/>; null when absent.</summary>
    internal string? Find(string key, int hash)
    {
        // The index is masked to the table's power-of-two length, so the bounds check can go.
        ref var first = ref MemoryMarshal.GetArrayDataReference(_slots);
        var index = hash & _mask;
        while (true)
        {
            ref readonly var slot = ref Unsafe.Add(ref first, index);
            if (slot.Key is null)
            {
                return null;
            }

            // `==` tries reference equality first, which usually decides: a label set and a
            // compiled selector both take their keys from LabelKeyPool.
            if (slot.Hash == hash && slot.Key == key)
            {
                return slot.Value;
            }

            index = (index + 1) & _mask;
        }
    }

    // Upstream sorts the joined "key=value" strings, not the keys, so "a.b=2" precedes "a=1".
    private string Format()
    {
        var pairs = new string[_keys.Length];
        for (var i = 0; i < pairs.Length; i++)
        {
            pairs[i] = _keys[i] + "=" + _values[i];
        }

        Array.Sort(pairs, StringComparer.Ordinal);
        return string.Join(',', pairs);
    }

    private readonly record struct Slot(int Hash, string? Key, string Value);
}
