using System.Collections.Immutable;
using k8s.Models;
using ServiceModel.KubernetesClient.Internal;
using ServiceModel.Labels;

namespace ServiceModel.KubernetesClient;

/// <summary>
/// Converts between the official client's <see cref="V1LabelSelector"/> and the model's
/// <see cref="LabelSelectorSpec"/>, and matches a <see cref="LabelSelector"/> against a client
/// object's labels without copying them.
/// </summary>
/// <remarks>Stateless and thread-safe.</remarks>
public static class LabelSelectorConversions
{
    private static readonly IReadOnlyDictionary<string, string> s_noLabels = ImmutableDictionary<string, string>.Empty;

    /// <summary>Converts a client label selector to the model's spec.</summary>
    /// <param name="selector">The client selector (metav1.LabelSelector).</param>
    /// <returns>
    /// The spec; a missing <c>matchLabels</c> or <c>matchExpressions</c> reads as empty. Values of
    /// <c>In</c>/<c>NotIn</c> expressions are sorted and de-duplicated, as the model keeps them.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="selector"/> is null.</exception>
    /// <exception cref="FormatException">An operator is not <c>In</c>, <c>NotIn</c>, <c>Exists</c> or <c>DoesNotExist</c>; the message names the expression.</exception>
    /// <exception cref="ArgumentException">An expression is invalid (key, values), or a list holds a null element or <c>matchLabels</c> a null value; the message is Kubernetes', prefixed with the member path.</exception>
    public static LabelSelectorSpec ToModel(this V1LabelSelector selector)
    {
        ArgumentNullException.ThrowIfNull(selector);
        return new LabelSelectorSpec(
            ApiValues.ReadMap(selector.MatchLabels, "matchLabels"),
            ApiValues.Each(selector.MatchExpressions, "matchExpressions", ToModel));
    }

    /// <summary>Converts the model's spec to a client label selector.</summary>
    /// <param name="spec">The spec.</param>
    /// <returns>A new <see cref="V1LabelSelector"/>; empty parts are absent.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="spec"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// An expression uses an operator metav1.LabelSelector cannot express (anything but <c>In</c>,
    /// <c>NotIn</c>, <c>Exists</c> and <c>DoesNotExist</c>).
    /// </exception>
    public static V1LabelSelector ToV1(this LabelSelectorSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return new V1LabelSelector
        {
            MatchLabels = ApiValues.Map(spec.MatchLabels),
            MatchExpressions = ApiValues.List(spec.MatchExpressions, requirement => new V1LabelSelectorRequirement
            {
                Key = requirement.Key,
                OperatorProperty = OperatorText(requirement.Operator),
                Values = ApiValues.List(requirement.Values),
            }),
        };
    }

    /// <summary>
    /// Whether <paramref name="selector"/> matches the labels of <paramref name="metadata"/>, read in
    /// place: the client's label dictionary is passed to <see cref="LabelSelector.Matches"/> as it is
    /// (no copy; a <see cref="Dictionary{TKey, TValue}"/>, which the client's readers create, takes the
    /// selector's fast path and allocates nothing).
    /// </summary>
    /// <param name="selector">The selector.</param>
    /// <param name="metadata">The object's metadata; <see langword="null"/> or missing labels read as no labels.</param>
    /// <returns><see langword="true"/> when every requirement holds.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="selector"/> is null.</exception>
    public static bool Matches(this LabelSelector selector, V1ObjectMeta? metadata)
    {
        ArgumentNullException.ThrowIfNull(selector);
        return selector.Matches(AsReadOnly(metadata?.Labels));
    }

    /// <summary>Whether <paramref name="selector"/> matches the labels of a client object (a <see cref="V1Pod"/>, a <see cref="V1Service"/>, …), read in place.</summary>
    /// <param name="selector">The selector.</param>
    /// <param name="item">The object; missing metadata or labels read as no labels.</param>
    /// <returns><see langword="true"/> when every requirement holds.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="selector"/> or <paramref name="item"/> is null.</exception>
    public static bool Matches(this LabelSelector selector, IMetadata<V1ObjectMeta> item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return selector.Matches(item.Metadata);
    }

    // Every IDictionary the client creates is a Dictionary, which is already read-only-viewable;
    // anything else gets a thin view, never a copy.
    private static IReadOnlyDictionary<string, string> AsReadOnly(IDictionary<string, string>? labels)
        => labels switch
        {
            null => s_noLabels,
            IReadOnlyDictionary<string, string> readOnly => readOnly,
            _ => new ReadOnlyLabelView(labels),
        };

    private static LabelSelectorRequirement ToModel(V1LabelSelectorRequirement requirement, string path)
    {
        var @operator = requirement.OperatorProperty switch
        {
            "In" => SelectorOperator.In,
            "NotIn" => SelectorOperator.NotIn,
            "Exists" => SelectorOperator.Exists,
            "DoesNotExist" => SelectorOperator.DoesNotExist,
            var other => throw new FormatException(
                $"{path}.operator: {(other is null ? "Required value" : "Unsupported value: " + ApiValues.Quote(other))}: supported values: \"DoesNotExist\", \"Exists\", \"In\", \"NotIn\""),
        };
        var values = ApiValues.ReadList(requirement.Values, path + ".values");
        try
        {
            return new LabelSelectorRequirement(requirement.Key ?? "", @operator, values);
        }
        catch (ArgumentException error) when (error is not ArgumentNullException)
        {
            throw new ArgumentException(path + ": " + error.Message, error);
        }
    }

    private static string OperatorText(SelectorOperator @operator) => @operator switch
    {
        SelectorOperator.In => "In",
        SelectorOperator.NotIn => "NotIn",
        SelectorOperator.Exists => "Exists",
        SelectorOperator.DoesNotExist => "DoesNotExist",
        _ => throw new ArgumentException(
            $"matchExpressions: the operator {@operator} cannot be written as a metav1.LabelSelector (only In, NotIn, Exists and DoesNotExist can)"),
    };
}
