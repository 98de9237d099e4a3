namespace ServiceModel.Labels;

/// <summary>Labels in a <see cref="LabelSet"/>, looked up by the hash the compiled requirement carries.</summary>
internal readonly struct LabelSetLabels(LabelSet labels) : ILabelLookup
{
    public string? Find(string key, int hash) => labels.Find(key, hash);
}
