using k8s;
using k8s.Models;

namespace ServiceModel.KubernetesClient;

/// <summary>An object read from a manifest: its value, the client object it was read as, and where it was.</summary>
/// <typeparam name="T">The model type (<c>Service</c>, <c>Pod</c>, …) or, for kinds the model does not cover, the client's interface.</typeparam>
/// <param name="Value">The object: a model value, or for other kinds the client object itself.</param>
/// <param name="Source">The client object as read (a <see cref="V1Service"/>, a <see cref="V1Deployment"/>, …), holding every field, also those the model drops.</param>
/// <param name="Location">Where the object starts.</param>
/// <remarks>Immutable as far as the model value goes; <paramref name="Source"/> is the client's mutable object, handed over, not copied.</remarks>
public sealed record ManifestEntry<T>(T Value, IKubernetesObject<V1ObjectMeta> Source, ManifestLocation Location);
