using System.Collections.Immutable;
using ServiceModel.Labels;

namespace ServiceModel.Tests.Labels;

// apimachinery pkg/labels/selector_test.go: TestRequirementConstructor, TestToString.
public class LabelSelectorRequirementTests
{
    public static TheoryData<string, SelectorOperator, string[]?, bool> Constructor() => new()
    {
        { "x", SelectorOperator.In, null, false },
        { "x", SelectorOperator.NotIn, [], false },
        { "x", SelectorOperator.In, ["foo"], true },
        { "x", SelectorOperator.NotIn, ["foo"], true },
        { "x", SelectorOperator.Exists, null, true },
        { "x", SelectorOperator.DoesNotExist, null, true },
        { "1foo", SelectorOperator.In, ["bar"], true },
        { "1234", SelectorOperator.In, ["bar"], true },
        { "y", SelectorOperator.GreaterThan, ["1"], true },
        { "z", SelectorOperator.LessThan, ["6"], true },
        { "foo", SelectorOperator.GreaterThan, ["bar"], false },
        { "barz", SelectorOperator.LessThan, ["blah"], false },
        { new string('a', 254), SelectorOperator.Exists, null, false },
        { "x", SelectorOperator.Equals, ["a", "b"], false },
        { "x", SelectorOperator.NotEquals, [], false },
        { "x", SelectorOperator.Exists, ["a"], false },
        { "x", SelectorOperator.GreaterThan, ["1", "2"], false },
        { "x", (SelectorOperator)42, ["a"], false },
    };

    [Theory]
    [MemberData(nameof(Constructor))]
    public void Upstream_constructor_cases(string key, SelectorOperator op, string[]? values, bool valid)
    {
        var array = values is null ? default : ImmutableArray.Create(values);
        if (valid)
        {
            Assert.Equal(key, new LabelSelectorRequirement(key, op, array).Key);
        }
        else
        {
            Assert.Throws<ArgumentException>(() => new LabelSelectorRequirement(key, op, array));
        }
    }

    [Theory]
    [InlineData("x", SelectorOperator.In, new string[0], "values: Invalid value: []: for 'in', 'notin' operators, values set can't be empty")]
    [InlineData("x", SelectorOperator.Equals, new[] { "a", "b" }, "values: Invalid value: [\"a\",\"b\"]: exact-match compatibility requires one single value")]
    [InlineData("x", SelectorOperator.Exists, new[] { "a" }, "values: Invalid value: [\"a\"]: values set must be empty for exists and does not exist")]
    [InlineData("x", SelectorOperator.GreaterThan, new[] { "1", "2" }, "values: Invalid value: [\"1\",\"2\"]: for 'Gt', 'Lt' operators, exactly one value is required")]
    [InlineData("foo", SelectorOperator.GreaterThan, new[] { "bar" }, "values[0]: Invalid value: \"bar\": for 'Gt', 'Lt' operators, the value must be an integer")]
    [InlineData("x", (SelectorOperator)42, new string[0], "operator: Unsupported value: \"42\": supported values: \"in\", \"notin\", \"=\", \"==\", \"!=\", \"gt\", \"lt\", \"exists\", \"!\"")]
    [InlineData("-x", SelectorOperator.In, new[] { "a b" }, "[key: Invalid value: \"-x\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]'), values[0][-x]: Invalid value: \"a b\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')]")]
    public void Constructor_messages_are_upstreams(string key, SelectorOperator op, string[] values, string message)
        => Assert.Equal(message, Assert.Throws<ArgumentException>(() => new LabelSelectorRequirement(key, op, [.. values])).Message);

    [Fact]
    public void Default_values_print_as_an_empty_list()
        => Assert.Equal(
            "values: Invalid value: []: for 'in', 'notin' operators, values set can't be empty",
            Assert.Throws<ArgumentException>(() => new LabelSelectorRequirement("x", SelectorOperator.In, default)).Message);

    [Fact]
    public void Null_parts_throw()
    {
        Assert.Throws<ArgumentNullException>(() => new LabelSelectorRequirement(null!, SelectorOperator.Exists, []));
        Assert.Throws<ArgumentNullException>(() => new LabelSelectorRequirement("x", SelectorOperator.In, [null!]));
    }

