namespace ServiceModel.Services;

/// <summary>
/// How many IP families a Service asks for (<c>spec.ipFamilyPolicy</c>); API spellings.
/// </summary>
public enum IPFamilyPolicy
{
    /// <summary>One family: the first of <see cref="ServiceSpec.IPFamilies"/>, or the cluster's primary.</summary>
    SingleStack = 0,

    /// <summary>Two families when the cluster is dual-stack, otherwise one.</summary>
    PreferDualStack = 1,

    /// <summary>Two families; invalid on a single-stack cluster.</summary>
    RequireDualStack = 2,
}
