namespace ServiceModel.Labels;

/// <summary>
/// The one dictionary operation matching needs. Implemented by structs, so a generic matcher is
/// compiled once per dictionary shape and calls the concrete dictionary without interface dispatch.
/// </summary>
internal interface ILabelLookup
{
    /// <summary>The value of <paramref name="key"/>, or null when absent.</summary>
    /// <param name="key">The label key.</param>
    /// <param name="hash">
    /// The key's <see cref="string.GetHashCode()"/> where the caller has it (a compiled requirement
    /// made for label sets), else 0; only a <see cref="LabelSet"/> uses it.
    /// </param>
    string? Find(string key, int hash);
}
