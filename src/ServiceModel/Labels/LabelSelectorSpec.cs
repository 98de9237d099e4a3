using System.Collections.Immutable;
using ServiceModel.Internal;
using System.Text.Json.Serialization;
using ServiceModel.Serialization;

namespace ServiceModel.Labels;

/// <summary>
/// The structured form of a label selector, Kubernetes' <c>metav1.LabelSelector</c>:
/// <see cref="MatchLabels"/> (each an equality test) ANDed with <see cref="MatchExpressions"/>.
/// </summary>
/// <remarks>
/// <para>
/// Only <see cref="SelectorOperator.In"/>, <see cref="SelectorOperator.NotIn"/>,
/// <see cref="SelectorOperator.Exists"/> and <see cref="SelectorOperator.DoesNotExist"/> are
/// allowed in <see cref="MatchExpressions"/>; <see cref="LabelSelector.FromSpec"/> rejects others.
/// A <see langword="null"/> <see cref="MatchLabels"/> or default <see cref="MatchExpressions"/> is
/// read as empty. Equality compares contents (map entries regardless of order, expressions in order).
/// </para>
/// <para>Instances are immutable and thread-safe.</para>
/// </remarks>
/// <param name="MatchLabels">Label key/value pairs that must all be present; <see langword="null"/> means none.</param>
/// <param name="MatchExpressions">Requirements that must all hold; default means none.</param>
[JsonConverter(typeof(LabelSelectorSpecJsonConverter))]
public sealed record LabelSelectorSpec(ImmutableDictionary<string, string> MatchLabels, ImmutableArray<LabelSelectorRequirement> MatchExpressions)
{
    /// <summary>An empty spec (no labels, no expressions): as a selector it matches everything.</summary>
    public static LabelSelectorSpec Empty { get; } = new(ImmutableDictionary<string, string>.Empty, []);

    private readonly ImmutableDictionary<string, string> _matchLabels = ModelGuard.Values(MatchLabels, nameof(MatchLabels));
    private readonly ImmutableArray<LabelSelectorRequirement> _matchExpressions = ModelGuard.Items(MatchExpressions, nameof(MatchExpressions));

    /// <summary>Label key/value pairs that must all be present (never <see langword="null"/>; setting <see langword="null"/>, also through <c>with</c>, gives empty).</summary>
    /// <exception cref="ArgumentException">A value is <see langword="null"/> (also through <see langword="with"/>).</exception>
    public ImmutableDictionary<string, string> MatchLabels
    {
        get => _matchLabels;
        init => _matchLabels = ModelGuard.Values(value, nameof(MatchLabels));
    }

    /// <summary>Requirements that must all hold (never default; setting default, also through <c>with</c>, gives empty).</summary>
    /// <exception cref="ArgumentException">An item is <see langword="null"/> (also through <see langword="with"/>).</exception>
    public ImmutableArray<LabelSelectorRequirement> MatchExpressions
    {
        get => _matchExpressions;
        init => _matchExpressions = ModelGuard.Items(value, nameof(MatchExpressions));
    }

    /// <summary>Whether another spec has the same label pairs and the same expressions in the same order.</summary>
    /// <param name="other">The spec to compare with.</param>
    /// <returns><see langword="true"/> when they are equal.</returns>
    public bool Equals(LabelSelectorSpec? other)
        => other is not null
            && (ReferenceEquals(this, other)
                || (ImmutableEquality.DictionariesEqual(MatchLabels, other.MatchLabels)
                    && ImmutableEquality.ArraysEqual(MatchExpressions, other.MatchExpressions)));

    /// <summary>A hash consistent with <see cref="Equals(LabelSelectorSpec?)"/>.</summary>
    /// <returns>The hash code.</returns>
    public override int GetHashCode()
        => HashCode.Combine(ImmutableEquality.DictionaryHash(MatchLabels), ImmutableEquality.ArrayHash(MatchExpressions));
}
