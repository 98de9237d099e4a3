namespace ServiceModel.Labels;

/// <summary>Labels in any other <see cref="IReadOnlyDictionary{TKey, TValue}"/>, called through the interface.</summary>
internal readonly struct ReadOnlyDictionaryLabels(IReadOnlyDictionary<string, string> labels) : ILabelLookup
{
    // The dictionary hashes the key with its own comparer.
    public string? Find(string key, int hash) => labels.TryGetValue(key, out var value) ? value : null;
}
