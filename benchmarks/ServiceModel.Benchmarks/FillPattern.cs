using System.Collections.Concurrent;

namespace ServiceModel.Benchmarks;

/// <summary>
/// The language-independent fill of benchmarks.md: Fill(max, pct) sets the max*pct/100 offsets
/// with the smallest SplitMix64(offset). Cached per max, so GlobalSetup stays cheap.
/// </summary>
public static class FillPattern
{
    private static readonly ConcurrentDictionary<int, ulong[]> s_sortedKeys = new();

    static FillPattern()
    {
        // The check values of benchmarks.md.
        if (SplitMix64(0) != 0xe220a8397b1dcdaf || SplitMix64(1) != 0x910a2dec89025cc1
            || SplitMix64(2) != 0x975835de1c9756ce || SplitMix64(1048575) != 0xbb8ea5903d3cf26c)
        {
            throw new InvalidOperationException("SplitMix64 does not match the benchmarks.md check values");
        }
    }

    public static ulong SplitMix64(ulong x)
    {
        unchecked
        {
            var z = x + 0x9E3779B97F4A7C15;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
            return z ^ (z >> 31);
        }
    }

    /// <summary>The offsets to set for <paramref name="percent"/> % of <paramref name="max"/>, ascending.</summary>
    public static int[] Offsets(int max, int percent)
    {
        var count = (int)((long)max * percent / 100);
        if (count == 0)
        {
            return [];
        }

        var sorted = s_sortedKeys.GetOrAdd(max, static m =>
        {
            var keys = new ulong[m];
            for (var i = 0; i < m; i++)
            {
                keys[i] = SplitMix64((ulong)i);
            }

            Array.Sort(keys);
            return keys;
        });

        // SplitMix64 is a bijection, so keys are distinct and the threshold picks exactly count offsets.
        var threshold = sorted[count - 1];
        var offsets = new int[count];
        var n = 0;
        for (var i = 0; i < max; i++)
        {
            if (SplitMix64((ulong)i) <= threshold)
            {
                offsets[n++] = i;
            }
        }

        return offsets;
    }
}
