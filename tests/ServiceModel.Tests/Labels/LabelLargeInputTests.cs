using System.Collections.Immutable;
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
}
