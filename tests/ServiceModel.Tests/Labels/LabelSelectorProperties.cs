using System.Collections.Immutable;
using System.Collections.ObjectModel;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ServiceModel.Labels;
using ServiceModel.Tests.Properties;

namespace ServiceModel.Tests.Labels;

public class LabelSelectorProperties
{
    [Property(MaxTest = 300)]
    public Property Generated_keys_and_values_are_valid()
        => Prop.ForAll(LabelGenerators.Key.ToArbitrary(), LabelGenerators.Value.ToArbitrary(),
            (key, value) => LabelValidation.IsValidKey(key) && LabelValidation.ValidateKey(key).Count == 0 &&
                LabelValidation.IsValidValue(value) && LabelValidation.ValidateValue(value).Count == 0);

    [Property(MaxTest = 300)]
    public Property Printing_then_parsing_gives_the_same_selector()
        => Prop.ForAll(LabelGenerators.Selectors, selector =>
        {
            // A requirement keeps repeated values (as labels.Requirement does) and prints them; the
            // parser collects values in a set, so they come back once.
            var expected = LabelSelector.FromRequirements(selector.Requirements.Select(r =>
                new LabelSelectorRequirement(r.Key, r.Operator, [.. r.Values.Distinct(StringComparer.Ordinal)])));
            var parsed = LabelSelector.Parse(selector.ToString());
            return parsed.Equals(expected) && parsed.Requirements.SequenceEqual(expected.Requirements) &&
                parsed.GetHashCode() == expected.GetHashCode();
        });

    // Past 16 requirements the parser shares repeated keys and values and sorts through
    // OrdinalSort.StableOrder: the result must still be the written requirements stably ordered by
    // key (requirements on one key in written order), the order ToString shows.
    [Property(MaxTest = 100)]
    public Property A_long_selector_keeps_its_requirements_on_one_key_in_written_order()
        => Prop.ForAll(
            (from count in Gen.Choose(17, 400)
             from keys in Gen.ArrayOf(LabelGenerators.Key, 6)
             from requirements in Gen.ArrayOf(
                 from key in Gen.OneOf(Gen.Elements(keys), LabelGenerators.Key)
                 from requirement in LabelGenerators.Requirement
                 select new LabelSelectorRequirement(key, requirement.Operator, [.. requirement.Values.Distinct(StringComparer.Ordinal)]),
                 count)
             select requirements).ToArbitrary(),
            written =>
            {
                var expected = written.OrderBy(r => r.Key, StringComparer.Ordinal).ToArray();
                var parsed = LabelSelector.Parse(string.Join(",", written.Select(r => r.ToString())));
                return parsed.Requirements.SequenceEqual(expected) &&
                    parsed.ToString() == string.Join(",", expected.Select(r => r.ToString()));
            });

    [Property(MaxTest = 300)]
    public Property Matches_agrees_with_direct_evaluation()
    {
        var cases =
            from selector in LabelGenerators.Selector
            from count in Gen.Choose(0, 6)
            from keys in Gen.ArrayOf(Gen.OneOf(LabelGenerators.Key, Gen.Elements(selector.Requirements.Select(r => r.Key).DefaultIfEmpty("a").ToArray())), count)
            from values in Gen.ArrayOf(Gen.OneOf(LabelGenerators.Value, LabelGenerators.Integer, Gen.Elements("-3", "x1", "99999999999999999999")), count)
            select (selector, Labels: keys.Zip(values).DistinctBy(p => p.First).ToDictionary(p => p.First, p => p.Second));
        return Prop.ForAll(cases.ToArbitrary(), c =>
            c.selector.Matches(c.Labels) == c.selector.Requirements.All(r => Reference(r, c.Labels)) &&
            c.selector.Requirements.All(r => r.Matches(c.Labels) == Reference(r, c.Labels)));
    }

    [Property(MaxTest = 300)]
    public Property Spec_round_trip_is_exact_when_representable()
        => Prop.ForAll(LabelGenerators.Selectors, selector =>
        {
            var spec = selector.ToSpec();
            return spec is null || LabelSelector.FromSpec(spec).Equals(selector);
        });

