namespace ServiceModel.Discovery;

/// <summary>
/// The kind of address every endpoint of an <see cref="EndpointSlice"/> carries (<c>addressType</c>),
/// spelled as the <c>discovery.k8s.io/v1</c> API spells it.
/// </summary>
public enum AddressType
{
    /// <summary>IPv4 addresses (<c>"IPv4"</c>).</summary>
    IPv4 = 0,

    /// <summary>IPv6 addresses (<c>"IPv6"</c>).</summary>
    IPv6 = 1,

    /// <summary>Fully qualified domain names (<c>"FQDN"</c>); never produced by the controller.</summary>
    FQDN = 2,
}
