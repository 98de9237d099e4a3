using ServiceModel.Labels;

namespace ServiceModel.Tests.Labels;

public class LabelSetTests
{
    private static readonly Dictionary<string, string> s_labels = new()
    {
        ["tier"] = "frontend",
        ["app"] = "web",
        ["app.kubernetes.io/name"] = "shop",
    };

    [Fact]
    public void Holds_the_pairs_it_was_given()
    {
        var set = LabelSet.Create(s_labels);

        Assert.Equal(3, set.Count);
        Assert.Equal("web", set["app"]);
        Assert.True(set.TryGetValue("tier", out var tier));
        Assert.Equal("frontend", tier);
        Assert.True(set.ContainsKey("app.kubernetes.io/name"));
        Assert.False(set.ContainsKey("App"));
        Assert.False(set.TryGetValue("env", out var missing));
        Assert.Null(missing);
    }

    [Fact]
    public void Enumerates_in_ordinal_key_order()
    {
        var set = LabelSet.Create(s_labels);

        Assert.Equal(["app", "app.kubernetes.io/name", "tier"], set.Keys);
        Assert.Equal(["web", "shop", "frontend"], set.Values);
        Assert.Equal(["app=web", "app.kubernetes.io/name=shop", "tier=frontend"], set.Select(p => p.Key + "=" + p.Value));

        var pairs = new List<string>();
        foreach (var (key, value) in set)
        {
            pairs.Add(key + "=" + value);
        }

        Assert.Equal(["app=web", "app.kubernetes.io/name=shop", "tier=frontend"], pairs);
    }

    [Fact]
    public void Enumerator_stops_at_the_end_and_can_be_reset()
    {
        var enumerator = LabelSet.Create(new Dictionary<string, string> { ["a"] = "1" }).GetEnumerator();

        Assert.Throws<InvalidOperationException>(() => enumerator.Current);
        Assert.True(enumerator.MoveNext());
        Assert.Equal(new KeyValuePair<string, string>("a", "1"), enumerator.Current);
        Assert.False(enumerator.MoveNext());
        Assert.False(enumerator.MoveNext());
        enumerator.Reset();
        Assert.True(enumerator.MoveNext());
        Assert.False(default(LabelSet.Enumerator).MoveNext());
    }

    [Fact]
    public void A_missing_key_in_the_indexer_names_the_key()
    {
        var error = Assert.Throws<KeyNotFoundException>(() => LabelSet.Create(s_labels)["env"]);

        Assert.Equal("The label set has no label \"env\".", error.Message);
    }

    [Fact]
    public void Rejects_null_and_repeated_keys()
    {
        Assert.Throws<ArgumentNullException>(() => LabelSet.Create(null!));
        Assert.Throws<ArgumentNullException>(() => LabelSet.Create([new KeyValuePair<string, string>(null!, "v")]));
        Assert.Throws<ArgumentNullException>(() => LabelSet.Create([new KeyValuePair<string, string>("k", null!)]));
        Assert.Throws<ArgumentNullException>(() => LabelSet.Create(s_labels).TryGetValue(null!, out _));

        var error = Assert.Throws<ArgumentException>(() => LabelSet.Create([new("a", "1"), new("b", "2"), new("a", "1")]));
        Assert.StartsWith("duplicate label key \"a\"", error.Message, StringComparison.Ordinal);
        Assert.Equal("labels", error.ParamName);
    }

    [Fact]
    public void Empty_input_gives_the_empty_set_and_a_set_is_not_copied_again()
    {
        var set = LabelSet.Create(s_labels);

        Assert.Same(LabelSet.Empty, LabelSet.Create(new Dictionary<string, string>()));
        Assert.Empty(LabelSet.Empty);
        Assert.False(LabelSet.Empty.ContainsKey("a"));
        Assert.Same(set, LabelSet.Create(set));
    }

    [Theory]
    [InlineData("x=y", "x", "y")]
    [InlineData("foo=bar", "foo", "bar")]
    [InlineData("baz=qup,foo=bar", "foo", "bar", "baz", "qup")]
    [InlineData("a.b=2,a=1", "a", "1", "a.b", "2")]
    [InlineData("a=", "a", "")]
    public void Prints_like_upstream_Set_String(string expected, params string[] pairs)
    {
        // labels_test.go TestSetString; upstream sorts the joined "key=value" texts, so "a.b=2"
        // precedes "a=1" although "a" precedes "a.b".
        var labels = new Dictionary<string, string>();
        for (var i = 0; i < pairs.Length; i += 2)
        {
            labels.Add(pairs[i], pairs[i + 1]);
        }

        Assert.Equal(expected, LabelSet.Create(labels).ToString());
    }

