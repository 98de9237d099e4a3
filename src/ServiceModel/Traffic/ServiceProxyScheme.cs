namespace ServiceModel.Traffic;

/// <summary>
/// The scheme part of a service proxy path's <c>[scheme:]name[:port]</c> segment: the protocol
/// the API server uses to reach the endpoint. Upstream allows only <c>http</c>, <c>https</c> or nothing.
/// </summary>
public enum ServiceProxyScheme
{
    /// <summary>No scheme in the path (the API server then uses plain HTTP).</summary>
    Unspecified = 0,

    /// <summary><c>http:</c></summary>
    Http = 1,

    /// <summary><c>https:</c></summary>
    Https = 2,
}
