using System.Diagnostics.CodeAnalysis;

namespace ServiceModel.Labels;

/// <summary>Labels in any other <see cref="IReadOnlyDictionary{TKey, TValue}"/>, called through the interface.</summary>
internal readonly struct ReadOnlyDictionaryLabels(IReadOnlyDictionary<string, string> labels) : ILabelLookup
{
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value) => labels.TryGetValue(key, out value);

    public bool ContainsKey(string key) => labels.ContainsKey(key);
}
