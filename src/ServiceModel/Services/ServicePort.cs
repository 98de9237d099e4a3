using ServiceModel.Internal;

namespace ServiceModel.Services;

/// <summary>
/// One port a Service exposes (an entry of <c>spec.ports</c>).
/// </summary>
/// <remarks>
/// Unset values are Kubernetes' zero values: <see cref="Name"/> <see langword="null"/>,
/// <see cref="TargetPort"/> the number 0 (<see cref="ServiceDefaults"/> sets it to <see cref="Port"/>),
/// <see cref="NodePort"/> 0 (the allocator picks one for NodePort and LoadBalancer Services).
/// </remarks>
public sealed record ServicePort : IFieldValueJson
{
    /// <summary>The port's name; required (DNS-1123 label) when the Service has more than one port. Default <see langword="null"/>.</summary>
    public string? Name { get; init; }

    /// <summary>The transport protocol. Default <see cref="Protocol.TCP"/>.</summary>
    public Protocol Protocol { get; init; } = Protocol.TCP;

    /// <summary>The port the Service listens on, 1-65535.</summary>
    public required int Port { get; init; }

    /// <summary>The port or named container port traffic is sent to; unset (0) means "same as <see cref="Port"/>".</summary>
    public PortNumberOrName TargetPort { get; init; }

    /// <summary>The port on every node for NodePort and LoadBalancer Services; 0 means "not set / allocate one".</summary>
    public int NodePort { get; init; }

    /// <summary>The application protocol (e.g. <c>"http"</c>, <c>"kubernetes.io/h2c"</c>). Default <see langword="null"/>.</summary>
    public string? AppProtocol { get; init; }

    // The internal core.ServicePort has no JSON tags, so Go marshals it with its Go field names.
    string IFieldValueJson.ToFieldValueJson()
        => "{\"Name\":" + FieldValueText.JsonString(Name ?? "")
            + ",\"Protocol\":" + FieldValueText.Json(Protocol)
            + ",\"AppProtocol\":" + FieldValueText.Json(AppProtocol)
            + ",\"Port\":" + FieldValueText.Simple(Port)
            + ",\"TargetPort\":" + FieldValueText.Json(TargetPort)
            + ",\"NodePort\":" + FieldValueText.Simple(NodePort) + "}";
}
