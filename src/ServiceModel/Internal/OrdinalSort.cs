using System.Buffers;

namespace ServiceModel.Internal;

// Ordinal (UTF-16 code unit) sorting of string arrays, for label selector value sets, which can be a
// megabyte of text. Sorting 100,000 values through a string comparer costs about two million
// comparisons, each chasing two string pointers: tens of milliseconds, most of a megabyte parse.
// Here a 64-bit key packing the next few characters of each value decides most of the order as a
// sort of plain numbers; values whose keys tie are ordered by the characters after the window, the
// window first skipping whatever prefix the tied values share, so common prefixes cost one pass.
internal static class OrdinalSort
{
    // Up to this many values an insertion sort is cheapest; selectors' value sets usually are this short.
    private const int ShortLength = 16;

    // From this many keys a radix sort (eight linear passes at most) beats a comparison sort.
    private const int RadixLength = 256;

    /// <summary>Sorts <paramref name="values"/> in place by ordinal order; equal strings end up adjacent.</summary>
    public static void Sort(string[] values)
    {
        if (values.Length <= ShortLength)
        {
            InsertionSort(values);
            return;
        }

        // A canonical selector's text lists its values sorted already.
        if (IsSorted(values))
        {
            return;
        }

        var count = values.Length;
        var order = ArrayPool<int>.Shared.Rent(count);
        try
        {
            SortPositions(values, count, order);

            // Through a pooled array: a fresh one would be another large-object-heap allocation.
            var sorted = ArrayPool<string>.Shared.Rent(count);
            for (var i = 0; i < count; i++)
            {
                sorted[i] = values[order[i]];
            }

            sorted.AsSpan(0, count).CopyTo(values);
            ArrayPool<string>.Shared.Return(sorted, clearArray: true);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(order);
        }
    }

    /// <summary>
    /// Fills <paramref name="order"/> with the positions 0 to <paramref name="count"/> - 1 of
    /// <paramref name="keys"/> in stable ordinal order of their keys: equal keys keep their positions'
    /// order. Used for a selector's requirements, which keep their written order on one key.
    /// </summary>
    public static void StableOrder(string[] keys, int count, Span<int> order)
    {
        if (count <= ShortLength || IsSorted(keys.AsSpan(0, count)))
        {
            for (var i = 0; i < count; i++)
            {
                order[i] = i;
            }

            // The insertion sort moves an item only past strictly greater keys, so it is stable.
            InsertionSort(keys, order[..count]);
            return;
        }

        var positions = ArrayPool<int>.Shared.Rent(count);
        try
        {
            SortPositions(keys, count, positions);

            // The radix passes are stable, but comparison sorts of short runs are not: put each run of
            // equal keys back in position order (usually it already is, which costs one look).
            for (var start = 0; start < count;)
            {
                var next = start + 1;
                while (next < count && string.Equals(keys[positions[next]], keys[positions[start]], StringComparison.Ordinal))
                {
                    next++;
                }

                if (next - start > 1)
                {
                    var run = positions.AsSpan(start, next - start);
                    if (!IsAscending(run))
                    {
                        run.Sort();
                    }
                }

                start = next;
            }

            positions.AsSpan(0, count).CopyTo(order);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(positions);
        }
    }

