using System.Collections.Immutable;
using System.Globalization;
using ServiceModel.Internal;
using ServiceModel.Labels;
using ServiceModel.Networking;

namespace ServiceModel.Tests.Labels;

// 1 MB inputs: every message stays a few kilobytes however long the text (GoText.MaxShownLength),
// instead of quoting the megabyte once per problem.
public class LabelLargeInputTests
{
    private const int MessageBound = 8 * 1024;

    private static readonly string s_megabyteKey = new('a', 1 << 20);

    [Fact]
    public void An_invalid_megabyte_key_gives_a_bounded_message_from_every_entry_point()
    {
        var key = s_megabyteKey + "!";
        Assert.InRange(Assert.Throws<FormatException>(() => LabelSelector.Parse(key)).Message.Length, 1, MessageBound);
        Assert.InRange(Assert.Throws<FormatException>(() => LabelSelector.Parse(key + "=v")).Message.Length, 1, MessageBound);
        Assert.InRange(Assert.Throws<ArgumentException>(() => new LabelSelectorRequirement(key, SelectorOperator.Exists, [])).Message.Length, 1, MessageBound);
        Assert.InRange(string.Join("; ", LabelValidation.ValidateKey(key)).Length, 1, MessageBound);
        Assert.InRange(string.Join("; ", LabelValidation.ValidateValue(key)).Length, 1, MessageBound);
        Assert.InRange(Assert.Throws<ArgumentException>(() => LabelSelector.FromLabels([new(key, "v")])).Message.Length, 1, MessageBound);
        Assert.False(LabelValidation.IsValidKey(key));
    }

    [Fact]
    public void The_message_keeps_upstreams_wording_and_says_how_much_of_the_key_was_left_out()
    {
        var error = Assert.Throws<ArgumentException>(() => new LabelSelectorRequirement(s_megabyteKey, SelectorOperator.Exists, []));
        Assert.StartsWith("key: Invalid value: \"aaaa", error.Message, StringComparison.Ordinal);
        Assert.Contains($"\"... ({s_megabyteKey.Length - GoText.MaxShownLength} more characters omitted): name part must be no more than 63 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_megabyte_of_bad_values_is_reported_by_its_first_few_and_a_count()
    {
        var values = Enumerable.Repeat("-", 1 << 14).Select((v, i) => v + i).ToImmutableArray();
        var error = Assert.Throws<ArgumentException>(() => new LabelSelectorRequirement("k", SelectorOperator.In, values));
        Assert.InRange(error.Message.Length, 1, MessageBound);
        Assert.EndsWith($"values: {values.Length - 16} more invalid values omitted]", error.Message, StringComparison.Ordinal);

        var parsed = Assert.Throws<FormatException>(() => LabelSelector.Parse("k in (" + string.Join(",", values) + ")"));
        Assert.InRange(parsed.Message.Length, 1, MessageBound);

        var gt = Assert.Throws<ArgumentException>(() => new LabelSelectorRequirement("k", SelectorOperator.GreaterThan, values));
        Assert.InRange(gt.Message.Length, 1, MessageBound);
        Assert.Contains(" more items omitted)]: for 'Gt', 'Lt' operators, exactly one value is required", gt.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ascending")]
    [InlineData("descending")]
    [InlineData("shuffled")]
    [InlineData("one value repeated")]
    [InlineData("100 values repeated")]
    [InlineData("shared prefix longer than a sort key")]
    public void A_megabyte_value_set_gives_its_distinct_values_in_ordinal_order_from_every_entry_point(string shape)
    {
        var items = MegabyteOfValues(shape);
        var expected = items.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();

        var selector = LabelSelector.Parse("k in (" + string.Join(",", items) + ")");

        Assert.Equal(expected, selector.Requirements.Single().Values);
        Assert.Equal("k in (" + string.Join(",", expected) + ")", selector.ToString());
        Assert.True(selector.Matches(new Dictionary<string, string> { ["k"] = expected[^1] }));
        Assert.False(selector.Matches(new Dictionary<string, string> { ["k"] = "absent" }));

        // A requirement keeps repeats (labels.Requirement does); only their order is canonical.
        var requirement = new LabelSelectorRequirement("k", SelectorOperator.NotIn, [.. items]);
        Assert.Equal(items.Order(StringComparer.Ordinal), requirement.Values);
        Assert.True(LabelSelector.FromSpec(new LabelSelectorSpec(ImmutableDictionary<string, string>.Empty, [requirement])).Matches(new Dictionary<string, string> { ["k"] = "absent" }));
    }

    [Fact]
    public void A_megabyte_of_bad_range_text_gives_a_bounded_message()
    {
        Assert.InRange(Assert.Throws<FormatException>(() => ServiceCidr.Parse(s_megabyteKey + "/12")).Message.Length, 1, MessageBound);
        Assert.InRange(Assert.Throws<FormatException>(() => ServiceCidr.Parse("10.0.0.0/" + s_megabyteKey)).Message.Length, 1, MessageBound);
        Assert.InRange(Assert.Throws<FormatException>(() => PortRange.Parse(s_megabyteKey)).Message.Length, 1, MessageBound);
    }

    [Fact]
    public void A_long_non_ASCII_value_is_over_the_limit_by_its_length_alone()
    {
        var value = new string('\u00e9', 64);
        Assert.Contains("must be no more than 63 bytes", LabelValidation.ValidateValue(value));

        // 32 two-byte characters are 64 bytes: the length alone cannot decide, the count must.
        Assert.Contains("must be no more than 63 bytes", LabelValidation.ValidateValue(new string('\u00e9', 32)));
        Assert.DoesNotContain("must be no more than 63 bytes", LabelValidation.ValidateValue(new string('\u00e9', 31)));
    }

    // About a megabyte of selector text: "v0000000,v0000001,..." in the given order.
    private static string[] MegabyteOfValues(string shape)
    {
        const int Count = 1 << 17;
        return Enumerable.Range(0, Count).Select(i => shape switch
        {
            "ascending" => "v" + i.ToString("D7", CultureInfo.InvariantCulture),
            "descending" => "v" + (Count - i).ToString("D7", CultureInfo.InvariantCulture),
            "one value repeated" => "a",
            "100 values repeated" => "v" + (i % 100).ToString(CultureInfo.InvariantCulture),
            "shared prefix longer than a sort key" => "prefix-of-16-chr" + (i * 7919 % Count).ToString("D7", CultureInfo.InvariantCulture),
            _ => "v" + (i * 7919 % Count).ToString("D7", CultureInfo.InvariantCulture),
        }).ToArray();
    }

    [Fact]
    public void Label_keys_longer_than_any_valid_key_are_not_kept_by_the_process_wide_key_pool()
    {
        // The pool lives as long as the process: a pod's megabyte label key (JSON does not validate
        // keys) must not be kept alive by it, nor take one of its places.
        var first = new string('q', LabelKeyPool.MaxPooledKeyLength + 1);
        var equal = new string('q', LabelKeyPool.MaxPooledKeyLength + 1);
        Assert.Same(first, LabelKeyPool.Share(first));
        Assert.Same(equal, LabelKeyPool.Share(equal));

        var set = LabelSet.Create(ImmutableDictionary<string, string>.Empty.Add(equal, "v"));
        Assert.Equal("v", set[first]);
    }
}
