using System.Globalization;
using BenchmarkDotNet.Attributes;
using ServiceModel.Labels;

namespace ServiceModel.Benchmarks;

// 1 MB selectors of ~100,000 requirements (issue 10: any single call on 1 MB of text within 50 ms).
// The baseline is the sort the parser used to do, LINQ OrderBy by key (stable, ordinal) over the
// requirements in written order; FromRequirements is today's sort of the same array (OrdinalSort's
// radix passes over key prefixes), and the Parse rows are whole parses, sort included.
[MemoryDiagnoser]
[MinColumn]
public class LabelSelectorMegabyteBenchmarks
{
    private const int TextLength = 1 << 20;

    private string _mixed = string.Empty;
    private string _equality = string.Empty;
    private string _sameKey = string.Empty;
    private LabelSelectorRequirement[] _written = [];

    [GlobalSetup]
    public void Setup()
    {
        var mixed = Requirements(i => (i % 4) switch
        {
            0 => string.Create(CultureInfo.InvariantCulture, $"k{i}=v"),
            1 => string.Create(CultureInfo.InvariantCulture, $"k{i}!=v"),
            2 => string.Create(CultureInfo.InvariantCulture, $"k{i} in (a,b)"),
            _ => string.Create(CultureInfo.InvariantCulture, $"!k{i}"),
        });
        _mixed = string.Join(",", mixed);
        _written = [.. mixed.Select(text => LabelSelector.Parse(text).Requirements[0])];
        _equality = string.Join(",", Requirements(i => string.Create(CultureInfo.InvariantCulture, $"app.kubernetes.io/k{i}=value{i}")));
        _sameKey = string.Join(",", Requirements(i => string.Create(CultureInfo.InvariantCulture, $"app!=v{i}")));
    }

    [Benchmark(Baseline = true, Description = "naive: LINQ OrderBy by key (old sort), mixed")]
    public LabelSelectorRequirement[] NaiveSort() => [.. _written.OrderBy(r => r.Key, StringComparer.Ordinal)];

    [Benchmark(Description = "FromRequirements (stable radix sort by key), mixed")]
    public LabelSelector Sort() => LabelSelector.FromRequirements(_written);

    [Benchmark(Description = "Parse, mixed =, !=, in, !")]
    public LabelSelector ParseMixed() => LabelSelector.Parse(_mixed);

    [Benchmark(Description = "Parse, app.kubernetes.io/k{i}=value{i}")]
    public LabelSelector ParseEquality() => LabelSelector.Parse(_equality);

    [Benchmark(Description = "Parse, app!=v{i} (one key)")]
    public LabelSelector ParseSameKey() => LabelSelector.Parse(_sameKey);

    // As many requirement texts as fit in 1 MB with their commas.
    private static List<string> Requirements(Func<int, string> requirement)
    {
        var texts = new List<string>();
        var length = -1;
        for (var i = 0; ; i++)
        {
            var text = requirement(i);
            if (length + 1 + text.Length > TextLength)
            {
                return texts;
            }

            texts.Add(text);
            length += 1 + text.Length;
        }
    }
}
