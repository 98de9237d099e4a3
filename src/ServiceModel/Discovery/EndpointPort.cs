using ServiceModel.Services;

namespace ServiceModel.Discovery;

/// <summary>
/// A port every endpoint of an <see cref="EndpointSlice"/> (or of a legacy <see cref="EndpointSubset"/>) serves:
/// the Service port's name, protocol and application protocol with the port resolved on the pod.
/// </summary>
/// <remarks>
/// One type serves both APIs: the controllers fill <c>discovery.k8s.io/v1</c> and core <c>v1</c>
/// EndpointPort with the same four values. Immutable; equality is by value.
/// </remarks>
public sealed record EndpointPort
{
    private readonly string _name = "";

    /// <summary>The Service port's name; empty (the default) for the single unnamed port, never null.</summary>
    public string Name
    {
        get => _name;
        init => _name = value ?? "";
    }

    /// <summary>The port number on the endpoint (the resolved target port).</summary>
    public required int Port { get; init; }

    /// <summary>The Service port's protocol; <see cref="Protocol.TCP"/> by default.</summary>
    public Protocol Protocol { get; init; } = Protocol.TCP;

    /// <summary>The Service port's application protocol; null when unset (the default).</summary>
    public string? AppProtocol { get; init; }
}
