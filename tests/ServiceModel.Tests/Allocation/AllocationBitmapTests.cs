using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ServiceModel.Allocation;

namespace ServiceModel.Tests.Allocation;

public class AllocationBitmapTests
{
    [Theory]
    [InlineData(10, 0, 10, 0)]
    [InlineData(200, 3, 200, 3)]
    [InlineData(200, 63, 200, 63)]
    [InlineData(200, 64, 200, 64)]
    [InlineData(200, 130, 131, 130)]
    [InlineData(200, 130, 130, -1)]
    public void FindFree_on_an_empty_bitmap_is_the_lower_bound(int capacity, int from, int to, int expected)
        => Assert.Equal(expected, new AllocationBitmap(capacity, 0, new Random(1)).FindFree(from, to));

    [Property(MaxTest = 200)]
    public Property Snapshot_data_equals_the_unsigned_big_endian_BigInteger()
    {
        // Capacities up to a few hundred bytes cross the vectorised 32-byte blocks and the tail.
        var cases =
            from capacity in Gen.Choose(1, 3000)
            from count in Gen.Choose(0, 40)
            from offsets in Gen.ArrayOf(Gen.Choose(0, capacity - 1), count)
            select (capacity, offsets);
        return Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var bitmap = new AllocationBitmap(c.capacity, 0, new Random(1));
            var value = BigInteger.Zero;
            foreach (var offset in c.offsets)
            {
                bitmap.TrySet(offset);
                value |= BigInteger.One << offset;
            }

            byte[] expected = value.IsZero ? [] : value.ToByteArray(isUnsigned: true, isBigEndian: true);
            return bitmap.ToSnapshotData().AsSpan().SequenceEqual(expected);
        });
    }

    [Fact]
    public void FindFree_skips_full_words_and_respects_both_bounds()
    {
        var bitmap = new AllocationBitmap(300, 0, new Random(1));
        for (var i = 5; i < 290; i++)
        {
            Assert.True(bitmap.TrySet(i));
        }

        Assert.Equal(290, bitmap.FindFree(5, 300));
        Assert.Equal(-1, bitmap.FindFree(5, 290));
        Assert.Equal(3, bitmap.FindFree(3, 290));
        Assert.Equal(-1, bitmap.FindFree(70, 200));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(130)]
    public void The_trailing_partial_word_is_never_handed_out(int capacity)
    {
        var bitmap = new AllocationBitmap(capacity, 0, new Random(7));
        var seen = new HashSet<int>();
        for (var i = 0; i < capacity; i++)
        {
            var offset = bitmap.TryAllocateNext();
            Assert.InRange(offset, 0, capacity - 1);
            Assert.True(seen.Add(offset));
        }

        Assert.Equal(-1, bitmap.TryAllocateNext());
        Assert.Equal(capacity, bitmap.Count);
        Assert.False(bitmap.TrySet(capacity));
        Assert.False(bitmap.Clear(capacity));
        Assert.False(bitmap.IsSet(-1));
    }

    [Theory]
    // Hand-computed big-endian integers, bit i = offset i, no leading zero bytes.
    [InlineData(10, new int[0], new byte[0])]
    [InlineData(10, new[] { 0 }, new byte[] { 0x01 })]
    [InlineData(10, new[] { 0, 9 }, new byte[] { 0x02, 0x01 })]
    [InlineData(10, new[] { 8 }, new byte[] { 0x01, 0x00 })]
    [InlineData(16, new[] { 7, 15 }, new byte[] { 0x80, 0x80 })]
    [InlineData(100, new[] { 64 }, new byte[] { 0x01, 0, 0, 0, 0, 0, 0, 0, 0 })]
    [InlineData(100, new[] { 1, 63 }, new byte[] { 0x80, 0, 0, 0, 0, 0, 0, 0x02 })]
    public void Snapshot_data_is_the_big_endian_integer(int capacity, int[] offsets, byte[] expected)
    {
        var bitmap = new AllocationBitmap(capacity, 0, new Random(1));
        foreach (var offset in offsets)
        {
            bitmap.TrySet(offset);
        }

        Assert.Equal(expected, bitmap.ToSnapshotData());
        var restored = new AllocationBitmap(capacity, 0, new Random(1));
        Assert.Equal(-1, restored.TryLoadSnapshotData(expected));
        Assert.Equal(offsets.Length, restored.Count);
        Assert.All(offsets, offset => Assert.True(restored.IsSet(offset)));
    }

    [Fact]
    public void Loading_accepts_leading_zero_bytes_like_Go_SetBytes()
    {
        var bitmap = new AllocationBitmap(10, 0, new Random(1));
        Assert.Equal(-1, bitmap.TryLoadSnapshotData([0, 0, 0x02, 0x01]));
        Assert.True(bitmap.IsSet(0));
        Assert.True(bitmap.IsSet(9));
        Assert.Equal(2, bitmap.Count);
    }

    [Theory]
    [InlineData(10, new byte[] { 0x04, 0x00 }, 10)]
    [InlineData(10, new byte[] { 0x80, 0x00 }, 15)]
    [InlineData(8, new byte[] { 0x01, 0x00 }, 8)]
    public void Loading_reports_bits_beyond_the_range_and_changes_nothing(int capacity, byte[] data, long highest)
    {
        var bitmap = new AllocationBitmap(capacity, 0, new Random(1));
        bitmap.TrySet(3);
        Assert.Equal(highest, bitmap.TryLoadSnapshotData(data));
        Assert.Equal(1, bitmap.Count);
        Assert.True(bitmap.IsSet(3));
    }
}
