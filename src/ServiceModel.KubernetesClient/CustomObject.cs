using k8s;
using k8s.Models;
using YamlDotNet.Serialization;

namespace ServiceModel.KubernetesClient;

/// <summary>
/// An object of a kind the official client has no type for (a custom resource such as a
/// cert-manager <c>Certificate</c>), as <see cref="ManifestReader"/> keeps it: its apiVersion,
/// kind and metadata, and its manifest text for whoever knows the kind.
/// </summary>
/// <remarks>Mutable like the client's own objects; not thread-safe while being changed.</remarks>
public sealed class CustomObject : IKubernetesObject<V1ObjectMeta>
{
    /// <summary>The object's <c>apiVersion</c>, e.g. <c>cert-manager.io/v1</c>.</summary>
    public string ApiVersion { get; set; } = "";

    /// <summary>The object's <c>kind</c>, e.g. <c>Certificate</c>.</summary>
    public string Kind { get; set; } = "";

    /// <summary>The object's <c>metadata</c>; <see langword="null"/> when the manifest has none.</summary>
    public V1ObjectMeta Metadata { get; set; } = null!;

    /// <summary>The object's manifest text as read (YAML or JSON, the first line indented as in its file).</summary>
    [YamlIgnore]
    public string Text { get; set; } = "";
}
