using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ServiceModel.Labels;
using ServiceModel.Tests.Properties;

namespace ServiceModel.Tests.Labels;

// The parser reads "v1,v2,...)" without making tokens and drops repeats as it reads past a few
// values; both shortcuts must give exactly what the token-by-token reading gives. White space after
// a comma never changes the tokens, but it sends the reading down the token path, so the two texts
// compare the shortcut with the general reader (except before a NUL, which upstream's reader
// swallows right after a symbol but reads as the end of the text after a space).
public class LabelValueSetProperties
{
    private static readonly Gen<string> s_item = Gen.OneOf(LabelGenerators.Value, Gen.Elements("", "in", "notin", "a", "b"));

    [Property(MaxTest = 300)]
    public Property A_value_list_gives_its_distinct_items_sorted_however_it_is_spaced()
    {
        var lists =
            from count in Gen.Choose(1, 60)
            from items in Gen.ArrayOf(s_item, count)
            from separator in Gen.Elements(",", ", ", " ,", " , ", ",\t")
            select (Items: items, Separator: separator);
        return Prop.ForAll(lists.ToArbitrary(), list =>
        {
            var expected = list.Items.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
            var plain = LabelSelector.Parse("k in (" + string.Join(",", list.Items) + ")");
            var spaced = LabelSelector.Parse("k notin ( " + string.Join(list.Separator, list.Items) + " )");
            return plain.Requirements.Single().Values.SequenceEqual(expected) &&
                spaced.Requirements.Single().Values.SequenceEqual(expected);
        });
    }

    [Property(MaxTest = 500)]
    public Property Hostile_value_lists_read_the_same_with_or_without_spaces_after_commas()
    {
        var texts =
            from count in Gen.Choose(0, 40)
            from items in Gen.ArrayOf(Gen.OneOf(s_item, LabelGenerators.HostileText), count)
            from close in Gen.Elements(")", "", ") ", "),a", ")\0", "\0)")
            select "k in (" + string.Join(",", items) + close;
        return Prop.ForAll(texts.ToArbitrary(), text =>
        {
            var plain = Outcome(text);
            // Not before a NUL: upstream's reader swallows a NUL right after a symbol, not after a space.
            var spaced = Outcome(Regex.Replace(text, ",(?!\0)", ", "));
            return (plain == spaced).Label($"{plain} vs {spaced} for {System.Text.Json.JsonSerializer.Serialize(text)}");
        });
    }

    [Fact]
    public void A_long_list_with_repeats_and_empty_items_gives_each_value_once()
    {
        var items = Enumerable.Range(0, 1000).Select(i => "v" + (i % 37).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var expected = items.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);

        var selector = LabelSelector.Parse("k in (" + string.Join(",", items) + ",,in)");

        Assert.Equal(expected.Append("").Append("in").Order(StringComparer.Ordinal), selector.Requirements.Single().Values);
    }

    private static string Outcome(string text)
    {
        try
        {
            return "ok: " + LabelSelector.Parse(text);
        }
        catch (FormatException error)
        {
            return "error: " + error.Message;
        }
    }
}
