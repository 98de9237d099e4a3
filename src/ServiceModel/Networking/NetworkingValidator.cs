using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using ServiceModel.Internal;
using ServiceModel.Validation;

namespace ServiceModel.Networking;

/// <summary>
/// Kubernetes' validation of networking.k8s.io/v1 <c>ServiceCIDR</c> and <c>IPAddress</c> objects
/// (<c>pkg/apis/networking/validation</c> at v1.35, with the strict IP and CIDR rules of KEP-4858),
/// returning the errors with the API server's field paths and texts.
/// </summary>
/// <remarks>All members are pure and thread-safe.</remarks>
public static class NetworkingValidator
{
    private const string ImmutableMessage = "field is immutable";

    /// <summary>Validates a ServiceCIDR on create (upstream <c>ValidateServiceCIDR</c>).</summary>
    /// <param name="serviceCidr">The object.</param>
    /// <returns>Every error, in upstream's order; empty when the object is valid.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="serviceCidr"/> is null.</exception>
    public static ImmutableArray<ValidationError> ValidateServiceCidr(ServiceCidrObject serviceCidr)
    {
        ArgumentNullException.ThrowIfNull(serviceCidr);
        var errors = ImmutableArray.CreateBuilder<ValidationError>();
        if (serviceCidr.Name.Length == 0)
        {
            errors.Add(ValidationError.Required("metadata.name", "name or generateName is required"));
        }
        else
        {
            foreach (var message in DnsNames.SubdomainErrors(serviceCidr.Name, DnsNames.FieldLength))
            {
                errors.Add(ValidationError.Invalid("metadata.name", serviceCidr.Name, message));
            }
        }

        ValidateCidrs(serviceCidr.Cidrs, errors);
        return errors.ToImmutable();
    }

    /// <summary>
    /// Validates an update of a ServiceCIDR (upstream's update strategy: the object is validated as
    /// on create, then <c>ValidateServiceCIDRUpdate</c>): <c>spec.cidrs</c> is immutable except
    /// that a single-stack object may gain a second range of the other family (the single- to
    /// dual-stack upgrade the default <c>kubernetes</c> object goes through).
    /// </summary>
    /// <param name="updated">The new object.</param>
    /// <param name="old">The stored object.</param>
    /// <returns>Every error; empty when the update is allowed.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static ImmutableArray<ValidationError> ValidateServiceCidrUpdate(ServiceCidrObject updated, ServiceCidrObject old)
    {
        ArgumentNullException.ThrowIfNull(updated);
        ArgumentNullException.ThrowIfNull(old);
        var errors = ValidateServiceCidr(updated).ToBuilder();
        ValidateNameUnchanged(updated.Name, old.Name, errors);
        var next = updated.Cidrs;
        var previous = old.Cidrs;
        if (next.Length == previous.Length)
        {
            for (var i = 0; i < previous.Length; i++)
            {
                if (!string.Equals(previous[i], next[i], StringComparison.Ordinal))
                {
                    errors.Add(ValidationError.Invalid(Index("spec.cidrs", i), next[i], ImmutableMessage));
                }
            }
        }
        else if (previous.Length == 1 && next.Length == 2)
        {
            if (!string.Equals(previous[0], next[0], StringComparison.Ordinal))
            {
                errors.Add(ValidationError.Invalid("spec.cidrs[0]", next[0], ImmutableMessage));
            }

            ValidateCidrs(next, errors);
        }
        else
        {
            errors.Add(ValidationError.Invalid("spec.cidrs", next, ImmutableMessage));
        }

        return errors.ToImmutable();
    }

