using System.Collections.Immutable;
using ServiceModel.Labels;

namespace ServiceModel.Tests.Labels;

// apimachinery pkg/apis/meta/v1/helpers.go LabelSelectorAsSelector semantics.
public class LabelSelectorSpecTests
{
    private static readonly LabelSelectorSpec s_structured = new(
        ImmutableDictionary<string, string>.Empty.Add("app", "myapp"),
        [
            new("tier", SelectorOperator.In, ["frontend", "backend"]),
            new("env", SelectorOperator.NotIn, ["prod"]),
            new("canary", SelectorOperator.DoesNotExist, []),
        ]);

    [Fact]
    public void Null_is_nothing_and_empty_is_everything()
    {
        Assert.Same(LabelSelector.Nothing, LabelSelector.FromSpec(null));
        Assert.Same(LabelSelector.Everything, LabelSelector.FromSpec(LabelSelectorSpec.Empty));
        Assert.Same(LabelSelector.Everything, LabelSelector.FromSpec(new LabelSelectorSpec(null!, default)));
    }

    [Fact]
    public void Labels_and_expressions_are_anded_and_sorted()
    {
        var selector = LabelSelector.FromSpec(s_structured);
        Assert.Equal("app=myapp,!canary,env notin (prod),tier in (backend,frontend)", selector.ToString());
        Assert.Equal(LabelSelector.Parse("tier in (frontend,backend),app=myapp,env notin (prod),!canary"), selector);
    }

    [Theory]
    [InlineData(SelectorOperator.Equals, "=")]
    [InlineData(SelectorOperator.DoubleEquals, "==")]
    [InlineData(SelectorOperator.NotEquals, "!=")]
    [InlineData(SelectorOperator.GreaterThan, "gt")]
    [InlineData(SelectorOperator.LessThan, "lt")]
    public void Only_set_operators_are_allowed_in_expressions(SelectorOperator op, string text)
    {
        var spec = LabelSelectorSpec.Empty with { MatchExpressions = [new("x", op, ["1"])] };
        Assert.Equal($"\"{text}\" is not a valid label selector operator",
            Assert.Throws<ArgumentException>(() => LabelSelector.FromSpec(spec)).Message);
    }

    [Fact]
    public void Invalid_match_labels_carry_upstreams_message()
    {
        var spec = LabelSelectorSpec.Empty with { MatchLabels = ImmutableDictionary<string, string>.Empty.Add("b", "ok").Add("a", "x y") };
        Assert.StartsWith("values[0][a]: Invalid value: \"x y\": a valid label must be",
            Assert.Throws<ArgumentException>(() => LabelSelector.FromSpec(spec)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToSpec_round_trips()
    {
        var selector = LabelSelector.FromSpec(s_structured);
        var spec = selector.ToSpec();
        Assert.NotNull(spec);
        Assert.Equal(s_structured.MatchLabels.Count, spec.MatchLabels.Count);
        Assert.Equal(selector, LabelSelector.FromSpec(spec));
        Assert.Equal(LabelSelectorSpec.Empty, LabelSelector.Everything.ToSpec());
    }

    [Theory]
    [InlineData("a==b")]
    [InlineData("a!=b")]
    [InlineData("a>1")]
    [InlineData("a<1")]
    [InlineData("a=b,a=c")]
    [InlineData("a,a=b")]
    public void ToSpec_is_null_where_metav1_cannot_say_it(string text)
        => Assert.Null(LabelSelector.Parse(text).ToSpec());

    [Fact]
    public void Nothing_has_no_spec()
        => Assert.Null(LabelSelector.Nothing.ToSpec());

    [Fact]
    public void Spec_equality_is_by_value()
    {
        var a = new LabelSelectorSpec(ImmutableDictionary<string, string>.Empty.Add("a", "1").Add("b", "2"), [new("x", SelectorOperator.Exists, [])]);
        var b = new LabelSelectorSpec(ImmutableDictionary<string, string>.Empty.Add("b", "2").Add("a", "1"), [new("x", SelectorOperator.Exists, [])]);
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, b with { MatchExpressions = [] });
        Assert.NotEqual(a, b with { MatchLabels = b.MatchLabels.SetItem("a", "3") });
        Assert.NotEqual(a, b with { MatchLabels = b.MatchLabels.Remove("a") });
    }

    [Fact]
    public void Selector_equality_is_by_canonical_text()
    {
        Assert.Equal(LabelSelector.Parse("b=1, a in (y,x)"), LabelSelector.Parse("a in (x,y,x),b=1"));
        Assert.Equal(LabelSelector.Parse("b=1,a").GetHashCode(), LabelSelector.Parse("a,b=1").GetHashCode());
        Assert.NotEqual(LabelSelector.Parse("a=1"), LabelSelector.Parse("a==1"));
        Assert.False(LabelSelector.Parse("a").Equals(null));
        Assert.True(LabelSelector.Parse("a").Equals((object)LabelSelector.Parse("a")));
    }
}
