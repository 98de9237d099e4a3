using System.Numerics;

namespace ServiceModel.Allocation;

// A bitmap with summary levels: bit i of level k+1 is set when word i of level k is all ones
// (full). Finding the first clear bit at or after a position walks up until a summary word has a
// clear bit and back down, so it costs O(levels) = O(log64 n) word operations whatever the fill,
// where a flat bitmap scans O(n/64) words at high fill. Bits past the size are set at every level
// so they are never found. Not thread-safe: the owning allocator serializes access.
internal sealed class HierarchicalBitmap
{
    private readonly ulong[][] _levels;
    private readonly int _size;

    public HierarchicalBitmap(int size)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        _size = size;
        var levels = new List<ulong[]>();
        long bits = size;
        while (true)
        {
            var words = (int)((bits + 63) / 64);
            var level = new ulong[words];
            var used = (int)(bits % 64);
            if (used != 0)
            {
                level[words - 1] = ~0UL << used;
            }

            levels.Add(level);
            if (words == 1)
            {
                break;
            }

            bits = words;
        }

        _levels = [.. levels];
    }

    public int Size => _size;

    public bool IsSet(int index) => (_levels[0][index >> 6] & (1UL << index)) != 0;

    /// <summary>Sets a bit; false when it was already set.</summary>
    public bool Set(int index)
    {
        var level0 = _levels[0];
        var bit = 1UL << index;
        if ((level0[index >> 6] & bit) != 0)
        {
            return false;
        }

        var i = index;
        for (var k = 0; k < _levels.Length; k++)
        {
            var words = _levels[k];
            var word = words[i >> 6] | (1UL << i);
            words[i >> 6] = word;
            if (word != ulong.MaxValue)
            {
                break;
            }

            i >>= 6;
        }

        return true;
    }

    /// <summary>Clears a bit; false when it was already clear.</summary>
    public bool Clear(int index)
    {
        var bit = 1UL << index;
        if ((_levels[0][index >> 6] & bit) == 0)
        {
            return false;
        }

        var i = index;
        for (var k = 0; k < _levels.Length; k++)
        {
            var words = _levels[k];
            var wasFull = words[i >> 6] == ulong.MaxValue;
            words[i >> 6] &= ~(1UL << i);
            if (!wasFull)
            {
                break;
            }

            i >>= 6;
        }

        return true;
    }

    /// <summary>The first clear bit at or after <paramref name="start"/>, wrapping to 0; -1 when every bit is set.</summary>
    public int FindClearFrom(int start)
    {
        var found = FindFrom(0, start);
        return found >= 0 ? found : FindFrom(0, 0);
    }

    /// <summary>Counts the set bits in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public long CountSetBetween(int from, int to)
    {
        long count = 0;
        var level0 = _levels[0];
        for (var index = from; index < to;)
        {
            var word = WordBetween(level0, index, to, out var next);
            count += BitOperations.PopCount(word);
            index = next;
        }

        return count;
    }

    /// <summary>Calls <paramref name="action"/> with every set bit in [<paramref name="from"/>, <paramref name="to"/>), ascending.</summary>
    public void ForEachSetBetween(int from, int to, Action<int> action)
    {
        var level0 = _levels[0];
        for (var index = from; index < to;)
        {
            var word = WordBetween(level0, index, to, out var next);
            var wordStart = index & ~63;
            while (word != 0)
            {
                action(wordStart + BitOperations.TrailingZeroCount(word));
                word &= word - 1;
            }

            index = next;
        }
    }

    // The bits of the word holding index, masked to [index, to), and where the next word starts.
    private static ulong WordBetween(ulong[] level0, int index, int to, out int next)
    {
        var word = level0[index >> 6] & (ulong.MaxValue << (index & 63));
        next = (index | 63) + 1;
        if (next > to)
        {
            word &= ulong.MaxValue >> (64 - (to - (index & ~63)));
        }

        return word;
    }

    private int FindFrom(int level, long index)
    {
        var words = _levels[level];
        var wordIndex = index >> 6;
        if (wordIndex >= words.Length)
        {
            return -1;
        }

        var candidates = ~words[wordIndex] & (ulong.MaxValue << (int)(index & 63));
        if (candidates != 0)
        {
            return (int)((wordIndex << 6) + BitOperations.TrailingZeroCount(candidates));
        }

        if (level + 1 == _levels.Length)
        {
            return -1;
        }

        // The summary says which later word still has a clear bit.
        var next = FindFrom(level + 1, wordIndex + 1);
        return next < 0 ? -1 : (next << 6) + BitOperations.TrailingZeroCount(~words[next]);
    }
}
