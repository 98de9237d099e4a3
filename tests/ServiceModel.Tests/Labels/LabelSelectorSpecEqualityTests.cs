using System.Collections.Immutable;
using ServiceModel.Labels;

namespace ServiceModel.Tests.Labels;

public class LabelSelectorSpecEqualityTests
{
    private static LabelSelectorSpec Make(params (string Key, string Value)[] labels)
        => new(
            labels.ToImmutableDictionary(l => l.Key, l => l.Value),
            [new LabelSelectorRequirement("tier", SelectorOperator.In, ["web"])]);

    [Fact]
    public void Equality_is_by_value_whatever_the_insertion_order()
    {
        var a = Make(("app", "web"), ("env", "prod"));
        var b = Make(("env", "prod"), ("app", "web"));
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, Make(("app", "web")));
        Assert.NotEqual(a, a with { MatchExpressions = [] });
        Assert.NotEqual(a, a with { MatchExpressions = [new LabelSelectorRequirement("tier", SelectorOperator.NotIn, ["web"])] });
    }
}
