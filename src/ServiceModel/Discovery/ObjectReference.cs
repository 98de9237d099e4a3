namespace ServiceModel.Discovery;

/// <summary>
/// A reference to the object an endpoint stands for (<c>targetRef</c>): for pods the controller
/// writes <c>Kind = "Pod"</c>, the pod's namespace, name and UID.
/// </summary>
/// <param name="Kind">The referent's kind, e.g. <c>"Pod"</c>.</param>
/// <param name="Namespace">The referent's namespace.</param>
/// <param name="Name">The referent's name.</param>
/// <param name="Uid">The referent's UID; empty when unknown.</param>
public sealed record ObjectReference(string Kind, string Namespace, string Name, string Uid = "")
{
    /// <summary>The reference the controllers write for <paramref name="pod"/>.</summary>
    /// <param name="pod">The pod to reference.</param>
    /// <returns><c>Pod</c>, the pod's namespace, name and UID.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="pod"/> is null.</exception>
    public static ObjectReference ForPod(Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        return new ObjectReference("Pod", pod.Namespace, pod.Name, pod.Uid);
    }
}
