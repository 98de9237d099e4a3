namespace ServiceModel.Labels;

/// <summary>
/// How a <see cref="LabelSelectorRequirement"/> relates a label key to its values; Kubernetes'
/// <c>selection.Operator</c>.
/// </summary>
/// <remarks>
/// The text form of each operator (as <see cref="LabelSelector.ToString"/> prints it and as
/// Kubernetes' messages name it) is given on each member.
/// </remarks>
public enum SelectorOperator
{
    /// <summary><c>key=value</c>: the label is present with exactly this value (<c>"="</c>).</summary>
    Equals = 0,

    /// <summary><c>key==value</c>: the same test as <see cref="Equals"/>, kept distinct because it prints differently (<c>"=="</c>).</summary>
    DoubleEquals = 1,

    /// <summary><c>key!=value</c>: the label is absent or has another value (<c>"!="</c>).</summary>
    NotEquals = 2,

    /// <summary><c>key in (a,b)</c>: the label is present with one of the values (<c>"in"</c>).</summary>
    In = 3,

    /// <summary><c>key notin (a,b)</c>: the label is absent or has none of the values (<c>"notin"</c>).</summary>
    NotIn = 4,

    /// <summary><c>key</c>: the label is present, with any value (<c>"exists"</c>).</summary>
    Exists = 5,

    /// <summary><c>!key</c>: the label is absent (<c>"!"</c>).</summary>
    DoesNotExist = 6,

    /// <summary><c>key&gt;N</c>: the label's value is a 64-bit integer greater than N (<c>"gt"</c>).</summary>
    GreaterThan = 7,

    /// <summary><c>key&lt;N</c>: the label's value is a 64-bit integer less than N (<c>"lt"</c>).</summary>
    LessThan = 8,
}
