using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using ServiceModel.Labels;

namespace ServiceModel.Benchmarks;

// One "k in (...)" value set of 100 KB and 1 MB of text (×10): a linear parse grows ×10, a sort ×11
// or so, a quadratic step ×100. The baseline is the naive set reading (regex, Split, Distinct, Order)
// on the shuffled text; it validates nothing, so it is a floor more than a rival.
[MemoryDiagnoser]
[MinColumn]
public class LabelValueSetBenchmarks
{
    private string _shuffled = string.Empty;
    private string _sorted = string.Empty;
    private string _repeated = string.Empty;
    private ImmutableArray<string> _values = [];
    private LabelSelectorRequirement _requirement = null!;

    [Params(100_000, 1_000_000)]
    public int TextLength { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        // "v0000000".."vNNNNNNN": 9 characters a value with its comma.
        var count = TextLength / 9;
        var sorted = Enumerable.Range(0, count).Select(i => "v" + i.ToString("D7", CultureInfo.InvariantCulture)).ToArray();
        var shuffled = (string[])sorted.Clone();
        new Random(42).Shuffle(shuffled);
        _sorted = Text(sorted);
        _shuffled = Text(shuffled);
        _repeated = Text(Enumerable.Range(0, count).Select(i => "v" + (i % 100).ToString("D7", CultureInfo.InvariantCulture)));
        _values = [.. shuffled];
        _requirement = new LabelSelectorRequirement("k", SelectorOperator.In, _values);
    }

    [Benchmark(Baseline = true, Description = "naive: regex, Split, Distinct, Order (shuffled)")]
    public NaiveLabelSelector Naive() => NaiveLabelSelector.ParseSetRequirement(_shuffled);

    [Benchmark(Description = "Parse, shuffled values")]
    public LabelSelector ParseShuffled() => LabelSelector.Parse(_shuffled);

    [Benchmark(Description = "Parse, sorted values (canonical text)")]
    public LabelSelector ParseSorted() => LabelSelector.Parse(_sorted);

    [Benchmark(Description = "Parse, 100 distinct values repeated")]
    public LabelSelector ParseRepeated() => LabelSelector.Parse(_repeated);

    [Benchmark(Description = "new LabelSelectorRequirement, shuffled values")]
    public LabelSelectorRequirement Construct() => new("k", SelectorOperator.In, _values);

    [Benchmark(Description = "LabelSelectorRequirement.ToString")]
    public string Print() => _requirement.ToString();

    private static string Text(IEnumerable<string> values)
    {
        var text = new StringBuilder("k in (");
        text.AppendJoin(',', values);
        return text.Append(')').ToString();
    }
}
