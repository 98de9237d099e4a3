using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace ServiceModel.Internal;

// The null rule of docs/architecture.md, applied by the init accessors of the model records: a
// null member or item is refused where it is set, naming the member, instead of surfacing later as
// a NullReferenceException deep inside a reconciler or validator. The checks are one pass over the
// values and allocate nothing unless they throw; the JSON readers build every model through them.
internal static class ModelGuard
{
    // A non-nullable reference member: null is refused with the member's name as paramName.
    public static T NotNull<T>([NotNull] T? value, string member)
        where T : class
        => value ?? throw new ArgumentNullException(member);

    // A list of references: default reads as empty, as everywhere at the public surface; a null item is refused.
    public static ImmutableArray<T> Items<T>(ImmutableArray<T> value, string member)
        where T : class
    {
        if (value.IsDefault)
        {
            return [];
        }

        var items = value.AsSpan();
        for (var i = 0; i < items.Length; i++)
        {
            if (items[i] is null)
            {
                ThrowNullItem(member, i);
            }
        }

        return value;
    }

    // A map of references: null reads as empty; a null value is refused.
    public static ImmutableDictionary<string, TValue> Values<TValue>(ImmutableDictionary<string, TValue>? value, string member)
        where TValue : class
    {
        if (value is null)
        {
            return ImmutableDictionary<string, TValue>.Empty;
        }

        foreach (var pair in value)
        {
            if (pair.Value is null)
            {
                ThrowNullValue(member, pair.Key);
            }
        }

        return value;
    }

    // A map of references that may itself be null (null keeps its own meaning); a null value is refused.
    public static ImmutableDictionary<string, TValue>? ValuesOrNull<TValue>(ImmutableDictionary<string, TValue>? value, string member)
        where TValue : class
        => value is null ? null : Values(value, member);

    [DoesNotReturn]
    private static void ThrowNullItem(string member, int index)
        => throw new ArgumentException(member + "[" + index.ToString(CultureInfo.InvariantCulture) + "] is null; items may not be null.", member);

    [DoesNotReturn]
    private static void ThrowNullValue(string member, string key)
        => throw new ArgumentException(member + "[" + GoText.Quote(key) + "] is null; values may not be null.", member);
}
