using System.Collections.Immutable;
using ServiceModel.Labels;

namespace ServiceModel.Tests.Labels;

// The rules of docs/architecture.md for Labels: default(ImmutableArray<T>) reads as empty at every
// public entry point, and `with` cannot produce a value the constructor refuses.
public class LabelDefaultArrayTests
{
    [Fact]
    public void A_requirement_takes_default_values_as_none()
    {
        Assert.Empty(new LabelSelectorRequirement("k", SelectorOperator.Exists, default).Values);
        Assert.False(new LabelSelectorRequirement("k", SelectorOperator.Exists, default).Values.IsDefault);
        Assert.Throws<ArgumentException>(() => new LabelSelectorRequirement("k", SelectorOperator.In, default));
    }

    [Fact]
    public void FromRequirements_and_FromLabels_take_a_default_array_as_empty()
    {
        Assert.Same(LabelSelector.Everything, LabelSelector.FromRequirements(default(ImmutableArray<LabelSelectorRequirement>)));
        Assert.Same(LabelSelector.Everything, LabelSelector.FromLabels(default(ImmutableArray<KeyValuePair<string, string>>)));
        Assert.Same(LabelSet.Empty, LabelSet.Create(default(ImmutableArray<KeyValuePair<string, string>>)));
    }

    [Fact]
    public void A_spec_reads_default_expressions_and_null_labels_as_empty_also_through_with()
    {
        var spec = new LabelSelectorSpec(ImmutableDictionary<string, string>.Empty.Add("a", "b"), [new("c", SelectorOperator.Exists, [])]);
        var derived = spec with { MatchExpressions = default, MatchLabels = null! };
        Assert.False(derived.MatchExpressions.IsDefault);
        Assert.Empty(derived.MatchExpressions);
        Assert.Empty(derived.MatchLabels);
        Assert.Equal(LabelSelectorSpec.Empty, derived);
        Assert.Same(LabelSelector.Everything, LabelSelector.FromSpec(derived));
        Assert.Same(LabelSelector.Everything, LabelSelector.FromSpec(new LabelSelectorSpec(null!, default)));
    }

    [Fact]
    public void A_requirement_has_no_init_accessor_to_bypass_its_checks()
    {
        // Key, Operator and Values are get-only: `requirement with { Key = "" }` does not compile,
        // so every instance went through the validating constructor.
        foreach (var property in typeof(LabelSelectorRequirement).GetProperties())
        {
            Assert.False(property.SetMethod is not null, $"{property.Name} has a setter or init accessor");
        }
    }
}
