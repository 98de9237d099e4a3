using System.Text.RegularExpressions;

namespace ServiceModel.Benchmarks;

// The obvious implementation a caller might write first: regexes and string.Split to parse, LINQ to
// match. It is the baseline LabelSelectorBenchmarks measures against, not a reference for behaviour.
public sealed partial class NaiveLabelSelector
{
    private readonly List<(string Key, string Op, string[] Values)> _requirements;

    private NaiveLabelSelector(List<(string Key, string Op, string[] Values)> requirements) => _requirements = requirements;

    public static NaiveLabelSelector Parse(string text)
    {
        var requirements = new List<(string Key, string Op, string[] Values)>();
        foreach (var part in TopLevelComma().Split(text).Select(p => p.Trim()).Where(p => p.Length > 0))
        {
            var set = SetRequirement().Match(part);
            if (set.Success)
            {
                requirements.Add((set.Groups[1].Value, set.Groups[2].Value,
                    set.Groups[3].Value.Split(',').Select(v => v.Trim()).Distinct().Order(StringComparer.Ordinal).ToArray()));
                continue;
            }

            var exact = ExactRequirement().Match(part);
            if (exact.Success)
            {
                requirements.Add((exact.Groups[1].Value, exact.Groups[2].Value, [exact.Groups[3].Value]));
                continue;
            }

            requirements.Add(part.StartsWith('!') ? (part[1..], "!", []) : (part, "exists", []));
        }

        return new NaiveLabelSelector([.. requirements.OrderBy(r => r.Key, StringComparer.Ordinal)]);
    }

    // One "key in (...)" requirement, read as Parse reads a set requirement, without the top-level
    // comma split (whose look-ahead regex is quadratic in the length of a value list).
    public static NaiveLabelSelector ParseSetRequirement(string text)
    {
        var set = SetRequirement().Match(text);
        return new NaiveLabelSelector([(set.Groups[1].Value, set.Groups[2].Value,
            set.Groups[3].Value.Split(',').Select(v => v.Trim()).Distinct().Order(StringComparer.Ordinal).ToArray())]);
    }

    public static NaiveLabelSelector FromLabels(IEnumerable<KeyValuePair<string, string>> labels)
        => new([.. labels.Select(p => (p.Key, "=", new[] { p.Value })).OrderBy(r => r.Item1, StringComparer.Ordinal)]);

    public bool Matches(IReadOnlyDictionary<string, string> labels)
        => _requirements.All(r => r.Op switch
        {
            "=" or "==" or "in" => labels.TryGetValue(r.Key, out var v) && r.Values.Contains(v),
            "!=" or "notin" => !labels.TryGetValue(r.Key, out var v) || !r.Values.Contains(v),
            "exists" => labels.ContainsKey(r.Key),
            "!" => !labels.ContainsKey(r.Key),
            ">" => labels.TryGetValue(r.Key, out var v) && long.TryParse(v, out var n) && n > long.Parse(r.Values[0]),
            "<" => labels.TryGetValue(r.Key, out var v) && long.TryParse(v, out var n) && n < long.Parse(r.Values[0]),
            _ => false,
        });

    [GeneratedRegex(@",(?![^(]*\))")]
    private static partial Regex TopLevelComma();

    [GeneratedRegex(@"^(\S+)\s+(in|notin)\s*\((.*)\)$")]
    private static partial Regex SetRequirement();

    [GeneratedRegex(@"^([^=!<>\s]+)\s*(==|!=|=|>|<)\s*(.*)$")]
    private static partial Regex ExactRequirement();
}