    [Fact]
    public void Set_values_are_sorted_but_repeats_are_kept_as_upstream_prints_them()
    {
        var requirement = new LabelSelectorRequirement("x", SelectorOperator.NotIn, ["b", "a", "b", ""]);
        Assert.Equal(["", "a", "b", "b"], requirement.Values.ToArray());
        Assert.Equal("x notin (,a,b,b)", requirement.ToString());

        // Only the parser drops repeats: it collects a requirement's values in a set.
        Assert.Equal(["", "a", "b"], LabelSelector.Parse("x notin (b,a,b,)").Requirements[0].Values.ToArray());
    }

    [Fact]
    public void Error_values_are_json_in_the_order_given()
        => Assert.Equal(
            "values: Invalid value: [\"b\",\"a\",\"b\"]: exact-match compatibility requires one single value",
            Assert.Throws<ArgumentException>(() => new LabelSelectorRequirement("x", SelectorOperator.NotEquals, ["b", "a", "b"])).Message);

    [Fact]
    public void Upstream_to_string_cases()
    {
        static LabelSelectorRequirement R(string key, SelectorOperator op, params string[] values) => new(key, op, [.. values]);
        Assert.Equal("x in (abc,def),y notin (jkl),z", LabelSelector.FromRequirements(
            [R("x", SelectorOperator.In, "abc", "def"), R("y", SelectorOperator.NotIn, "jkl"), R("z", SelectorOperator.Exists)]).ToString());
        Assert.Equal("x notin (abc,def),y!=jkl,!z", LabelSelector.FromRequirements(
            [R("x", SelectorOperator.NotIn, "abc", "def"), R("y", SelectorOperator.NotEquals, "jkl"), R("z", SelectorOperator.DoesNotExist)]).ToString());
        Assert.Equal("x notin (abc),y in (jkl,mno),z notin ()", LabelSelector.FromRequirements(
            [R("x", SelectorOperator.NotIn, "abc"), R("y", SelectorOperator.In, "jkl", "mno"), R("z", SelectorOperator.NotIn, "")]).ToString());
        Assert.Equal("x=abc,y==jkl,z!=a,z", LabelSelector.FromRequirements(
            [R("x", SelectorOperator.Equals, "abc"), R("y", SelectorOperator.DoubleEquals, "jkl"), R("z", SelectorOperator.NotEquals, "a"), R("z", SelectorOperator.Exists)]).ToString());
        Assert.Equal("x>2,y<8,z", LabelSelector.FromRequirements(
            [R("x", SelectorOperator.GreaterThan, "2"), R("y", SelectorOperator.LessThan, "8"), R("z", SelectorOperator.Exists)]).ToString());
    }

    [Fact]
    public void Equality_is_by_value()
    {
        var a = new LabelSelectorRequirement("x", SelectorOperator.In, ["a", "b"]);
        var b = new LabelSelectorRequirement("x", SelectorOperator.In, ["b", "a"]);
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, new LabelSelectorRequirement("x", SelectorOperator.NotIn, ["a", "b"]));
        Assert.NotEqual(a, new LabelSelectorRequirement("x", SelectorOperator.In, ["a"]));
        Assert.NotEqual(a, new LabelSelectorRequirement("y", SelectorOperator.In, ["a", "b"]));
        var (key, op, values) = a;
        Assert.Equal(("x", SelectorOperator.In, 2), (key, op, values.Length));
    }

    [Fact]
    public void Requirement_matching_follows_upstream()
    {
        var labels = new Dictionary<string, string> { ["x"] = "5", ["y"] = "" };
        Assert.True(new LabelSelectorRequirement("x", SelectorOperator.GreaterThan, ["4"]).Matches(labels));
        Assert.False(new LabelSelectorRequirement("x", SelectorOperator.LessThan, ["5"]).Matches(labels));
        Assert.True(new LabelSelectorRequirement("z", SelectorOperator.NotEquals, ["a"]).Matches(labels));
        Assert.True(new LabelSelectorRequirement("y", SelectorOperator.DoubleEquals, [""]).Matches(labels));
        Assert.False(new LabelSelectorRequirement("y", SelectorOperator.DoesNotExist, []).Matches(labels));
    }
}
