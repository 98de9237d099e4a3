namespace ServiceModel.Services;

/// <summary>Session affinity settings (<c>spec.sessionAffinityConfig</c>); only meaningful with <see cref="SessionAffinity.ClientIP"/>.</summary>
public sealed record SessionAffinityConfig
{
    /// <summary>ClientIP affinity settings. Default <see langword="null"/>.</summary>
    public ClientIPConfig? ClientIP { get; init; }
}