    [Fact]
    public void Equal_sets_hold_the_same_pairs_in_any_order()
    {
        var set = LabelSet.Create(s_labels);
        var same = LabelSet.Create(s_labels.Reverse());
        var other = LabelSet.Create(new Dictionary<string, string>(s_labels) { ["tier"] = "backend" });

        Assert.True(set.Equals(same));
        Assert.True(set.Equals((object)same));
        Assert.Equal(set.GetHashCode(), same.GetHashCode());
        Assert.False(set.Equals(other));
        Assert.False(set.Equals(null));
        Assert.False(set.Equals(LabelSet.Empty));
    }

    [Fact]
    public void Finds_every_key_of_a_large_set_and_no_other()
    {
        // Enough keys for long probe sequences and wrap-around at the end of the table.
        var labels = Enumerable.Range(0, 5000).ToDictionary(i => $"key-{i}", i => $"v{i}");
        var set = LabelSet.Create(labels);

        Assert.All(labels, pair => Assert.Equal(pair.Value, set[new string(pair.Key.AsSpan())]));
        Assert.All(Enumerable.Range(5000, 2000), i => Assert.False(set.ContainsKey($"key-{i}")));
    }

    [Fact]
    public void Selectors_match_a_label_set_as_they_match_a_dictionary()
    {
        var set = LabelSet.Create(s_labels);
        string[] selectors =
        [
            "app=web", "app==web", "app!=web", "app=shop", "app in (web,shop)", "app notin (web)", "app notin (db,x)",
            "env", "!env", "tier", "!tier", "env!=prod", "env notin (prod,dev)", "env in (prod)", "app.kubernetes.io/name=shop",
            "app=web,tier in (frontend,backend),env!=prod,!canary", "app>1", "app<1", "",
        ];

        Assert.All(selectors, text =>
        {
            var selector = LabelSelector.Parse(text);
            Assert.Equal(selector.Matches(s_labels), selector.Matches(set));
            Assert.All(selector.Requirements, r => Assert.Equal(r.Matches(s_labels), r.Matches(set)));
        });
        Assert.True(LabelSelector.FromLabels(s_labels).Matches(set));
        Assert.False(LabelSelector.Nothing.Matches(set));
        Assert.True(LabelSelector.Everything.Matches(LabelSet.Empty));
    }

    [Fact]
    public void Numeric_comparisons_read_the_label_set_value()
    {
        var set = LabelSet.Create(new Dictionary<string, string> { ["replicas"] = "3", ["name"] = "x1" });

        Assert.True(LabelSelector.Parse("replicas>2").Matches(set));
        Assert.False(LabelSelector.Parse("replicas<3").Matches(set));
        Assert.False(LabelSelector.Parse("name>0").Matches(set));
        Assert.False(LabelSelector.Parse("missing<10").Matches(set));
    }

    [Fact]
    public void Matching_stays_correct_when_keys_are_not_shared()
    {
        // More distinct keys than the shared key pool holds: later keys are used as given.
        var labels = Enumerable.Range(0, 5000).ToDictionary(i => $"pool-{i}", i => "v");
        var set = LabelSet.Create(labels);

        Assert.True(LabelSelector.Parse("pool-4999=v,pool-0=v,!pool-5000").Matches(set));
        Assert.False(LabelSelector.Parse("pool-4998!=v").Matches(set));
        Assert.True(LabelSelector.FromLabels(new Dictionary<string, string> { ["pool-4997"] = "v" }).Matches(set));
    }

    [Fact]
    public void Matching_a_label_set_allocates_nothing()
    {
        var set = LabelSet.Create(s_labels);
        var selector = LabelSelector.Parse("app=web,tier in (frontend,backend),env!=prod,!canary");
        var fromLabels = LabelSelector.FromLabels(new Dictionary<string, string> { ["app"] = "web" });
        Assert.True(selector.Matches(set) && fromLabels.Matches(set));

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            _ = selector.Matches(set) && fromLabels.Matches(set);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void First_matches_and_first_reads_of_a_selector_race_safely()
    {
        // A selector compiles on its first match and sorts its pairs on its first read; threads
        // doing both at once must all see the same answers.
        var labels = Enumerable.Range(0, 12).Reverse().ToDictionary(i => $"k{i}", i => $"v{i}");
        var set = LabelSet.Create(labels);
        var expected = string.Join(',', labels.Keys.Order(StringComparer.Ordinal).Select(k => k + "=" + labels[k]));
        for (var round = 0; round < 100; round++)
        {
            var fromLabels = LabelSelector.FromLabels(labels);
            var parsed = LabelSelector.Parse("k1=v1,k2 in (v2,x),k3!=y,!nope,k11");
            Parallel.For(0, 4, worker =>
            {
                for (var n = 0; n < 25; n++)
                {
                    Assert.True(fromLabels.Matches(labels) && fromLabels.Matches(set));
                    Assert.True(parsed.Matches(set) && parsed.Matches(labels));
                    if (worker == 0)
                    {
                        Assert.Equal(expected, fromLabels.ToString());
                    }
                }
            });
            Assert.Equal(12, fromLabels.Requirements.Length);
        }
    }
}
