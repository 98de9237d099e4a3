using System.Globalization;

using ServiceModel.Internal;

namespace ServiceModel.Traffic;

/// <summary>An endpoint a connection may reach, with the chance that it does. A small immutable value.</summary>
/// <remarks>
/// Init-only properties rather than a positional constructor, so that the next condition or field
/// Kubernetes adds to an endpoint can be added here without breaking callers. A candidate does not
/// depend on the entry node (compare <see cref="NodeName"/> with <see cref="TrafficRequest.NodeName"/>
/// to tell a local one), so a <see cref="TrafficTable"/> hands the same candidates to every node.
/// </remarks>
public readonly record struct TrafficCandidate
{
    /// <summary>The endpoint's IP address text, as the EndpointSlice carries it (its first address, as kube-proxy uses).</summary>
    /// <exception cref="ArgumentNullException">Set to <see langword="null"/> (also through <see langword="with"/>).</exception>
    public required string Address { get; init => field = ModelGuard.NotNull(value, nameof(Address)); }

    /// <summary>The port on the endpoint (the slice port matching the Service port).</summary>
    public required int Port { get; init; }

    /// <summary>The node the endpoint runs on; <see langword="null"/> (the default) when the slice does not say.</summary>
    public string? NodeName { get; init; }

    /// <summary>The endpoint's zone; <see langword="null"/> (the default) when unknown.</summary>
    public string? Zone { get; init; }

    /// <summary>The endpoint's ready condition, an unset condition read as true. Default false.</summary>
    public bool Ready { get; init; }

    /// <summary>The endpoint's serving condition, an unset condition read as true. Default false.</summary>
    public bool Serving { get; init; }

    /// <summary>The endpoint's terminating condition, an unset condition read as false. Default false.</summary>
    public bool Terminating { get; init; }

    /// <summary>The chance, in (0, 1], that a new connection reaches this endpoint.</summary>
    public required double Probability { get; init; }

    /// <summary>The endpoint as kube-proxy names it: <c>10.244.1.5:8080</c>, or <c>[fd00::5]:8080</c> for IPv6.</summary>
    public string Endpoint => FormatEndpoint(Address, Port);

    internal static string FormatEndpoint(string address, int port) => address.Contains(':', StringComparison.Ordinal)
        ? string.Create(CultureInfo.InvariantCulture, $"[{address}]:{port}")
        : string.Create(CultureInfo.InvariantCulture, $"{address}:{port}");
}
