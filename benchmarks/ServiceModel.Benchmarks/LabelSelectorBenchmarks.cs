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

    private static readonly Dictionary<string, string> s_matching = new(StringComparer.Ordinal)
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
    };

    private static readonly Dictionary<string, string> s_failsAtLast = new(s_matching, StringComparer.Ordinal) { ["tier"] = "database" };

    private static readonly Dictionary<string, string> s_failsAtFirst = new(s_matching, StringComparer.Ordinal) { ["app"] = "otherapp" };

    private static readonly Dictionary<string, string> s_set = new(StringComparer.Ordinal)
    {
        ["app"] = "myapp",
        ["tier"] = "frontend",
        ["env"] = "staging",
    };

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

    [Benchmark(Baseline = true), BenchmarkCategory("Matches (fails at last)")]
    public bool MatchesFailsAtLast_naive() => _naive.Matches(s_failsAtLast);

    [Benchmark, BenchmarkCategory("Matches (fails at last)")]
    public bool MatchesFailsAtLast() => _selector.Matches(s_failsAtLast);

    [Benchmark(Baseline = true), BenchmarkCategory("Matches (fails at first)")]
    public bool MatchesFailsAtFirst_naive() => _naive.Matches(s_failsAtFirst);

    [Benchmark, BenchmarkCategory("Matches (fails at first)")]
    public bool MatchesFailsAtFirst() => _selector.Matches(s_failsAtFirst);

    [Benchmark(Baseline = true), BenchmarkCategory("FromLabels(3) + Matches")]
    public bool FromLabelsAndMatch_naive() => NaiveLabelSelector.FromLabels(s_set).Matches(s_matching);

    [Benchmark, BenchmarkCategory("FromLabels(3) + Matches")]
    public bool FromLabelsAndMatch() => LabelSelector.FromLabels(s_set).Matches(s_matching);

    [Benchmark(Baseline = true), BenchmarkCategory("Matches on prebuilt set selector")]
    public bool SetMatches_naive() => _naiveSet.Matches(s_matching);

    [Benchmark, BenchmarkCategory("Matches on prebuilt set selector")]
    public bool SetMatches() => _setSelector.Matches(s_matching);

    [Benchmark, BenchmarkCategory("FromSpec")]
    public LabelSelector FromSpec() => LabelSelector.FromSpec(s_spec);
}
