using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ServiceModel.Internal;

namespace ServiceModel.Tests.Internal;

// OrdinalSort orders by packed keys and radix passes; it must agree with a plain ordinal sort
// whatever the strings: shared prefixes longer than a key, NULs against ends, non-ASCII and lone
// surrogates (wide keys), repeats, and lengths on both sides of the insertion and radix thresholds.
public class OrdinalSortProperties
{
    private static readonly Gen<string> s_prefix = Gen.Elements("", "v", "shared-prefix-", new string('x', 40), "\u00e9t\u00e9-");

    private static readonly Gen<string> s_tail =
        from length in Gen.Choose(0, 12)
        from characters in Gen.ArrayOf(Gen.Elements('\0', '0', '9', 'a', 'b', 'z', '-', '\u007f', '\u0080', '\u00e9', '\ud83d', '\uffff'), length)
        select new string(characters);

    private static readonly Gen<string> s_value =
        from prefix in s_prefix
        from tail in s_tail
        select prefix + tail;

    private static readonly Gen<string[]> s_values =
        from count in Gen.OneOf(Gen.Choose(0, 20), Gen.Choose(200, 1200))
        from pool in Gen.ArrayOf(s_value, Math.Max(1, count / 3))
        from picks in Gen.ArrayOf(Gen.OneOf(s_value, Gen.Elements(pool)), count)
        select picks;

    [Property(MaxTest = 200)]
    public Property Sort_agrees_with_an_ordinal_comparison_sort()
        => Prop.ForAll(s_values.ToArbitrary(), values =>
        {
            var expected = (string[])values.Clone();
            Array.Sort(expected, StringComparer.Ordinal);
            OrdinalSort.Sort(values);
            return values.AsSpan().SequenceEqual(expected);
        });

    // Selector keys: few distinct ones (many equal keys, the long runs the radix passes tie on),
    // long shared prefixes, and counts on both sides of the insertion-sort and radix thresholds.
    private static readonly Gen<string[]> s_keys =
        from count in Gen.OneOf(Gen.Choose(0, 20), Gen.Choose(17, 300), Gen.Choose(200, 1500))
        from distinct in Gen.OneOf(Gen.Constant(1), Gen.Choose(2, 8), Gen.Choose(8, 2000))
        from pool in Gen.ArrayOf(s_value, distinct)
        from picks in Gen.ArrayOf(Gen.Elements(pool), count)
        select picks;

    [Property(MaxTest = 200)]
    public Property StableOrder_is_a_stable_ordinal_sort_by_key()
        => Prop.ForAll(s_keys.ToArbitrary(), keys =>
        {
            // Enumerable.OrderBy is documented stable: equal keys keep their positions' order.
            var expected = Enumerable.Range(0, keys.Length).OrderBy(i => keys[i], StringComparer.Ordinal).ToArray();

            // A longer array than the keys, as the callers rent: only the first count take part.
            var padded = keys.Append("\0").Append("a").ToArray();
            var order = new int[keys.Length];
            OrdinalSort.StableOrder(padded, keys.Length, order);
            return order.AsSpan().SequenceEqual(expected);
        });
}
