namespace ServiceModel.Labels;

/// <summary>Labels held in a <see cref="Dictionary{TKey, TValue}"/>, called directly (the common case).</summary>
internal readonly struct DictionaryLabels(Dictionary<string, string> labels) : ILabelLookup
{
    // The dictionary hashes the key with its own comparer.
    public string? Find(string key, int hash) => labels.TryGetValue(key, out var value) ? value : null;
}