    [Property(MaxTest = 300)]
    public Property Hostile_text_only_ever_fails_with_FormatException()
        => Prop.ForAll(Gen.OneOf(LabelGenerators.HostileText, ArbMap.Default.GeneratorFor<string>().Where(s => s is not null)).ToArbitrary(), text =>
        {
            var accepted = LabelSelector.TryParse(text, out var viaTry);
            try
            {
                var parsed = LabelSelector.Parse(text);
                return accepted && parsed.Equals(viaTry) && LabelSelector.Parse(parsed.ToString()).Equals(parsed);
            }
            catch (FormatException error)
            {
                return !accepted && viaTry is null && error.Message.Length > 0;
            }
        });

    [Property(MaxTest = 200)]
    public Property FromLabels_equals_the_parsed_equality_selector()
    {
        var sets =
            from count in Gen.Choose(0, 20)
            from keys in Gen.ArrayOf(LabelGenerators.Key, count)
            from values in Gen.ArrayOf(LabelGenerators.Value, count)
            select keys.Zip(values).DistinctBy(p => p.First).ToDictionary(p => p.First, p => p.Second);
        return Prop.ForAll(sets.ToArbitrary(), labels =>
        {
            var selector = LabelSelector.FromLabels(labels);
            var text = string.Join(',', labels.Select(p => p.Key + "=" + p.Value));
            return selector.Equals(LabelSelector.Parse(text)) && selector.Matches(labels) &&
                selector.Requirements.Length == labels.Count;
        });
    }

    [Property(MaxTest = 200)]
    public Property Matches_gives_the_same_answer_for_every_dictionary_type()
    {
        var cases =
            from selector in Gen.OneOf(LabelGenerators.Selector, Gen.Elements(LabelSelector.Everything, LabelSelector.Nothing))
            from count in Gen.Choose(0, 6)
            from keys in Gen.ArrayOf(Gen.OneOf(LabelGenerators.Key, Gen.Elements(selector.Requirements.Select(r => r.Key).DefaultIfEmpty("a").ToArray())), count)
            from values in Gen.ArrayOf(Gen.OneOf(LabelGenerators.Value, LabelGenerators.Integer), count)
            select (selector, Labels: keys.Zip(values).DistinctBy(p => p.First).ToDictionary(p => p.First, p => p.Second));
        return Prop.ForAll(cases.ToArbitrary(), c =>
        {
            // The selector built from the labels themselves exercises the label-set form too.
            var fromLabels = LabelSelector.FromLabels(c.Labels);
            var expected = c.selector.Requirements.All(r => Reference(r, c.Labels)) && !c.selector.IsNothing;
            IReadOnlyDictionary<string, string>[] shapes =
            [
                c.Labels,
                c.Labels.ToImmutableDictionary(StringComparer.Ordinal),
                new SortedDictionary<string, string>(c.Labels, StringComparer.Ordinal),
                new ReadOnlyDictionary<string, string>(c.Labels),
                new DerivedDictionary(c.Labels),
                LabelSet.Create(c.Labels),

                // Fresh copies, so that no key is the selector's own instance.
                LabelSet.Create(c.Labels.Select(p => KeyValuePair.Create(new string(p.Key.AsSpan()), new string(p.Value.AsSpan())))),
            ];
            return shapes.All(labels => c.selector.Matches(labels) == expected && fromLabels.Matches(labels));
        });
    }

    // Kubernetes' Requirement.Matches, written out independently.
    private static bool Reference(LabelSelectorRequirement requirement, Dictionary<string, string> labels)
    {
        var present = labels.TryGetValue(requirement.Key, out var value);
        return requirement.Operator switch
        {
            SelectorOperator.Equals or SelectorOperator.DoubleEquals or SelectorOperator.In => present && requirement.Values.Contains(value!),
            SelectorOperator.NotEquals or SelectorOperator.NotIn => !present || !requirement.Values.Contains(value!),
            SelectorOperator.Exists => present,
            SelectorOperator.DoesNotExist => !present,
            SelectorOperator.GreaterThan => present && long.TryParse(value, out var a) && a > long.Parse(requirement.Values[0]),
            SelectorOperator.LessThan => present && long.TryParse(value, out var b) && b < long.Parse(requirement.Values[0]),
            _ => false,
        };
    }

    private sealed class DerivedDictionary(Dictionary<string, string> labels) : Dictionary<string, string>(labels, StringComparer.Ordinal);
}
