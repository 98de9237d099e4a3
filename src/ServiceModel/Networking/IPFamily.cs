namespace ServiceModel.Networking;

/// <summary>
/// The IP family of an address or range, as Kubernetes spells it in <c>spec.ipFamilies</c>.
/// </summary>
public enum IPFamily
{
    /// <summary>IPv4 (<c>"IPv4"</c> in the Kubernetes API).</summary>
    IPv4 = 0,

    /// <summary>IPv6 (<c>"IPv6"</c> in the Kubernetes API).</summary>
    IPv6 = 1,
}
