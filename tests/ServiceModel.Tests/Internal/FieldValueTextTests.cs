using ServiceModel.Validation;
using System.Collections.Immutable;
using ServiceModel.Labels;
using ServiceModel.Networking;

namespace ServiceModel.Tests.Internal;

// Kubernetes v1.35's field.Error.ErrorBody: int32/int64/bool with %v, strings with %q, nil as null, and
// anything else as encoding/json marshals it (older releases printed Go's %#v, e.g. []string{}).
public class FieldValueTextTests
{
    private static string Body(object? value) => ValidationError.Invalid("f", value, "d").ToString();

    [Fact]
    public void A_string_is_quoted_as_go_quotes_it()
        => Assert.Equal("f: Invalid value: \"a\\\"b\\n\": d", Body("a\"b\n"));

    [Fact]
    public void Numbers_and_booleans_are_plain()
    {
        Assert.Equal("f: Invalid value: 42: d", Body(42));
        Assert.Equal("f: Invalid value: -9000000000: d", Body(-9_000_000_000L));
        Assert.Equal("f: Invalid value: true: d", Body(true));
        Assert.Equal("f: Invalid value: false: d", Body(false));
    }

    [Fact]
    public void Nothing_is_null()
        => Assert.Equal("f: Invalid value: null: d", Body(null));

    [Fact]
    public void An_empty_list_is_json_not_a_go_literal()
    {
        Assert.Equal("f: Invalid value: []: d", Body(ImmutableArray<string>.Empty));
        Assert.Equal("f: Invalid value: []: d", Body(default(ImmutableArray<string>)));
        Assert.Equal("f: Invalid value: []: d", Body(Array.Empty<int>()));
    }

    [Fact]
    public void A_list_is_json_in_its_own_order()
    {
        Assert.Equal("f: Invalid value: [\"bar\",\"foo\"]: d", Body(ImmutableArray.Create("bar", "foo")));
        Assert.Equal("f: Invalid value: [\"foo\",\"bar\"]: d", Body(new List<string> { "foo", "bar" }));
        Assert.Equal("f: Invalid value: [1,2]: d", Body(new[] { 1, 2 }));

        // encoding/json escapes what %q leaves alone (HTML-significant characters).
        Assert.Equal("f: Invalid value: [\"\\u003cb\\u003e\"]: d", Body(new[] { "<b>" }));
    }

    [Fact]
    public void A_map_is_json_with_its_keys_sorted()
    {
        Assert.Equal("f: Invalid value: {\"a\":\"b\"}: d", Body(ImmutableDictionary<string, string>.Empty.Add("a", "b")));
        Assert.Equal(
            "f: Invalid value: {\"a\":\"1\",\"b\":\"2\",\"c\":\"3\"}: d",
            Body(new Dictionary<string, string> { ["c"] = "3", ["a"] = "1", ["b"] = "2" }));
        Assert.Equal("f: Invalid value: {}: d", Body(ImmutableSortedDictionary<string, string>.Empty));
    }

    [Fact]
    public void Enums_are_their_api_text_quoted_as_json()
        => Assert.Equal("f: Invalid value: [\"IPv4\",\"IPv6\"]: d", Body(ImmutableArray.Create(IPFamily.IPv4, IPFamily.IPv6)));

    [Fact]
    public void Label_requirement_values_use_the_same_rendering()
    {
        Assert.Equal(
            "values: Invalid value: [\"bar\",\"foo\"]: values set must be empty for exists and does not exist",
            Assert.Throws<ArgumentException>(() => new LabelSelectorRequirement("x", SelectorOperator.Exists, ["bar", "foo"])).Message);
        Assert.Equal(
            "values: Invalid value: []: for 'in', 'notin' operators, values set can't be empty",
            Assert.Throws<ArgumentException>(() => new LabelSelectorRequirement("x", SelectorOperator.In, [])).Message);
    }
}
