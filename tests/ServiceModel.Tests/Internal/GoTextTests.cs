using ServiceModel.Internal;
using ServiceModel.Validation;

namespace ServiceModel.Tests.Internal;

public class GoTextTests
{
    // Expected texts are what Go's strconv.Quote prints for the same strings.
    [Theory]
    [InlineData("web", "\"web\"")]
    [InlineData("a\"b\\c", "\"a\\\"b\\\\c\"")]
    [InlineData("tab\there\n", "\"tab\\there\\n\"")]
    [InlineData("\u0001\u007f", "\"\\x01\\x7f\"")]
    [InlineData("no\u00a0break", "\"no\\u00a0break\"")]
    [InlineData("caf\u00e9", "\"caf\u00e9\"")]
    public void Quote_matches_go_strconv_quote(string value, string expected)
        => Assert.Equal(expected, GoText.Quote(value));

    [Fact]
    public void Json_string_escapes_html_and_controls_unlike_quote()
    {
        Assert.Equal("\"\\u003ca\\u0026b\\u003e\\u0001\"", GoText.JsonString("<a&b>\u0001"));
        Assert.Equal("\"<a&b>\\x01\"", GoText.Quote("<a&b>\u0001"));
    }

    [Fact]
    public void Aggregate_of_one_is_the_message_and_of_several_is_bracketed_without_repeats()
    {
        Assert.Equal("a", GoText.Aggregate(["a"]));
        Assert.Equal("a", GoText.Aggregate(["a", "a"]));
        Assert.Equal("[a, b]", GoText.Aggregate(["a", "b", "a"]));
    }

    [Fact]
    public void Validation_errors_escape_non_printable_runes_as_go_does()
    {
        var error = ValidationError.Invalid("metadata.labels", "no\u00a0break", "bad");
        Assert.Equal("metadata.labels: Invalid value: \"no\\u00a0break\": bad", error.ToString());
    }

    [Fact]
    public void Long_values_are_quoted_up_to_the_bound_and_say_how_much_was_left_out()
    {
        var value = new string('x', GoText.MaxShownLength + 1000);
        var quoted = GoText.Quote(value);
        Assert.Equal("\"" + new string('x', GoText.MaxShownLength) + "\"... (1000 more characters omitted)", quoted);
        Assert.Equal("\"" + new string('x', GoText.MaxShownLength) + "\"", GoText.Quote(new string('x', GoText.MaxShownLength)));
        Assert.Equal(new string('x', GoText.MaxShownLength) + "... (1000 more characters omitted)", GoText.Excerpt(value));
    }

    [Fact]
    public void The_bound_never_splits_a_surrogate_pair()
    {
        var value = new string('x', GoText.MaxShownLength - 1) + "\U0001F600" + new string('x', 10);
        var quoted = GoText.Quote(value);
        Assert.DoesNotContain("\\ud83d", quoted, StringComparison.Ordinal);
        Assert.EndsWith("\"... (12 more characters omitted)", quoted, StringComparison.Ordinal);
    }
}
