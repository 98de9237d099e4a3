namespace ServiceModel.Services;

/// <summary>
/// The transport protocol of a port (<c>spec.ports[*].protocol</c>). The member names are the
/// Kubernetes API spellings, so <see cref="object.ToString"/> gives the API text.
/// </summary>
public enum Protocol
{
    /// <summary>TCP (the default).</summary>
    TCP = 0,

    /// <summary>UDP.</summary>
    UDP = 1,

    /// <summary>SCTP.</summary>
    SCTP = 2,
}
