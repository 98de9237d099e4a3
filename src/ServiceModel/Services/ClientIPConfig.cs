namespace ServiceModel.Services;

/// <summary>Settings of ClientIP session affinity (<c>spec.sessionAffinityConfig.clientIP</c>).</summary>
public sealed record ClientIPConfig
{
    /// <summary>Kubernetes' default sticky time, 10800 seconds (3 hours).</summary>
    public const int DefaultTimeoutSeconds = 10800;

    /// <summary>The largest sticky time Kubernetes accepts, 86400 seconds (1 day).</summary>
    public const int MaxTimeoutSeconds = 86400;

    /// <summary>How long a client stays on one endpoint, 1-86400 seconds; <see langword="null"/> until defaulted to <see cref="DefaultTimeoutSeconds"/>.</summary>
    public int? TimeoutSeconds { get; init; }
}
