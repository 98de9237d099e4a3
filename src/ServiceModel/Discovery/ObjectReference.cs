using ServiceModel.Internal;

namespace ServiceModel.Discovery;

/// <summary>
/// A reference to the object an endpoint stands for (<c>targetRef</c>): for pods the controller
/// writes <c>Kind = "Pod"</c>, the pod's namespace, name and UID.
/// </summary>
/// <remarks>Immutable; equality is by value.</remarks>
public sealed record ObjectReference
{
    /// <summary>The referent's kind, e.g. <c>"Pod"</c>.</summary>
    /// <exception cref="ArgumentNullException">Set to <see langword="null"/> (also through <see langword="with"/>).</exception>
    public required string Kind { get; init => field = ModelGuard.NotNull(value, nameof(Kind)); }

    /// <summary>The referent's namespace; empty by default.</summary>
    /// <exception cref="ArgumentNullException">Set to <see langword="null"/> (also through <see langword="with"/>).</exception>
    public string Namespace { get; init => field = ModelGuard.NotNull(value, nameof(Namespace)); } = "";

    /// <summary>The referent's name.</summary>
    /// <exception cref="ArgumentNullException">Set to <see langword="null"/> (also through <see langword="with"/>).</exception>
    public required string Name { get; init => field = ModelGuard.NotNull(value, nameof(Name)); }

    /// <summary>The referent's UID; empty (the default) when unknown.</summary>
    /// <exception cref="ArgumentNullException">Set to <see langword="null"/> (also through <see langword="with"/>).</exception>
    public string Uid { get; init => field = ModelGuard.NotNull(value, nameof(Uid)); } = "";

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
