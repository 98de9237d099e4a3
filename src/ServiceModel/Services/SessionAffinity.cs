namespace ServiceModel.Services;

/// <summary>Session affinity of a Service (<c>spec.sessionAffinity</c>); API spellings.</summary>
public enum SessionAffinity
{
    /// <summary>No affinity (the default).</summary>
    None = 0,

    /// <summary>Connections from one client IP go to the same endpoint for <see cref="ClientIPConfig.TimeoutSeconds"/>.</summary>
    ClientIP = 1,
}
