using ServiceModel.Internal;

namespace ServiceModel.Networking;

/// <summary>
/// The object an <see cref="IPAddressObject"/> is allocated to (<c>spec.parentRef</c> of a
/// networking.k8s.io/v1 IPAddress): for a Service ClusterIP, group <c>""</c>, resource
/// <c>services</c>, and the Service's namespace and name.
/// </summary>
/// <remarks>Every property defaults to the empty string; a null assigned to one is stored as empty.</remarks>
public sealed record ParentReference : IFieldValueJson
{
    private readonly string _group = "";
    private readonly string _resource = "";
    private readonly string _namespace = "";
    private readonly string _name = "";

    /// <summary>The API group of the parent (<c>""</c>, the core group, for Services). Default <c>""</c>.</summary>
    public string Group { get => _group; init => _group = value ?? ""; }

    /// <summary>The resource of the parent, e.g. <c>services</c>. Required by validation. Default <c>""</c>.</summary>
    public string Resource { get => _resource; init => _resource = value ?? ""; }

    /// <summary>The namespace of the parent; empty for a cluster-scoped parent. Default <c>""</c>.</summary>
    public string Namespace { get => _namespace; init => _namespace = value ?? ""; }

    /// <summary>The name of the parent. Required by validation. Default <c>""</c>.</summary>
    public string Name { get => _name; init => _name = value ?? ""; }

    /// <summary>The reference the API server writes for a Service's ClusterIP: group <c>""</c>, resource <c>services</c>.</summary>
    /// <param name="serviceNamespace">The Service's namespace.</param>
    /// <param name="serviceName">The Service's name.</param>
    /// <returns>The reference.</returns>
    public static ParentReference ForService(string serviceNamespace, string serviceName)
        => new() { Resource = "services", Namespace = serviceNamespace, Name = serviceName };

    // As encoding/json marshals the internal networking.ParentReference (no json tags: Go field
    // names, declaration order), the bad value of an immutable spec.parentRef.
    string IFieldValueJson.ToFieldValueJson()
        => "{\"Group\":" + FieldValueText.JsonString(Group)
            + ",\"Resource\":" + FieldValueText.JsonString(Resource)
            + ",\"Namespace\":" + FieldValueText.JsonString(Namespace)
            + ",\"Name\":" + FieldValueText.JsonString(Name) + "}";
}
