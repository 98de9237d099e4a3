using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using ServiceModel.Labels;

namespace ServiceModel.Tests.Properties;

// Generators for valid label keys, values, requirements and selectors, plus hostile selector text.
public static class LabelGenerators
{
    private const string Alphanumerics = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private const string NameInner = Alphanumerics + "-_.";
    private const string DnsChars = "abcdefghijklmnopqrstuvwxyz0123456789";

    public static Gen<string> Name { get; } =
        from length in Gen.Choose(1, 63)
        from chars in Gen.ArrayOf(Gen.Elements(NameInner.ToCharArray()), length)
        from first in Gen.Elements(Alphanumerics.ToCharArray())
        from last in Gen.Elements(Alphanumerics.ToCharArray())
        select Fix(chars, first, last);

    private static Gen<string> ShortName { get; } =
        Gen.OneOf(Gen.Elements("a", "b", "x", "app", "in", "notin", "tier"), Name);

    public static Gen<string> DnsLabel { get; } =
        from length in Gen.Choose(1, 12)
        from chars in Gen.ArrayOf(Gen.Elements((DnsChars + "-").ToCharArray()), length)
        from first in Gen.Elements(DnsChars.ToCharArray())
        from last in Gen.Elements(DnsChars.ToCharArray())
        select Fix(chars, first, last);

    public static Gen<string> Key { get; } = Gen.OneOf(
        ShortName,
        from count in Gen.Choose(1, 3)
        from labels in Gen.ArrayOf(DnsLabel, count)
        from name in ShortName
        select string.Join('.', labels) + "/" + name);

    public static Gen<string> Value { get; } =
        Gen.OneOf(Gen.Constant(string.Empty), Gen.Elements("a", "b", "in", "notin", "1", "v1.2.3"), Name);

    public static Gen<string> Integer { get; } =
        Gen.Choose(0, 1_000_000).Select(i => i.ToString(CultureInfo.InvariantCulture));

    public static Gen<LabelSelectorRequirement> Requirement { get; } =
        from key in Key
        from op in Gen.Elements(Enum.GetValues<SelectorOperator>())
        from count in Gen.Choose(1, 4)
        from set in Gen.ArrayOf(Value, count)
        from single in Value
        from integer in Integer
        select new LabelSelectorRequirement(key, op, op switch
        {
            SelectorOperator.In or SelectorOperator.NotIn => [.. set],
            SelectorOperator.Exists or SelectorOperator.DoesNotExist => [],
            SelectorOperator.GreaterThan or SelectorOperator.LessThan => [integer],
            _ => [single],
        });

    public static Gen<LabelSelector> Selector { get; } =
        from count in Gen.Choose(0, 5)
        from requirements in Gen.ArrayOf(Requirement, count)
        select LabelSelector.FromRequirements(requirements);

    // Fragments that exercise every lexer path, including NUL and non-ASCII.
    public static Gen<string> HostileText { get; } =
        from count in Gen.Choose(0, 12)
        from parts in Gen.ArrayOf(
            Gen.Elements("a", "b1", "=", "==", "!", "!=", "(", ")", ",", ">", "<", " ", "\t", "in", "notin", "\0", "/", "-", ".",
                "9", "\u00e9", "x/y/z", "||", "\r\n", "-5"), count)
        select string.Concat(parts);

    public static Arbitrary<LabelSelector> Selectors => Selector.ToArbitrary();

    private static string Fix(char[] chars, char first, char last)
    {
        chars[0] = first;
        chars[^1] = last;
        return new string(chars);
    }
}
