using System.Diagnostics.CodeAnalysis;

namespace ServiceModel.Labels;

/// <summary>Labels held in a <see cref="Dictionary{TKey, TValue}"/>, called directly (the common case).</summary>
internal readonly struct DictionaryLabels(Dictionary<string, string> labels) : ILabelLookup
{
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value) => labels.TryGetValue(key, out value);

    public bool ContainsKey(string key) => labels.ContainsKey(key);
}
