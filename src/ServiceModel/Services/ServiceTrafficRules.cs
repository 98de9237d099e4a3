using System.Collections.Immutable;
using System.Globalization;
using ServiceModel.Validation;

namespace ServiceModel.Services;

// How traffic is routed: session affinity and its ClientIP timeout, the external and internal
// traffic policies, the health-check node port that external policy Local needs, and the traffic
// distribution.
internal static class ServiceTrafficRules
{
    private const string ClientIPRequired = "when session affinity type is ClientIP";

    private static readonly string[] s_sessionAffinities = ["ClientIP", "None"];
    private static readonly string[] s_trafficPolicies = ["Cluster", "Local"];

    public static void ValidateSessionAffinity(ServiceSpec spec, ImmutableArray<ValidationError>.Builder errors)
    {
        if (!Enum.IsDefined(spec.SessionAffinity))
        {
            errors.Add(ValidationError.NotSupported("spec.sessionAffinity", spec.SessionAffinity, s_sessionAffinities));
        }

        if (spec.SessionAffinity == SessionAffinity.ClientIP)
        {
            if (spec.SessionAffinityConfig is null)
            {
                errors.Add(ValidationError.Required("spec.sessionAffinityConfig", ClientIPRequired));
            }
            else if (spec.SessionAffinityConfig.ClientIP is null)
            {
                errors.Add(ValidationError.Required("spec.sessionAffinityConfig.clientIP", ClientIPRequired));
            }
            else if (spec.SessionAffinityConfig.ClientIP.TimeoutSeconds is not { } timeout)
            {
                errors.Add(ValidationError.Required("spec.sessionAffinityConfig.clientIP.timeoutSeconds", ClientIPRequired));
            }
            else if (timeout is <= 0 or > ClientIPConfig.MaxTimeoutSeconds)
            {
                errors.Add(ValidationError.Invalid(
                    "spec.sessionAffinityConfig.clientIP.timeoutSeconds",
                    timeout,
                    "must be greater than 0 and less than " + ClientIPConfig.MaxTimeoutSeconds.ToString(CultureInfo.InvariantCulture)));
            }
        }
        else if (spec.SessionAffinity == SessionAffinity.None && spec.SessionAffinityConfig is not null)
        {
            errors.Add(ValidationError.Forbidden("spec.sessionAffinityConfig", "must not be set when session affinity is None"));
        }
    }

    public static void ValidateTrafficPolicies(ServiceSpec spec, ImmutableArray<ValidationError>.Builder errors)
    {
        if (!ServiceTypeLayering.IsExternallyAccessible(spec))
        {
            if (spec.ExternalTrafficPolicy is { } policy)
            {
                errors.Add(ValidationError.Invalid("spec.externalTrafficPolicy", policy, "may only be set for externally-accessible services"));
            }
        }
        else if (spec.ExternalTrafficPolicy is not { } policy)
        {
            errors.Add(ValidationError.Required("spec.externalTrafficPolicy"));
        }
        else if (!Enum.IsDefined(policy))
        {
            errors.Add(ValidationError.NotSupported("spec.externalTrafficPolicy", policy, s_trafficPolicies));
        }

        if (!ServiceTypeLayering.NeedsHealthCheckNodePort(spec))
        {
            if (spec.HealthCheckNodePort != 0)
            {
                errors.Add(ValidationError.Invalid(
                    "spec.healthCheckNodePort",
                    spec.HealthCheckNodePort,
                    "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'"));
            }
        }
        else if (spec.HealthCheckNodePort == 0)
        {
            errors.Add(ValidationError.Required("spec.healthCheckNodePort"));
        }
        else if (spec.HealthCheckNodePort is < 1 or > 65535)
        {
            errors.Add(ValidationError.Invalid("spec.healthCheckNodePort", spec.HealthCheckNodePort, ServicePortRules.PortRangeMessage));
        }

        if (spec.InternalTrafficPolicy is null)
        {
            // Not required for ExternalName, for compatibility with objects stored before the field existed.
            if (spec.Type is ServiceType.ClusterIP or ServiceType.NodePort or ServiceType.LoadBalancer)
            {
                errors.Add(ValidationError.Required("spec.internalTrafficPolicy"));
            }
        }
        else if (!Enum.IsDefined(spec.InternalTrafficPolicy.Value))
        {
            errors.Add(ValidationError.NotSupported("spec.internalTrafficPolicy", spec.InternalTrafficPolicy.Value, s_trafficPolicies));
        }
    }

    // Unset is no preference; any other value must be one of the three v1.35 accepts (the gate for
    // PreferSameZone/PreferSameNode is GA and on). The empty string is a value, and not supported.
    public static void ValidateTrafficDistribution(ServiceSpec spec, ImmutableArray<ValidationError>.Builder errors)
    {
        if (spec.TrafficDistribution is { } value && !TrafficDistribution.IsSupported(value))
        {
            errors.Add(ValidationError.NotSupported("spec.trafficDistribution", value, TrafficDistribution.Supported));
        }
    }
}
