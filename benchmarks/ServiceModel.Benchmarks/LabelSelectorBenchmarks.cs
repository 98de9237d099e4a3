using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using ServiceModel.Labels;

namespace ServiceModel.Benchmarks;

// The label scenarios of shared/design/benchmarks.md; each category has the naive implementation
// (regex/split parsing, LINQ matching) as its baseline where one makes sense.
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
[MinColumn]
public class LabelSelectorBenchmarks
{
    private const string SelectorText = "app=myapp,tier in (frontend,backend),env!=prod,!canary";

    // Labels arrive from a deserializer, so their strings are never the selector's own instances:
    // every dictionary and label set below holds fresh copies (see Fresh), or literal interning
    // would let reference equality shortcut the string comparisons.
    private static readonly Dictionary<string, string> s_matching = Fresh(new()
    {
        ["app"] = "myapp",
        ["tier"] = "frontend",
        ["env"] = "staging",
        ["team"] = "payments",
        ["version"] = "v1.2.3",
        ["region"] = "us-east-1",
        ["zone"] = "us-east-1a",
        ["release"] = "stable",
        ["owner"] = "alice",
        ["component"] = "api",
    });

    private static readonly Dictionary<string, string> s_failsAtLast = Fresh(new(s_matching) { ["tier"] = "database" });

    private static readonly Dictionary<string, string> s_failsAtFirst = Fresh(new(s_matching) { ["app"] = "otherapp" });

    // The same labels prepared once (Kubernetes' labels.Set): matching never hashes a key.
    private static readonly LabelSet s_matchingSet = LabelSet.Create(Fresh(s_matching));

    private static readonly LabelSet s_failsAtLastSet = LabelSet.Create(Fresh(s_failsAtLast));

    private static readonly LabelSet s_failsAtFirstSet = LabelSet.Create(Fresh(s_failsAtFirst));

    private static readonly Dictionary<string, string> s_set = Fresh(new()
    {
        ["app"] = "myapp",
        ["tier"] = "frontend",
        ["env"] = "staging",
    });

    private static readonly LabelSelectorSpec s_spec = new(
        ImmutableDictionary<string, string>.Empty.Add("app", "myapp"),
        [
            new("tier", SelectorOperator.In, ["frontend", "backend"]),
            new("env", SelectorOperator.NotIn, ["prod"]),
            new("canary", SelectorOperator.DoesNotExist, []),
        ]);

    private readonly LabelSelector _selector = LabelSelector.Parse(SelectorText);
    private readonly LabelSelector _setSelector = LabelSelector.FromLabels(s_set);
    private readonly NaiveLabelSelector _naive = NaiveLabelSelector.Parse(SelectorText);
    private readonly NaiveLabelSelector _naiveSet = NaiveLabelSelector.FromLabels(s_set);

    [Benchmark(Baseline = true), BenchmarkCategory("Parse")]
    public NaiveLabelSelector Parse_naive() => NaiveLabelSelector.Parse(SelectorText);

    [Benchmark, BenchmarkCategory("Parse")]
    public LabelSelector Parse() => LabelSelector.Parse(SelectorText);

    [Benchmark(Baseline = true), BenchmarkCategory("Matches (match)")]
    public bool Matches_naive() => _naive.Matches(s_matching);

    [Benchmark, BenchmarkCategory("Matches (match)")]
    public bool Matches() => _selector.Matches(s_matching);

    [Benchmark, BenchmarkCategory("Matches (match)")]
    public bool Matches_LabelSet() => _selector.Matches(s_matchingSet);

    [Benchmark(Baseline = true), BenchmarkCategory("Matches (fails at last)")]
    public bool MatchesFailsAtLast_naive() => _naive.Matches(s_failsAtLast);

    [Benchmark, BenchmarkCategory("Matches (fails at last)")]
    public bool MatchesFailsAtLast() => _selector.Matches(s_failsAtLast);

    [Benchmark, BenchmarkCategory("Matches (fails at last)")]
    public bool MatchesFailsAtLast_LabelSet() => _selector.Matches(s_failsAtLastSet);

    [Benchmark(Baseline = true), BenchmarkCategory("Matches (fails at first)")]
    public bool MatchesFailsAtFirst_naive() => _naive.Matches(s_failsAtFirst);

    [Benchmark, BenchmarkCategory("Matches (fails at first)")]
    public bool MatchesFailsAtFirst() => _selector.Matches(s_failsAtFirst);

    [Benchmark, BenchmarkCategory("Matches (fails at first)")]
    public bool MatchesFailsAtFirst_LabelSet() => _selector.Matches(s_failsAtFirstSet);

    [Benchmark(Baseline = true), BenchmarkCategory("FromLabels(3) + Matches")]
    public bool FromLabelsAndMatch_naive() => NaiveLabelSelector.FromLabels(s_set).Matches(s_matching);

    [Benchmark, BenchmarkCategory("FromLabels(3) + Matches")]
    public bool FromLabelsAndMatch() => LabelSelector.FromLabels(s_set).Matches(s_matching);

    [Benchmark, BenchmarkCategory("FromLabels(3) + Matches")]
    public bool FromLabelsAndMatch_LabelSet() => LabelSelector.FromLabels(s_set).Matches(s_matchingSet);

    [Benchmark(Baseline = true), BenchmarkCategory("Matches on prebuilt set selector")]
    public bool SetMatches_naive() => _naiveSet.Matches(s_matching);

    [Benchmark, BenchmarkCategory("Matches on prebuilt set selector")]
    public bool SetMatches() => _setSelector.Matches(s_matching);

    [Benchmark, BenchmarkCategory("Matches on prebuilt set selector")]
    public bool SetMatches_LabelSet() => _setSelector.Matches(s_matchingSet);

    [Benchmark(Baseline = true), BenchmarkCategory("LabelSet.Create (10 labels)")]
    public Dictionary<string, string> CopyDictionary_naive() => new(s_matching, StringComparer.Ordinal);

    [Benchmark, BenchmarkCategory("LabelSet.Create (10 labels)")]
    public LabelSet CreateLabelSet() => LabelSet.Create(s_matching);

    [Benchmark, BenchmarkCategory("FromSpec")]
    public LabelSelector FromSpec() => LabelSelector.FromSpec(s_spec);

    private static Dictionary<string, string> Fresh(Dictionary<string, string> labels)
    {
        var copy = new Dictionary<string, string>(labels.Count, StringComparer.Ordinal);
        foreach (var (key, value) in labels)
        {
            copy.Add(new string(key.AsSpan()), new string(value.AsSpan()));
        }

        return copy;
    }
}
