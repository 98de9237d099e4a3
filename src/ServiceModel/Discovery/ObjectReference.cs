namespace ServiceModel.Discovery;

/// <summary>
/// A reference to the object an endpoint stands for (<c>targetRef</c>): for pods the controller
/// writes <c>Kind = "Pod"</c>, the pod's namespace, name and UID.
/// </summary>
/// <remarks>Immutable; equality is by value.</remarks>
public sealed record ObjectReference
{
    /// <summary>The referent's kind, e.g. <c>"Pod"</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>The referent's namespace; empty by default.</summary>
    public string Namespace { get; init; } = "";

    /// <summary>The referent's name.</summary>
    public required string Name { get; init; }

    /// <summary>The referent's UID; empty (the default) when unknown.</summary>
    public string Uid { get; init; } = "";

    /// <summary>The reference the controllers write for <paramref name="pod"/>.</summary>
    /// <param name="pod">The pod to reference.</param>
    /// <returns><c>Pod</c>, the pod's namespace, name and UID.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="pod"/> is null.</exception>
    public static ObjectReference ForPod(Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        return new ObjectReference { Kind = "Pod", Namespace = pod.Namespace, Name = pod.Name, Uid = pod.Uid };
    }
}
