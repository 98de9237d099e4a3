namespace ServiceModel.Networking;

/// <summary>Why a ServiceCIDR operation of the multi-CIDR allocator failed.</summary>
public enum ServiceCidrError
{
    /// <summary>An object of that name exists (<c>servicecidrs.networking.k8s.io "x" already exists</c>).</summary>
    AlreadyExists = 0,

    /// <summary>No object of that name exists (<c>servicecidrs.networking.k8s.io "x" not found</c>).</summary>
    NotFound = 1,

    /// <summary>
    /// An IPv6 range is larger than a /64 (<c>shortest allowed prefix length for service CIDR is 64, got 48</c>),
    /// more than the allocator can address.
    /// </summary>
    PrefixTooShort = 2,
}
