using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;

namespace ServiceModel.Tests.Properties;

// Generators for metadata.annotations: keys that are label keys once lowercased (in any letter case),
// free-text values, and hostile keys that exercise every key error.
public static class AnnotationGenerators
{
    private static readonly string[] s_serviceAnnotations =
    [
        "service.beta.kubernetes.io/load-balancer-source-ranges",
        "service.kubernetes.io/topology-mode",
        "service.kubernetes.io/topology-aware-hints",
    ];

    // A label key with each letter's case flipped at random: still valid as an annotation key.
    public static Gen<string> ValidKey { get; } =
        from key in LabelGenerators.Key
        where !s_serviceAnnotations.Contains(key.ToLowerInvariant())
        from flips in Gen.ArrayOf(ArbMap.Default.GeneratorFor<bool>(), key.Length)
        select new string([.. key.Select((c, i) => flips[i] ? (char.IsAsciiLetterLower(c) ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c)) : c)]);

    // Any text, including control characters, quotes and non-ASCII (values are never checked).
    public static Gen<string> Value { get; } =
        from count in Gen.Choose(0, 40)
        from chars in Gen.ArrayOf(Gen.OneOf(Gen.Choose(0, 127), Gen.Choose(128, 0xD7FF)).Select(c => (char)c), count)
        select new string(chars);

    public static Gen<string> HostileKey { get; } = Gen.OneOf(
        ValidKey,
        LabelGenerators.HostileText,
        Gen.Elements("", "/", "a/", "/a", "A/b", "Example.com/X", "a/b/c", "-a", "a-", "_x", "x.y/z_", new string('k', 64), new string('P', 254) + "/k"));

    public static Gen<(string Key, string Value)[]> ValidPairs { get; } =
        from count in Gen.Choose(0, 8)
        from keys in Gen.ArrayOf(ValidKey, count)
        from values in Gen.ArrayOf(Value, count)
        select keys.Zip(values).DistinctBy(p => p.First, StringComparer.Ordinal).ToArray();

    public static Gen<(string Key, string Value)[]> HostilePairs { get; } =
        from count in Gen.Choose(1, 8)
        from keys in Gen.ArrayOf(HostileKey, count)
        from values in Gen.ArrayOf(Value, count)
        select keys.Zip(values).DistinctBy(p => p.First, StringComparer.Ordinal).ToArray();

    public static ImmutableDictionary<string, string> ToMap((string Key, string Value)[] pairs, IEqualityComparer<string>? comparer = null)
        => ImmutableDictionary.CreateRange(comparer ?? StringComparer.Ordinal, pairs.Select(p => KeyValuePair.Create(p.Key, p.Value)));
}