    /// <summary>Validates an IPAddress on create (upstream <c>ValidateIPAddress</c>).</summary>
    /// <param name="ipAddress">The object.</param>
    /// <returns>Every error, in upstream's order; empty when the object is valid.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="ipAddress"/> is null.</exception>
    public static ImmutableArray<ValidationError> ValidateIPAddress(IPAddressObject ipAddress)
    {
        ArgumentNullException.ThrowIfNull(ipAddress);
        var errors = ImmutableArray.CreateBuilder<ValidationError>();
        if (ipAddress.Name.Length == 0)
        {
            errors.Add(ValidationError.Required("metadata.name", "name or generateName is required"));
        }
        else if (IPProblem(ipAddress.Name) is { } problem)
        {
            errors.Add(ValidationError.Invalid("metadata.name", ipAddress.Name, problem));
        }

        ValidateParentReference(ipAddress.ParentRef, errors);
        return errors.ToImmutable();
    }

    /// <summary>Validates an update of an IPAddress: as on create, and <c>spec.parentRef</c> is immutable.</summary>
    /// <param name="updated">The new object.</param>
    /// <param name="old">The stored object.</param>
    /// <returns>Every error; empty when the update is allowed.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static ImmutableArray<ValidationError> ValidateIPAddressUpdate(IPAddressObject updated, IPAddressObject old)
    {
        ArgumentNullException.ThrowIfNull(updated);
        ArgumentNullException.ThrowIfNull(old);
        var errors = ValidateIPAddress(updated).ToBuilder();
        ValidateNameUnchanged(updated.Name, old.Name, errors);
        if (!Equals(updated.ParentRef, old.ParentRef))
        {
            errors.Add(ValidationError.Invalid("spec.parentRef", updated.ParentRef, ImmutableMessage));
        }

        return errors.ToImmutable();
    }

    /// <summary>
    /// Upstream's strict CIDR check (<c>IsValidCIDR</c>): why <paramref name="text"/> is not a valid
    /// CIDR in canonical form, or null when it is.
    /// </summary>
    internal static string? CidrProblem(string text)
    {
        const string Invalid = "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)";
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || !IPText.TryParse(text[..slash], out var address))
        {
            return Invalid;
        }

        var prefixText = text[(slash + 1)..];
        if (prefixText.Length is 0 or > 3 || !prefixText.All(char.IsAsciiDigit))
        {
            return Invalid;
        }

        var prefix = int.Parse(prefixText, NumberStyles.None, CultureInfo.InvariantCulture);
        var isIPv6 = address.AddressFamily == AddressFamily.InterNetworkV6;
        if (prefix > (isIPv6 ? 128 : 32))
        {
            return Invalid;
        }

        var addressText = text[..slash];
        if (HasLeadingZero(addressText, isIPv6) || (prefixText.Length > 1 && prefixText[0] == '0'))
        {
            return "must not have leading 0s in IP or prefix length";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return "must not have an IPv4-mapped IPv6 address";
        }

        var network = new ServiceCidr(Masked(address, prefix), prefix);
        if (!network.NetworkAddress.Equals(address))
        {
            return "must not have bits set beyond the prefix length";
        }

