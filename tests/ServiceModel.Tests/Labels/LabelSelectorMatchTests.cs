using System.Collections.Immutable;
using ServiceModel.Labels;

namespace ServiceModel.Tests.Labels;

// apimachinery pkg/labels/selector_test.go: TestSelectorMatches, TestSetMatches,
// TestRequirementSelectorMatching, TestEverything.
public class LabelSelectorMatchTests
{
    private static Dictionary<string, string> Labels(string text)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in text.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split(':');
            labels[parts[0]] = parts[1];
        }

        return labels;
    }

    [Theory]
    [InlineData("", "x:y")]
    [InlineData("x=y", "x:y")]
    [InlineData("x=y,z=w", "x:y,z:w")]
    [InlineData("x!=y,z!=w", "x:z,z:a")]
    [InlineData("notin=in", "notin:in")]
    [InlineData("x", "x:z")]
    [InlineData("!x", "y:z")]
    [InlineData("x>1", "x:2")]
    [InlineData("x<1", "x:0")]
    [InlineData("foo=bar", "foo:bar,baz:blah")]
    [InlineData("baz=blah", "foo:bar,baz:blah")]
    [InlineData("foo=bar,baz=blah", "foo:bar,baz:blah")]
    [InlineData("x in (foo),y notin (alpha)", "x:foo,y:baz")]
    [InlineData("x notin (),y", "y:")]
    [InlineData("!x,y", "y:")]
    [InlineData("z>1", "z:2")]
    [InlineData("x!=a", "")]
    [InlineData("x notin (a)", "")]
    [InlineData("x=", "x:")]
    public void Upstream_matches(string selector, string labels)
        => Assert.True(LabelSelector.Parse(selector).Matches(Labels(labels)));

    [Theory]
    [InlineData("x=z", "")]
    [InlineData("x=y", "x:z")]
    [InlineData("x=y,z=w", "x:w,z:w")]
    [InlineData("x!=y,z!=w", "x:z,z:w")]
    [InlineData("x", "y:z")]
    [InlineData("!x", "x:z")]
    [InlineData("x>1", "x:0")]
    [InlineData("x<1", "x:2")]
    [InlineData("foo=blah", "foo:bar,baz:blah")]
    [InlineData("baz=bar", "foo:bar,baz:blah")]
    [InlineData("foo=bar,foobar=bar,baz=blah", "foo:bar,baz:blah")]
    [InlineData("x in (foo),y in (alpha)", "x:foo,y:baz")]
    [InlineData("x notin (),!y", "y:")]
    [InlineData("x in ()", "y:baz")]
    [InlineData("z>1", "z:v2")]
    [InlineData("z>1", "")]
    [InlineData("z<5", "z:1.5")]
    [InlineData("z<5", "z: 1")]
    public void Upstream_does_not_match(string selector, string labels)
        => Assert.False(LabelSelector.Parse(selector).Matches(Labels(labels)));

    [Fact]
    public void Everything_and_nothing()
    {
        var labels = Labels("x:y");
        Assert.True(LabelSelector.Everything.Matches(labels));
        Assert.True(LabelSelector.Everything.IsEverything);
        Assert.False(LabelSelector.Everything.IsNothing);
        Assert.False(LabelSelector.Nothing.Matches(labels));
        Assert.False(LabelSelector.Nothing.Matches(Labels("")));
        Assert.True(LabelSelector.Nothing.IsNothing);
        Assert.False(LabelSelector.Nothing.IsEverything);
        Assert.Equal("", LabelSelector.Nothing.ToString());
        Assert.NotEqual(LabelSelector.Everything, LabelSelector.Nothing);
        Assert.Empty(LabelSelector.Nothing.Requirements);
    }

    [Fact]
    public void Integer_comparisons_use_64_bits()
    {
        var selector = LabelSelector.Parse("x>9223372036854775806");
        Assert.True(selector.Matches(Labels("x:9223372036854775807")));
        Assert.False(selector.Matches(Labels("x:9223372036854775808")));
        Assert.True(LabelSelector.Parse("x<0").Matches(Labels("x:-1")));
        Assert.True(LabelSelector.Parse("x>1").Matches(Labels("x:+2")));
    }

    [Fact]
    public void FromLabels_matches_exactly_the_set()
    {
        var selector = LabelSelector.FromLabels(Labels("foo:bar,baz:blah"));
        Assert.Equal("baz=blah,foo=bar", selector.ToString());
        Assert.Equal(LabelSelector.Parse("foo=bar,baz=blah"), selector);
        Assert.Equal([new("baz", SelectorOperator.Equals, ["blah"]), new LabelSelectorRequirement("foo", SelectorOperator.Equals, ["bar"])], selector.Requirements.ToArray());
        Assert.Equal(selector, LabelSelector.FromSpec(selector.ToSpec()));
        Assert.False(selector.IsEverything);
        Assert.True(LabelSelector.FromLabels(Labels("b:1,a:2").ToList()).Matches(Labels("a:2,b:1")));
        Assert.True(selector.Matches(Labels("foo:bar,baz:blah,other:x")));
        Assert.False(selector.Matches(Labels("foo:bar")));
        Assert.Same(LabelSelector.Everything, LabelSelector.FromLabels(Labels("")));
        Assert.True(LabelSelector.FromLabels(Enumerable.Empty<KeyValuePair<string, string>>()).IsEverything);
    }

    [Fact]
    public void FromLabels_validates()
    {
        var error = Assert.Throws<ArgumentException>(() => LabelSelector.FromLabels(Labels("a:-b")));
        Assert.StartsWith("values[0][a]: Invalid value: \"-b\": a valid label must be", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => LabelSelector.FromLabels([new("a", "1"), new("a", "2")]));
        Assert.Throws<ArgumentNullException>(() => LabelSelector.FromLabels(null!));
    }

    [Theory]
    [InlineData(2, 0)]
    [InlineData(3, 2)]
    [InlineData(5, 1)]
    [InlineData(16, 15)]
    [InlineData(17, 3)]
    [InlineData(40, 39)]
    public void FromLabels_rejects_a_repeated_key_anywhere(int count, int repeated)
    {
        var pairs = Enumerable.Range(0, count).Select(i => new KeyValuePair<string, string>("k" + (count - i), "v")).ToList();
        Assert.Equal(count, LabelSelector.FromLabels(pairs).Requirements.Length);
        pairs.Insert(count / 2, new("k" + (count - repeated), "w"));
        var error = Assert.Throws<ArgumentException>(() => LabelSelector.FromLabels(pairs));
        Assert.Contains("duplicate label key \"k" + (count - repeated) + "\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromLabels_finds_repeated_keys_in_a_dictionary_that_compares_references()
    {
        // Two equal keys can share a dictionary whose comparer does not compare characters.
        var labels = new Dictionary<string, string>(ReferenceEqualityComparer.Instance)
        {
            [new string("app".AsSpan())] = "a",
            [new string("app".AsSpan())] = "b",
        };

        var error = Assert.Throws<ArgumentException>(() => LabelSelector.FromLabels(labels));
        Assert.StartsWith("duplicate label key \"app\"", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ordinal")]
    [InlineData("default")]
    [InlineData("ignore-case")]
    public void FromLabels_from_a_dictionary_prints_and_compares_in_canonical_order(string comparer)
    {
        var labels = new Dictionary<string, string>(comparer switch
        {
            "ordinal" => StringComparer.Ordinal,
            "default" => EqualityComparer<string>.Default,
            _ => StringComparer.OrdinalIgnoreCase,
        })
        {
            ["tier"] = "web", ["app"] = "shop", ["b.c/d"] = "1", ["Z"] = "2",
        };

        var selector = LabelSelector.FromLabels(labels);

        Assert.True(selector.Matches(labels));
        Assert.Equal("Z=2,app=shop,b.c/d=1,tier=web", selector.ToString());
        Assert.Equal(["Z", "app", "b.c/d", "tier"], selector.Requirements.Select(r => r.Key));
        Assert.Equal(LabelSelector.Parse("tier=web,app=shop,Z=2,b.c/d=1"), selector);
        Assert.Equal(LabelSelector.Parse("app=shop,tier=web,b.c/d=1,Z=2").GetHashCode(), selector.GetHashCode());
    }

    [Fact]
    public void A_null_value_counts_as_an_absent_label()
    {
        // Kubernetes labels cannot be null; a .NET dictionary can hold one.
        var labels = new Dictionary<string, string> { ["app"] = "web", ["tier"] = null! };

        foreach (var (text, expected) in new[] { ("!tier", true), ("tier", false), ("tier!=x", true), ("tier notin (x,y)", true), ("tier=x", false), ("tier>1", false), ("app,!tier", true) })
        {
            var selector = LabelSelector.Parse(text);
            Assert.Equal(expected, selector.Matches(labels));
            Assert.Equal(expected, selector.Matches(labels.ToImmutableDictionary()));
            Assert.Equal(expected, selector.Requirements.All(r => r.Matches(labels)));
        }
    }

    [Fact]
    public void Matches_rejects_null_labels()
    {
        Assert.Throws<ArgumentNullException>(() => LabelSelector.Everything.Matches(null!));
        Assert.Throws<ArgumentNullException>(() => new LabelSelectorRequirement("a", SelectorOperator.Exists, []).Matches(null!));
    }

    [Fact]
    public void Matching_allocates_nothing()
    {
        var labels = Labels("app:myapp,tier:frontend,env:staging,n:7");
        var parsed = LabelSelector.Parse("app=myapp,tier in (frontend,backend),env!=prod,!canary,n>5,n<9,x notin (a)");
        var fromLabels = LabelSelector.FromLabels(Labels("app:myapp,tier:frontend"));
        Assert.True(parsed.Matches(labels) && fromLabels.Matches(labels));
        var before = GC.GetAllocatedBytesForCurrentThread();
        var matched = 0;
        for (var i = 0; i < 1000; i++)
        {
            matched += (parsed.Matches(labels) ? 1 : 0) + (fromLabels.Matches(labels) ? 1 : 0);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(2000, matched);
    }

    [Fact]
    public void Matches_accepts_immutable_dictionaries()
        => Assert.True(LabelSelector.Parse("a in (b)").Matches(ImmutableDictionary<string, string>.Empty.Add("a", "b")));

    [Fact]
    public void Matches_uses_the_interface_a_Dictionary_subclass_reimplements()
    {
        // The subclass shows no labels through IReadOnlyDictionary; matching must go through it
        // rather than call the base Dictionary directly.
        var hidden = new HidingDictionary { ["app"] = "web" };
        Assert.True(LabelSelector.Parse("app=web").Matches(Labels("app:web")));
        Assert.False(LabelSelector.Parse("app=web").Matches(hidden));
        Assert.False(LabelSelector.Parse("app in (web,db)").Matches(hidden));
        Assert.True(LabelSelector.Parse("!app").Matches(hidden));
        Assert.False(LabelSelector.FromLabels(Labels("app:web")).Matches(hidden));
    }

    [Fact]
    public void FromLabels_enumerates_the_pairs_a_Dictionary_subclass_reimplements()
    {
        var hidden = new HidingDictionary { ["app"] = "web" };
        Assert.True(LabelSelector.FromLabels(hidden).IsEverything);
        Assert.Equal("app=web", LabelSelector.FromLabels(Labels("app:web")).ToString());
    }

    [Fact]
    public void Requirement_Matches_folds_one_value_sets_to_equality()
    {
        var labels = Labels("a:x");
        Assert.True(new LabelSelectorRequirement("a", SelectorOperator.In, ["x"]).Matches(labels));
        Assert.False(new LabelSelectorRequirement("a", SelectorOperator.In, ["y"]).Matches(labels));
        Assert.False(new LabelSelectorRequirement("a", SelectorOperator.NotIn, ["x"]).Matches(labels));
        Assert.True(new LabelSelectorRequirement("a", SelectorOperator.NotIn, ["y"]).Matches(labels));
        Assert.True(new LabelSelectorRequirement("b", SelectorOperator.NotIn, ["x", "y"]).Matches(labels));
        Assert.True(new LabelSelectorRequirement("a", SelectorOperator.DoubleEquals, ["x"]).Matches(labels));
        Assert.False(new LabelSelectorRequirement("b", SelectorOperator.DoubleEquals, ["x"]).Matches(labels));
    }

    // A Dictionary whose read-only and enumerable views are empty, whatever it holds.
    private sealed class HidingDictionary : Dictionary<string, string>, IReadOnlyDictionary<string, string>, IEnumerable<KeyValuePair<string, string>>
    {
        public HidingDictionary()
            : base(StringComparer.Ordinal)
        {
        }

        int IReadOnlyCollection<KeyValuePair<string, string>>.Count => 0;

        IEnumerable<string> IReadOnlyDictionary<string, string>.Keys => [];

        IEnumerable<string> IReadOnlyDictionary<string, string>.Values => [];

        string IReadOnlyDictionary<string, string>.this[string key] => throw new KeyNotFoundException(key);

        bool IReadOnlyDictionary<string, string>.ContainsKey(string key) => false;

        bool IReadOnlyDictionary<string, string>.TryGetValue(string key, out string value)
        {
            value = null!;
            return false;
        }

        IEnumerator<KeyValuePair<string, string>> IEnumerable<KeyValuePair<string, string>>.GetEnumerator()
            => Enumerable.Empty<KeyValuePair<string, string>>().GetEnumerator();
    }
}
