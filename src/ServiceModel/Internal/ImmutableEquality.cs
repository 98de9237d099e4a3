using System.Collections.Immutable;

namespace ServiceModel.Internal;

/// <summary>
/// Value equality for immutable collections held by records: the framework types compare by
/// reference, and a default (uninitialised) array is treated as empty so <c>default</c> and
/// <c>Empty</c> do not make two otherwise equal values differ.
/// </summary>
internal static class ImmutableEquality
{
    public static bool ArraysEqual<T>(ImmutableArray<T> left, ImmutableArray<T> right)
    {
        var l = left.IsDefault ? [] : left.AsSpan();
        var r = right.IsDefault ? [] : right.AsSpan();
        if (l.Length != r.Length)
        {
            return false;
        }

        var comparer = EqualityComparer<T>.Default;
        for (var i = 0; i < l.Length; i++)
        {
            if (!comparer.Equals(l[i], r[i]))
            {
                return false;
            }
        }

        return true;
    }

    public static bool DictionariesEqual(IReadOnlyDictionary<string, string>? left, IReadOnlyDictionary<string, string>? right)
    {
        var leftCount = left?.Count ?? 0;
        if (leftCount != (right?.Count ?? 0))
        {
            return false;
        }

        if (leftCount == 0)
        {
            return true;
        }

        foreach (var (key, value) in left!)
        {
            if (!right!.TryGetValue(key, out var other) || !string.Equals(value, other, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    public static int ArrayHash<T>(ImmutableArray<T> array)
    {
        if (array.IsDefault)
        {
            return 0;
        }

        var hash = default(HashCode);
        foreach (var item in array)
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }

    // Order-independent so that equal dictionaries hash equally whatever their insertion order.
    public static int DictionaryHash(IReadOnlyDictionary<string, string>? dictionary)
    {
        if (dictionary is null)
        {
            return 0;
        }

        var hash = 0;
        foreach (var (key, value) in dictionary)
        {
            hash ^= HashCode.Combine(StringComparer.Ordinal.GetHashCode(key), StringComparer.Ordinal.GetHashCode(value));
        }

        return hash;
    }
}
