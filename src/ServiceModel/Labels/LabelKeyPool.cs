using System.Collections.Concurrent;

namespace ServiceModel.Labels;

/// <summary>
/// One shared instance per distinct label key, used by <see cref="LabelSet"/> and by compiled
/// selectors, so that a lookup finds its key by reference instead of comparing characters.
/// </summary>
/// <remarks>
/// Label keys are a small vocabulary (<c>app</c>, <c>tier</c>, <c>app.kubernetes.io/name</c>…), so
/// the pool stays small; it stops growing at <see cref="Capacity"/> keys, after which new keys are
/// used as given (matching stays correct, only the shortcut is lost). Keys longer than any valid
/// label key are never pooled: labels come from input (a pod read from JSON), and the pool lives as
/// long as the process, so it must not keep a caller's megabyte keys alive. Unlike
/// <see cref="string.Intern"/>, nothing is added to the runtime's permanent table.
/// </remarks>
internal static class LabelKeyPool
{
    internal const int Capacity = 4096;

    /// <summary>The longest valid label key: a 253-character DNS prefix, "/", a 63-character name.</summary>
    internal const int MaxPooledKeyLength = 253 + 1 + 63;

    private static readonly ConcurrentDictionary<string, string> s_keys = new(StringComparer.Ordinal);
    private static int s_count;

    /// <summary>The pooled instance equal to <paramref name="key"/>, or <paramref name="key"/> itself.</summary>
    public static string Share(string key)
    {
        if (key.Length > MaxPooledKeyLength)
        {
            return key;
        }

        if (s_keys.TryGetValue(key, out var shared))
        {
            return shared;
        }

        // The count may overshoot the capacity by the number of racing threads; that is harmless.
        if (Volatile.Read(ref s_count) >= Capacity)
        {
            return key;
        }

        shared = s_keys.GetOrAdd(key, key);
        if (ReferenceEquals(shared, key))
        {
            Interlocked.Increment(ref s_count);
        }

        return shared;
    }
}
