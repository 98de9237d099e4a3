using System.Diagnostics.CodeAnalysis;

namespace ServiceModel.Labels;

/// <summary>
/// The two dictionary operations matching needs. Implemented by structs, so a generic matcher is
/// compiled once per dictionary shape and calls the concrete dictionary without interface dispatch.
/// </summary>
internal interface ILabelLookup
{
    bool TryGetValue(string key, [MaybeNullWhen(false)] out string value);

    bool ContainsKey(string key);
}
