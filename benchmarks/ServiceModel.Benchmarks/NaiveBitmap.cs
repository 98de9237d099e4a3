namespace ServiceModel.Benchmarks;

/// <summary>
/// The baseline: upstream's algorithm as written (random scan with offset, testing one bit per
/// step; snapshot built bit by bit), over a plain ulong[] instead of big.Int.
/// </summary>
public sealed class NaiveBitmap(int max, int band, Random random)
{
    private readonly ulong[] _bits = new ulong[(max + 63) / 64];
    private int _count;

    public bool Has(int i) => (_bits[i / 64] >> (i % 64) & 1) != 0;

    public bool Set(int i)
    {
        if (Has(i))
        {
            return false;
        }

        _bits[i / 64] |= 1UL << (i % 64);
        _count++;
        return true;
    }

    public void Clear(int i)
    {
        if (Has(i))
        {
            _bits[i / 64] &= ~(1UL << (i % 64));
            _count--;
        }
    }

    public int AllocateNext()
    {
        if (_count >= max)
        {
            return -1;
        }

        var upper = max - band;
        var start = random.Next(upper);
        for (var i = 0; i < upper; i++)
        {
            var at = band + ((start + i) % upper);
            if (!Has(at))
            {
                Set(at);
                return at;
            }
        }

        start = random.Next(band);
        for (var i = 0; i < band; i++)
        {
            var at = (start + i) % band;
            if (!Has(at))
            {
                Set(at);
                return at;
            }
        }

        return -1;
    }

    public byte[] Snapshot()
    {
        var top = max - 1;
        while (top >= 0 && !Has(top))
        {
            top--;
        }

        var data = new byte[(top / 8) + 1];
        for (var i = 0; i <= top; i++)
        {
            if (Has(i))
            {
                data[data.Length - 1 - (i / 8)] |= (byte)(1 << (i % 8));
            }
        }

        return top < 0 ? [] : data;
    }
}
