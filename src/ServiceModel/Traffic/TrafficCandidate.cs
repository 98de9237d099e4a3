using System.Globalization;

namespace ServiceModel.Traffic;

/// <summary>An endpoint a connection may reach, with the chance that it does. A small immutable value.</summary>
/// <param name="Address">The endpoint's IP address text (the first address of the EndpointSlice endpoint, as kube-proxy uses).</param>
/// <param name="Port">The port on the endpoint (the slice port matching the Service port).</param>
/// <param name="NodeName">The node the endpoint runs on; null when the slice does not say.</param>
/// <param name="Zone">The endpoint's zone; null when unknown.</param>
/// <param name="IsLocal">True when the endpoint runs on the entry node.</param>
/// <param name="Ready">The endpoint's ready condition (unset reads as true).</param>
/// <param name="Serving">The endpoint's serving condition (unset reads as true).</param>
/// <param name="Terminating">The endpoint's terminating condition (unset reads as false).</param>
/// <param name="Probability">The chance, in (0, 1], that a new connection reaches this endpoint.</param>
public readonly record struct TrafficCandidate(
    string Address,
    int Port,
    string? NodeName,
    string? Zone,
    bool IsLocal,
    bool Ready,
    bool Serving,
    bool Terminating,
    double Probability)
{
    /// <summary>The endpoint as kube-proxy names it: <c>10.244.1.5:8080</c>, or <c>[fd00::5]:8080</c> for IPv6.</summary>
    public string Endpoint => Address.Contains(':', StringComparison.Ordinal)
        ? string.Create(CultureInfo.InvariantCulture, $"[{Address}]:{Port}")
        : string.Create(CultureInfo.InvariantCulture, $"{Address}:{Port}");
}