    private static bool IsAscending(ReadOnlySpan<int> positions)
    {
        for (var i = 1; i < positions.Length; i++)
        {
            if (positions[i - 1] > positions[i])
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsSorted(ReadOnlySpan<string> values)
    {
        for (var i = 1; i < values.Length; i++)
        {
            if (string.CompareOrdinal(values[i - 1], values[i]) > 0)
            {
                return false;
            }
        }

        return true;
    }

    private static void InsertionSort(string[] values)
    {
        for (var i = 1; i < values.Length; i++)
        {
            var item = values[i];
            var j = i - 1;
            while (j >= 0 && string.CompareOrdinal(values[j], item) > 0)
            {
                values[j + 1] = values[j];
                j--;
            }

            values[j + 1] = item;
        }
    }

    // Fills order with the positions of values[..count] in ordinal order (positions, not the strings
    // themselves: moving ints needs no GC write barrier). Equal strings end up adjacent, in no
    // particular order.
    private static void SortPositions(string[] values, int count, int[] order)
    {
        var keys = ArrayPool<ulong>.Shared.Rent(count);
        var keyBuffer = ArrayPool<ulong>.Shared.Rent(count);
        var orderBuffer = ArrayPool<int>.Shared.Rent(count);
        try
        {
            for (var i = 0; i < count; i++)
            {
                order[i] = i;
            }

            // Runs of positions still to order, all of whose values agree on the first Depth characters.
            var pending = new Stack<(int Start, int Length, int Depth)>();
            pending.Push((0, count, 0));
            while (pending.TryPop(out var run))
            {
                if (run.Length <= ShortLength)
                {
                    InsertionSort(values, order.AsSpan(run.Start, run.Length));
                    continue;
                }

                var depth = run.Depth + CommonPrefixLength(values, order.AsSpan(run.Start, run.Length), run.Depth);
                var width = FillKeys(values, order.AsSpan(run.Start, run.Length), keys.AsSpan(run.Start, run.Length), depth);
                if (run.Length >= RadixLength)
                {
                    RadixSort(keys.AsSpan(run.Start, run.Length), order.AsSpan(run.Start, run.Length), keyBuffer, orderBuffer);
                }
                else
                {
                    Array.Sort(keys, order, run.Start, run.Length);
                }

                var end = run.Start + run.Length;
                for (var start = run.Start; start < end;)
                {
                    var next = start + 1;
                    while (next < end && keys[next] == keys[start])
                    {
                        next++;
                    }

                    if (next - start > 1)
                    {
                        OrderTie(values, order, start, next - start, depth + width, pending);
                    }

                    start = next;
                }
            }
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(keys);
            ArrayPool<ulong>.Shared.Return(keyBuffer);
            ArrayPool<int>.Shared.Return(orderBuffer);
        }
    }

    // Values with equal keys agree up to depth, counting an ended value as padded with NULs.
    private static void OrderTie(string[] values, int[] order, int start, int length, int depth, Stack<(int, int, int)> pending)
    {
        var first = values[order[start]].Length;
        var sameLength = true;
        for (var i = start; i < start + length; i++)
        {
            var valueLength = values[order[i]].Length;
            if (valueLength > depth)
            {
                // Some value goes on past the window: the next window decides.
                pending.Push((start, length, depth));
                return;
            }

            sameLength &= valueLength == first;
        }

        // Every value ended inside the window: equal lengths mean equal strings (repeats); otherwise
        // they differ only by trailing NULs against ends, which a plain comparison orders.
        if (!sameLength)
        {
            order.AsSpan(start, length).Sort((x, y) => string.CompareOrdinal(values[x], values[y]));
        }
    }

    private static int CommonPrefixLength(string[] values, ReadOnlySpan<int> positions, int depth)
    {
        var first = values[positions[0]].AsSpan(Math.Min(depth, values[positions[0]].Length));
        var common = first.Length;
        for (var i = 1; i < positions.Length && common > 0; i++)
        {
            var value = values[positions[i]];
            common = Math.Min(common, first.CommonPrefixLength(value.AsSpan(Math.Min(depth, value.Length))));
        }

        return common;
    }

    // Packs the characters from depth on, first character most significant, an ended value padded
    // with zeros, so key order never contradicts ordinal order: nine 7-bit characters when every one
    // is ASCII, else four 16-bit ones. Returns how many characters each key holds.
    private static int FillKeys(string[] values, ReadOnlySpan<int> positions, Span<ulong> keys, int depth)
    {
        const int AsciiWidth = 9;
        const int WideWidth = 4;
        var all = 0;
        for (var i = 0; i < positions.Length; i++)
        {
            var window = Window(values[positions[i]], depth, AsciiWidth);
            ulong key = 0;
            for (var c = 0; c < AsciiWidth; c++)
            {
                var character = c < window.Length ? window[c] : 0;
                all |= character;
                key = (key << 7) | (uint)character;
            }

            keys[i] = key;
        }

        if (all < 0x80)
        {
            return AsciiWidth;
        }

        for (var i = 0; i < positions.Length; i++)
        {
            var window = Window(values[positions[i]], depth, WideWidth);
            ulong key = 0;
            for (var c = 0; c < WideWidth; c++)
            {
                key = (key << 16) | (c < window.Length ? window[c] : 0u);
            }

            keys[i] = key;
        }

        return WideWidth;
    }

    private static ReadOnlySpan<char> Window(string value, int depth, int width)
        => depth >= value.Length ? default : value.AsSpan(depth, Math.Min(width, value.Length - depth));

    // Least significant digit first, a byte per pass (stable), skipping the bytes every key shares:
    // high bytes of short values are often all zero.
    private static void RadixSort(Span<ulong> keys, Span<int> positions, ulong[] keyBuffer, int[] positionBuffer)
    {
        const int Digits = sizeof(ulong);
        const int Buckets = 256;
        Span<int> counts = stackalloc int[Digits * Buckets];
        counts.Clear();
        foreach (var key in keys)
        {
            for (var digit = 0; digit < Digits; digit++)
            {
                counts[(digit * Buckets) + (int)((key >> (digit * 8)) & 0xFF)]++;
            }
        }

        var fromKeys = keys;
        var fromPositions = positions;
        var toKeys = keyBuffer.AsSpan(0, keys.Length);
        var toPositions = positionBuffer.AsSpan(0, keys.Length);
        for (var digit = 0; digit < Digits; digit++)
        {
            var shift = digit * 8;
            var slots = counts.Slice(digit * Buckets, Buckets);
            if (slots[(int)((keys[0] >> shift) & 0xFF)] == keys.Length)
            {
                continue;
            }

            var sum = 0;
            for (var bucket = 0; bucket < Buckets; bucket++)
            {
                var bucketCount = slots[bucket];
                slots[bucket] = sum;
                sum += bucketCount;
            }

            for (var i = 0; i < fromKeys.Length; i++)
            {
                var key = fromKeys[i];
                var slot = slots[(int)((key >> shift) & 0xFF)]++;
                toKeys[slot] = key;
                toPositions[slot] = fromPositions[i];
            }

            var keysWritten = toKeys;
            toKeys = fromKeys;
            fromKeys = keysWritten;
            var positionsWritten = toPositions;
            toPositions = fromPositions;
            fromPositions = positionsWritten;
        }

        if (fromKeys != keys)
        {
            fromKeys.CopyTo(keys);
            fromPositions.CopyTo(positions);
        }
    }

    private static void InsertionSort(string[] values, Span<int> positions)
    {
        for (var i = 1; i < positions.Length; i++)
        {
            var item = positions[i];
            var j = i - 1;
            while (j >= 0 && string.CompareOrdinal(values[positions[j]], values[item]) > 0)
            {
                positions[j + 1] = positions[j];
                j--;
            }

            positions[j + 1] = item;
        }
    }
}
