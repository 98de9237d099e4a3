using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace ServiceModel.KubernetesClient.Internal;

/// <summary>A read-only view of a label <see cref="IDictionary{TKey, TValue}"/> that is not a <see cref="Dictionary{TKey, TValue}"/>.</summary>
internal sealed class ReadOnlyLabelView(IDictionary<string, string> labels) : IReadOnlyDictionary<string, string>
{
    public string this[string key] => labels[key];

    public IEnumerable<string> Keys => labels.Keys;

    public IEnumerable<string> Values => labels.Values;

    public int Count => labels.Count;

    public bool ContainsKey(string key) => labels.ContainsKey(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value) => labels.TryGetValue(key, out value);

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => labels.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