        var canonical = network.ToString();
        return string.Equals(canonical, text, StringComparison.Ordinal) ? null : $"must be in canonical form ({GoText.Quote(canonical)})";
    }

    /// <summary>Upstream's strict IP check (<c>IsValidIP</c>): why the text is not a canonical IP, or null.</summary>
    internal static string? IPProblem(string text)
    {
        if (!IPText.TryParse(text, out var address))
        {
            return "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)";
        }

        var isIPv6 = address.AddressFamily == AddressFamily.InterNetworkV6;
        if (HasLeadingZero(text, isIPv6))
        {
            return "must not have leading 0s";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return "must not be an IPv4-mapped IPv6 address";
        }

        var canonical = IPText.Format(address);
        return string.Equals(canonical, text, StringComparison.Ordinal) ? null : $"must be in canonical form ({GoText.Quote(canonical)})";
    }

    private static void ValidateCidrs(ImmutableArray<string> cidrs, ImmutableArray<ValidationError>.Builder errors)
    {
        if (cidrs.IsEmpty)
        {
            errors.Add(ValidationError.Required("spec.cidrs", "at least one CIDR required"));
            return;
        }

        if (cidrs.Length > 2)
        {
            // Upstream reports the whole (internal, untagged) ServiceCIDRSpec: {"CIDRs":[...]}.
            errors.Add(ValidationError.Invalid("spec.cidrs", ImmutableDictionary<string, ImmutableArray<string>>.Empty.Add("CIDRs", cidrs), "may only hold up to 2 values"));
            return;
        }

        for (var i = 0; i < cidrs.Length; i++)
        {
            if (CidrProblem(cidrs[i] ?? "") is { } problem)
            {
                errors.Add(ValidationError.Invalid(Index("spec.cidrs", i), cidrs[i], problem));
            }
        }

        if (cidrs.Length == 2 && FamilyOfCidr(cidrs[0]) is { } first && FamilyOfCidr(cidrs[1]) == first)
        {
            errors.Add(ValidationError.Invalid("spec.cidrs", cidrs, "may specify no more than one IP for each IP family, i.e 192.168.0.0/24 and 2001:db8::/64"));
        }
    }

    private static void ValidateParentReference(ParentReference? parent, ImmutableArray<ValidationError>.Builder errors)
    {
        if (parent is null)
        {
            errors.Add(ValidationError.Required("spec.parentRef"));
            return;
        }

        if (parent.Group.Length != 0)
        {
            foreach (var message in DnsNames.SubdomainErrors(parent.Group, DnsNames.FieldLength))
            {
                errors.Add(ValidationError.Invalid("spec.parentRef.group", parent.Group, message));
            }
        }

        PathSegment("spec.parentRef.resource", parent.Resource, required: true, errors);
        PathSegment("spec.parentRef.name", parent.Name, required: true, errors);
        PathSegment("spec.parentRef.namespace", parent.Namespace, required: false, errors);
    }

    // apimachinery's IsValidPathSegmentName: not "." or "..", and neither '/' nor '%'.
    private static void PathSegment(string field, string value, bool required, ImmutableArray<ValidationError>.Builder errors)
    {
        if (value.Length == 0)
        {
            if (required)
            {
                errors.Add(ValidationError.Required(field));
            }

            return;
        }

        if (value is "." or "..")
        {
            errors.Add(ValidationError.Invalid(field, value, $"may not be '{value}'"));
            return;
        }

        foreach (var illegal in new[] { "/", "%" })
        {
            if (value.Contains(illegal, StringComparison.Ordinal))
            {
                errors.Add(ValidationError.Invalid(field, value, $"may not contain '{illegal}'"));
            }
        }
    }

    private static void ValidateNameUnchanged(string updated, string old, ImmutableArray<ValidationError>.Builder errors)
    {
        if (!string.Equals(updated, old, StringComparison.Ordinal))
        {
            errors.Add(ValidationError.Invalid("metadata.name", updated, ImmutableMessage));
        }
    }

    private static IPFamily? FamilyOfCidr(string? cidr)
    {
        var slash = cidr?.IndexOf('/', StringComparison.Ordinal) ?? -1;
        return slash >= 0 && IPText.TryParse(cidr![..slash], out var address) ? IPFamilies.FamilyOf(address) : null;
    }

    private static bool HasLeadingZero(string addressText, bool isIPv6)
    {
        if (isIPv6)
        {
            // Go's netip accepts an embedded dotted quad only without leading zeros.
            var lastColon = addressText.LastIndexOf(':');
            return addressText.IndexOf('.', StringComparison.Ordinal) > lastColon && HasLeadingZero(addressText[(lastColon + 1)..], false);
        }

        foreach (var part in addressText.Split('.'))
        {
            if (part.Length > 1 && part[0] == '0')
            {
                return true;
            }
        }

        return false;
    }

    private static IPAddress Masked(IPAddress address, int prefix)
    {
        var bytes = address.GetAddressBytes();
        for (var bit = prefix; bit < bytes.Length * 8; bit++)
        {
            bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        }

        return new IPAddress(bytes);
    }

    private static string Index(string field, int index) => field + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";

}
