using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ServiceModel.Allocation;

namespace ServiceModel.Tests.Allocation;

/// <summary>The building blocks of the multi-CIDR allocator against naive models.</summary>
public class SparseEngineTests
{
    [Property(MaxTest = 200)]
    public Property SparseAddressSetBehavesLikeHashSet()
    {
        // Few distinct keys (high and low halves both vary) so adds, removes and re-adds collide.
        var op = from add in Gen.Elements(true, true, false)
                 from high in Gen.Choose(0, 3)
                 from low in Gen.Choose(1, 300)
                 select (add, ((UInt128)(ulong)high << 64) | (uint)low);
        return Prop.ForAll(Gen.ListOf(op).ToArbitrary(), ops =>
        {
            var set = new SparseAddressSet();
            var model = new HashSet<UInt128>();
            foreach (var (add, key) in ops)
            {
                var expected = add ? model.Add(key) : model.Remove(key);
                var actual = add ? set.Add(key) : set.Remove(key);
                if (expected != actual || set.Count != model.Count)
                {
                    return false;
                }
            }

            return model.All(set.Contains) && Enumerable.Range(1, 300).Count(k => set.Contains((uint)k)) == model.Count(k => k >> 64 == 0);
        });
    }

    [Property(MaxTest = 200)]
    public Property HierarchicalBitmapFindsTheFirstClearBitAtOrAfterTheStartWrapping()
    {
        var gen = from size in Gen.OneOf(Gen.Choose(1, 130), Gen.Choose(4000, 4200), Gen.Choose(262_100, 262_200))
                  from fill in Gen.Choose(0, 100)
                  from seed in Gen.Choose(0, int.MaxValue)
                  select (size, fill, seed);
        return Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var (size, fill, seed) = t;
            var random = new Random(seed);
            var bitmap = new HierarchicalBitmap(size);
            var model = new bool[size];
            for (var i = 0; i < size; i++)
            {
                if (random.Next(100) < fill)
                {
                    model[i] = true;
                    bitmap.Set(i);
                }
            }

            // Some clears, so summary bits are also cleared again.
            for (var i = 0; i < size / 10; i++)
            {
                var at = random.Next(size);
                if (bitmap.Clear(at) != model[at])
                {
                    return false;
                }

                model[at] = false;
            }

            for (var probe = 0; probe < 50; probe++)
            {
                var start = random.Next(size);
                var expected = -1;
                for (var i = 0; i < size; i++)
                {
                    var at = (start + i) % size;
                    if (!model[at])
                    {
                        expected = at;
                        break;
                    }
                }

                if (bitmap.FindClearFrom(start) != expected)
                {
                    return false;
                }
            }

            return true;
        });
    }

    [Property(MaxTest = 100)]
    public Property HierarchicalBitmapCountsAndListsTheSetBitsBetweenTwoPositions()
    {
        var gen = from size in Gen.Choose(1, 700)
                  from bits in Gen.ListOf(Gen.Choose(0, size - 1))
                  from lo in Gen.Choose(0, size)
                  from hi in Gen.Choose(lo, size)
                  select (Size: size, Bits: bits.Distinct().ToArray(), From: lo, To: hi);
        return Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var bitmap = new HierarchicalBitmap(t.Size);
            foreach (var bit in t.Bits)
            {
                bitmap.Set(bit);
            }

            var expected = t.Bits.Where(b => b >= t.From && b < t.To).Order().ToList();
            var listed = new List<int>();
            bitmap.ForEachSetBetween(t.From, t.To, listed.Add);
            return bitmap.CountSetBetween(t.From, t.To) == expected.Count && listed.SequenceEqual(expected);
        });
    }

    [Fact]
    public void DrawsNearStayInTheBandAndAreDistinctAndSpreadOverIt()
    {
        var set = new SparseAddressSet();
        for (ulong i = 1; i <= 5000; i++)
        {
            set.Add(((UInt128)7 << 64) | (i * 0x1234567UL));
        }

        var random = new AddressRandom(new Random(1));
        var first = ((UInt128)0xfd00UL << 112) + 257;
        const ulong size = ulong.MaxValue - 257;
        var drawn = new HashSet<UInt128>();
        var halves = new int[2];
        for (var i = 0; i < 4000; i++)
        {
            if (set.TryDrawNear(first, size, random, out var value))
            {
                Assert.True(value >= first && value - first < size, $"{value} is outside the band");
                Assert.True(drawn.Add(value), "a draw repeated an address");
                halves[(int)((ulong)(value - first) >> 63)]++;
            }
        }

        // Nearly every draw lands in a band of 2^64 - 258 addresses, and both halves of it get some.
        Assert.True(drawn.Count > 3990, $"only {drawn.Count} draws landed in the band");
        Assert.All(halves, h => Assert.InRange(h, 1600, 2400));
    }

    [Fact]
    public void AFullBitmapHasNoClearBitAndOneClearedBitIsFoundFromAnyStart()
    {
        var bitmap = new HierarchicalBitmap(5000);
        for (var i = 0; i < 5000; i++)
        {
            Assert.True(bitmap.Set(i));
        }

        Assert.False(bitmap.Set(17));
        Assert.Equal(-1, bitmap.FindClearFrom(0));
        Assert.True(bitmap.Clear(4097));
        Assert.Equal(4097, bitmap.FindClearFrom(4098));
        Assert.Equal(4097, bitmap.FindClearFrom(0));
    }

    [Theory]
    [InlineData(32, false, 4294967294UL, 0)]
    [InlineData(31, false, 2147483646UL, 0)]
    [InlineData(30, false, 1073741822UL, 256)]
    [InlineData(8, false, 254UL, 16)]
    [InlineData(4, false, 14UL, 0)]
    [InlineData(1, false, 0UL, 0)]
    [InlineData(0, false, 0UL, 0)]
    [InlineData(64, true, ulong.MaxValue, 256)]
    [InlineData(16, true, 65535UL, 256)]
    [InlineData(5, true, 31UL, 16)]
    [InlineData(0, true, 0UL, 0)]
    public void RangeSizesAndStaticBandsFollowUpstream(int hostBits, bool isIPv6, ulong count, int band)
    {
        Assert.Equal(count, CidrRange.AllocatableCount(hostBits, isIPv6));
        Assert.Equal(band, CidrRange.StaticBandSize(hostBits, isIPv6));
    }
}
