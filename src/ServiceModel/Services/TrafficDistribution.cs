namespace ServiceModel.Services;

/// <summary>
/// The values of <see cref="ServiceSpec.TrafficDistribution"/> (<c>spec.trafficDistribution</c>) that
/// Kubernetes v1.35 accepts, as the API spells them (case-sensitive).
/// </summary>
/// <remarks>
/// In v1.35 all three are generally available (KEP-3015, feature gate <c>PreferSameTrafficDistribution</c>
/// GA and on): validation accepts them, the EndpointSlice controller hints ready endpoints for their
/// zone (and node for <see cref="PreferSameNode"/>), and kube-proxy prefers those endpoints.
/// <see cref="PreferClose"/> is the deprecated older name of <see cref="PreferSameZone"/>: the two behave
/// identically and are kept distinct on the object (neither is rewritten to the other).
/// </remarks>
public static class TrafficDistribution
{
    /// <summary><c>PreferClose</c>: the deprecated alias of <see cref="PreferSameZone"/>, accepted and acted on alike.</summary>
    public const string PreferClose = "PreferClose";

    /// <summary><c>PreferSameZone</c>: prefer endpoints in the client's zone, else any.</summary>
    public const string PreferSameZone = "PreferSameZone";

    /// <summary><c>PreferSameNode</c>: prefer endpoints on the client's node, then in its zone, else any.</summary>
    public const string PreferSameNode = "PreferSameNode";

    /// <summary>The accepted values in the order v1.35's validation lists them in its "supported values" message.</summary>
    internal static readonly string[] Supported = [PreferClose, PreferSameZone, PreferSameNode];

    /// <summary>Whether <paramref name="value"/> is one of the three accepted values (ordinal comparison).</summary>
    /// <param name="value">A <c>spec.trafficDistribution</c> value; null (unset) is not a value.</param>
    /// <returns><see langword="true"/> for <see cref="PreferClose"/>, <see cref="PreferSameZone"/> or <see cref="PreferSameNode"/>.</returns>
    public static bool IsSupported(string? value) => value is PreferClose or PreferSameZone or PreferSameNode;

    /// <summary>Whether <paramref name="value"/> asks for same-zone preference: <see cref="PreferSameZone"/> or its deprecated alias <see cref="PreferClose"/>.</summary>
    /// <param name="value">A <c>spec.trafficDistribution</c> value; null when unset.</param>
    /// <returns><see langword="true"/> for <see cref="PreferSameZone"/> and <see cref="PreferClose"/>.</returns>
    public static bool IsSameZone(string? value) => value is PreferClose or PreferSameZone;
}
