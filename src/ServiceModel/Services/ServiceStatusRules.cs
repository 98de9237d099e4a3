using ServiceModel.Validation;
using System.Collections.Immutable;
using ServiceModel.Internal;
using ServiceModel.Labels;

namespace ServiceModel.Services;

// status.loadBalancer as a status update checks it: ingress only for LoadBalancer Services (the
// AllowServiceLBStatusOnNonLB gate is off), then per ingress point its IP, ipMode and hostname.
internal static class ServiceStatusRules
{
    /// <summary>The <c>ipMode</c> values v1.35 accepts (the LoadBalancerIPMode gate is GA and locked on since v1.32).</summary>
    public static readonly string[] IPModes = ["Proxy", "VIP"];

    public static void ValidateLoadBalancerStatus(Service service, ImmutableArray<ValidationError>.Builder errors)
    {
        var ingress = service.Status.LoadBalancer.Ingress;
        const string path = "status.loadBalancer.ingress";
        if (service.Spec.Type != ServiceType.LoadBalancer)
        {
            if (!ingress.IsEmpty)
            {
                errors.Add(ValidationError.Forbidden(path, "may only be used when `spec.type` is 'LoadBalancer'"));
            }

            return;
        }

        for (var i = 0; i < ingress.Length; i++)
        {
            var item = ingress[i];
            ArgumentNullException.ThrowIfNull(item, nameof(service));
            var at = ServiceValidator.Index(path, i);
            var ip = item.IP ?? "";
            if (ip.Length > 0 && !IPText.TryParse(ip, out _))
            {
                errors.Add(ValidationError.Invalid(at + ".ip", ip, ServiceIPRules.InvalidIPMessage));
            }

            if (item.IPMode is null)
            {
                if (ip.Length > 0)
                {
                    errors.Add(ValidationError.Required(at + ".ipMode", "must be specified when `ip` is set"));
                }
            }
            else if (ip.Length == 0)
            {
                errors.Add(ValidationError.Forbidden(at + ".ipMode", "may not be specified when `ip` is not set"));
            }
            else if (Array.IndexOf(IPModes, item.IPMode) < 0)
            {
                errors.Add(ValidationError.NotSupported(at + ".ipMode", item.IPMode, IPModes));
            }

            var hostname = item.Hostname ?? "";
            if (hostname.Length > 0)
            {
                foreach (var message in LabelValidation.ValidateDns1123Subdomain(hostname))
                {
                    errors.Add(ValidationError.Invalid(at + ".hostname", hostname, message));
                }

                if (IPText.TryParse(hostname, out _))
                {
                    errors.Add(ValidationError.Invalid(at + ".hostname", hostname, "must be a DNS name, not an IP address"));
                }
            }
        }
    }
}
