using System.Collections.Immutable;
using System.Net;
using ServiceModel.Internal;
using ServiceModel.Networking;
using ServiceModel.Validation;

namespace ServiceModel.Services;

// The IP fields of a Service: clusterIP/clusterIPs, ipFamilies and ipFamilyPolicy as one consistent
// set (upstream's ValidateServiceClusterIPsRelatedFields), and each external IP.
internal static class ServiceIPRules
{
    public const string InvalidIPMessage = "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)";

    private static readonly string[] s_ipFamilies = ["IPv4", "IPv6"];
    private static readonly string[] s_ipFamilyPolicies = ["PreferDualStack", "RequireDualStack", "SingleStack"];

    // ValidateServiceClusterIPsRelatedFields: also run by defaulting before it infers families.
    public static void ValidateClusterIPFields(ServiceSpec spec, ImmutableArray<ValidationError>.Builder errors)
    {
        if (spec.Type == ServiceType.ExternalName)
        {
            return;
        }

        var clusterIPs = spec.ClusterIPs;
        var families = spec.IPFamilies;
        if (!string.IsNullOrEmpty(spec.ClusterIP))
        {
            if (clusterIPs.IsEmpty)
            {
                errors.Add(ValidationError.Required("spec.clusterIPs"));
            }
            else if (!string.Equals(clusterIPs[0], spec.ClusterIP, StringComparison.Ordinal))
            {
                errors.Add(ValidationError.Invalid("spec.clusterIPs", clusterIPs, "first value must match `clusterIP`"));
            }
        }
        else if (!clusterIPs.IsEmpty)
        {
            errors.Add(ValidationError.Invalid("spec.clusterIPs", clusterIPs, "must be empty when `clusterIP` is not specified"));
        }

        var seen = new HashSet<IPFamily>();
        for (var i = 0; i < families.Length; i++)
        {
            if (!Enum.IsDefined(families[i]))
            {
                errors.Add(ValidationError.NotSupported(ServiceValidator.Index("spec.ipFamilies", i), families[i], s_ipFamilies));
            }

            if (!seen.Add(families[i]))
            {
                errors.Add(ValidationError.Duplicate(ServiceValidator.Index("spec.ipFamilies", i), families[i]));
            }
        }

        if (spec.IPFamilyPolicy is { } policy && !Enum.IsDefined(policy))
        {
            errors.Add(ValidationError.NotSupported("spec.ipFamilyPolicy", policy, s_ipFamilyPolicies));
        }

        var hasInvalidIPs = false;
        for (var i = 0; i < clusterIPs.Length; i++)
        {
            if (i == 0 && clusterIPs[0] == ServiceSpec.ClusterIPNone)
            {
                if (clusterIPs.Length > 1)
                {
                    hasInvalidIPs = true;
                    errors.Add(ValidationError.Invalid("spec.clusterIPs", clusterIPs, "'None' must be the first and only value"));
                }

                continue;
            }

            if (!IPText.TryParse(clusterIPs[i], out _))
            {
                hasInvalidIPs = true;
                errors.Add(ValidationError.Invalid(ServiceValidator.Index("spec.clusterIPs", i), clusterIPs[i], InvalidIPMessage));
            }
        }

        if (clusterIPs.Length > 2)
        {
            errors.Add(ValidationError.Invalid("spec.clusterIPs", clusterIPs, "may only hold up to 2 values"));
        }

        if (hasInvalidIPs)
        {
            return;
        }

        if (clusterIPs.Length > 1)
        {
            var parsed = clusterIPs.Select(ip => IPFamilies.FamilyOf(Parse(ip))).ToList();
            if (!(parsed.Contains(IPFamily.IPv4) && parsed.Contains(IPFamily.IPv6)))
            {
                errors.Add(ValidationError.Invalid("spec.clusterIPs", clusterIPs, "may specify no more than one IP for each IP family"));
            }
        }

        if (!IsHeadless(spec) && !clusterIPs.IsEmpty && !families.IsEmpty)
        {
            for (var i = 0; i < clusterIPs.Length && i < families.Length; i++)
            {
                var isV6 = IPFamilies.FamilyOf(Parse(clusterIPs[i])) == IPFamily.IPv6;
                if (families[i] == IPFamily.IPv4 && isV6)
                {
                    errors.Add(ValidationError.Invalid(ServiceValidator.Index("spec.clusterIPs", i), clusterIPs[i], $"expected an IPv4 value as indicated by `ipFamilies[{i}]`"));
                }

                if (families[i] == IPFamily.IPv6 && !isV6)
                {
                    errors.Add(ValidationError.Invalid(ServiceValidator.Index("spec.clusterIPs", i), clusterIPs[i], $"expected an IPv6 value as indicated by `ipFamilies[{i}]`"));
                }
            }
        }
    }

    // Upstream's isHeadlessService looks at clusterIPs, not clusterIP.
    public static bool IsHeadless(ServiceSpec spec)
        => spec.ClusterIPs is { IsDefault: false, Length: 1 } ips && ips[0] == ServiceSpec.ClusterIPNone;

    public static void ValidateExternalIP(string ip, string path, ImmutableArray<ValidationError>.Builder errors)
    {
        if (!IPText.TryParse(ip, out var address))
        {
            errors.Add(ValidationError.Invalid(path, ip, InvalidIPMessage));
            return;
        }

        var a = IPText.AsComparable(address);
        if (a.Equals(IPAddress.Any) || a.Equals(IPAddress.IPv6Any))
        {
            errors.Add(ValidationError.Invalid(path, ip, $"may not be unspecified ({ip})"));
        }

        if (IPAddress.IsLoopback(a))
        {
            errors.Add(ValidationError.Invalid(path, ip, "may not be in the loopback range (127.0.0.0/8, ::1/128)"));
        }

        var bytes = a.GetAddressBytes();
        var isV4 = bytes.Length == 4;
        if (isV4 ? bytes[0] == 169 && bytes[1] == 254 : a.IsIPv6LinkLocal)
        {
            errors.Add(ValidationError.Invalid(path, ip, "may not be in the link-local range (169.254.0.0/16, fe80::/10)"));
        }

        if (isV4 ? bytes[0] == 224 && bytes[1] == 0 && bytes[2] == 0 : bytes[0] == 0xff && (bytes[1] & 0x0f) == 0x02)
        {
            errors.Add(ValidationError.Invalid(path, ip, "may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)"));
        }
    }

    private static IPAddress Parse(string text) => IPText.TryParse(text, out var ip) ? ip : IPAddress.None;
}
