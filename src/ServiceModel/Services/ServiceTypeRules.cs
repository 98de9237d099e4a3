using System.Collections.Immutable;
using ServiceModel.Internal;
using ServiceModel.Labels;
using ServiceModel.Validation;

namespace ServiceModel.Services;

// What the Service's type requires and forbids: ExternalName's name and missing cluster IPs, no
// headless NodePort or LoadBalancer, the load-balancer-only fields and the load balancer class.
internal static class ServiceTypeRules
{
    public const string MayNotChange = "may not change once set";

    private const string LoadBalancerOnly = "may only be used when `type` is 'LoadBalancer'";
    private const string InvalidCidrMessage = "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)";

    public static void ValidateTypeSpecific(ServiceSpec spec, bool headless, ImmutableArray<ValidationError>.Builder errors)
    {
        switch (spec.Type)
        {
            case ServiceType.LoadBalancer when headless:
                errors.Add(ValidationError.Invalid("spec.clusterIPs[0]", spec.ClusterIPs[0], "may not be set to 'None' for LoadBalancer services"));
                break;
            case ServiceType.NodePort when headless:
                errors.Add(ValidationError.Invalid("spec.clusterIPs[0]", spec.ClusterIPs[0], "may not be set to 'None' for NodePort services"));
                break;
            case ServiceType.ExternalName:
                if (!spec.ClusterIPs.IsEmpty)
                {
                    errors.Add(ValidationError.Forbidden("spec.clusterIPs", "may not be set for ExternalName services"));
                }

                if (!spec.IPFamilies.IsEmpty)
                {
                    errors.Add(ValidationError.Forbidden("spec.ipFamilies", "may not be set for ExternalName services"));
                }

                if (spec.IPFamilyPolicy is not null)
                {
                    errors.Add(ValidationError.Forbidden("spec.ipFamilyPolicy", "may not be set for ExternalName services"));
                }

                // A trailing dot marks the CNAME as fully qualified and is not part of the name.
                var externalName = spec.ExternalName ?? "";
                var cname = externalName.EndsWith('.') ? externalName[..^1] : externalName;

                if (cname.Length > 0)
                {
                    foreach (var message in LabelValidation.ValidateDns1123Subdomain(cname))
                    {
                        errors.Add(ValidationError.Invalid("spec.externalName", cname, message));
                    }
                }
                else
                {
                    errors.Add(ValidationError.Required("spec.externalName"));
                }

                break;
        }
    }

    public static void ValidateLoadBalancerFields(
        ServiceSpec spec,
        ImmutableDictionary<string, string> annotations,
        ImmutableDictionary<string, string>? oldAnnotations,
        ImmutableArray<ValidationError>.Builder errors)
    {
        var ranges = spec.LoadBalancerSourceRanges;
        if (!ranges.IsEmpty)
        {
            // Upstream spells this path with a capital L.
            const string path = "spec.LoadBalancerSourceRanges";
            if (spec.Type != ServiceType.LoadBalancer)
            {
                errors.Add(ValidationError.Forbidden(path, LoadBalancerOnly));
            }

            for (var i = 0; i < ranges.Length; i++)
            {
                // Historical annotation values were space-padded, so padding is tolerated.
                var value = ranges[i].Trim();
                if (!IPText.IsValidCidr(value))
                {
                    errors.Add(ValidationError.Invalid(ServiceValidator.Index(path, i), value, InvalidCidrMessage));
                }
            }
        }
        else if (annotations.TryGetValue(ServiceValidator.LoadBalancerSourceRangesAnnotation, out var annotation))
        {
            // The annotation is read only when the field is empty; every range is reported at the
            // annotation's own path, without an index.
            const string path = "metadata.annotations[" + ServiceValidator.LoadBalancerSourceRangesAnnotation + "]";
            if (spec.Type != ServiceType.LoadBalancer)
            {
                errors.Add(ValidationError.Forbidden(path, LoadBalancerOnly));
            }

            // On update an annotation value identical to the stored one is not parsed again: a value
            // accepted by an older release stays accepted (upstream compares the raw text, and a
            // missing old annotation counts as "").
            var unchanged = oldAnnotations is not null
                && string.Equals(oldAnnotations.GetValueOrDefault(ServiceValidator.LoadBalancerSourceRangesAnnotation, ""), annotation, StringComparison.Ordinal);
            var text = annotation.Trim();
            if (!unchanged && text.Length > 0)
            {
                foreach (var part in text.Split(','))
                {
                    var value = part.Trim();
                    if (!IPText.IsValidCidr(value))
                    {
                        errors.Add(ValidationError.Invalid(path, value, InvalidCidrMessage));
                    }
                }
            }
        }

        if (spec.AllocateLoadBalancerNodePorts is not null && spec.Type != ServiceType.LoadBalancer)
        {
            errors.Add(ValidationError.Forbidden("spec.allocateLoadBalancerNodePorts", LoadBalancerOnly));
        }

        if (spec.Type == ServiceType.LoadBalancer && spec.AllocateLoadBalancerNodePorts is null)
        {
            // Upstream reports this without the "spec." prefix.
            errors.Add(ValidationError.Required("allocateLoadBalancerNodePorts"));
        }
    }

    public static void ValidateLoadBalancerClass(ServiceSpec? oldSpec, ServiceSpec spec, ImmutableArray<ValidationError>.Builder errors)
    {
        if (oldSpec is { Type: ServiceType.LoadBalancer } && spec.Type == ServiceType.LoadBalancer
            && !string.Equals(oldSpec.LoadBalancerClass, spec.LoadBalancerClass, StringComparison.Ordinal))
        {
            errors.Add(ValidationError.Invalid("spec.loadBalancerClass", spec.LoadBalancerClass, MayNotChange));
        }

        if (spec.LoadBalancerClass is null)
        {
            return;
        }

        if (spec.Type == ServiceType.LoadBalancer)
        {
            foreach (var message in LabelValidation.ValidateKey(spec.LoadBalancerClass))
            {
                errors.Add(ValidationError.Invalid("spec.loadBalancerClass", spec.LoadBalancerClass, message));
            }
        }
        else
        {
            errors.Add(ValidationError.Forbidden("spec.loadBalancerClass", LoadBalancerOnly));
        }
    }
}
