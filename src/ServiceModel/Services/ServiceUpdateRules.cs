using System.Collections.Immutable;
using System.Globalization;
using ServiceModel.Validation;

namespace ServiceModel.Services;

// What an update may not change: cluster IPs and IP families (beyond adding or dropping the
// secondary), the load balancer class, the health-check node port.
internal static class ServiceUpdateRules
{
    private const string ImmutableMessage = "field is immutable";

    // ValidateServiceUpdate's own checks (object metadata, then cluster IPs, families, class and
    // health-check node port), run before the new Service's spec validation.
    public static void ValidateUpdate(Service oldService, Service newService, ImmutableArray<ValidationError>.Builder errors)
    {
        if (!string.Equals(oldService.Name, newService.Name, StringComparison.Ordinal))
        {
            errors.Add(ValidationError.Invalid("metadata.name", newService.Name, ImmutableMessage));
        }

        if (!string.Equals(oldService.Namespace, newService.Namespace, StringComparison.Ordinal))
        {
            errors.Add(ValidationError.Invalid("metadata.namespace", newService.Namespace, ImmutableMessage));
        }

        // The API server copies the stored uid into an update that leaves it empty (rest.BeforeUpdate),
        // so only a different, non-empty uid reaches ValidateObjectMetaUpdate's immutability check.
        if (newService.Uid.Length > 0 && !string.Equals(oldService.Uid, newService.Uid, StringComparison.Ordinal))
        {
            errors.Add(ValidationError.Invalid("metadata.uid", newService.Uid, ImmutableMessage));
        }

        // Likewise a stored timestamp overwrites whatever the update carries, so only setting one the
        // stored Service lacks is refused.
        ValidateTimestampNotAdded(oldService.CreationTimestamp, newService.CreationTimestamp, "metadata.creationTimestamp", errors);
        ValidateTimestampNotAdded(oldService.DeletionTimestamp, newService.DeletionTimestamp, "metadata.deletionTimestamp", errors);

        // ValidateObjectMetaUpdate checks the labels and annotations but not the name or namespace
        // format (the name cannot change, so it was checked on create).
        ServiceMetadataRules.ValidateLabelMap(newService.Labels, "metadata.labels", errors);
        ServiceMetadataRules.ValidateAnnotations(newService.Annotations, errors);

        ValidateClusterIPsChange(oldService.Spec, newService.Spec, errors);
        ValidateIPFamiliesChange(oldService.Spec, newService.Spec, errors);
        ServiceTypeRules.ValidateLoadBalancerClass(oldService.Spec, newService.Spec, errors);
        if (ServiceTypeLayering.NeedsHealthCheckNodePort(oldService.Spec)
            && ServiceTypeLayering.NeedsHealthCheckNodePort(newService.Spec)
            && oldService.Spec.HealthCheckNodePort != newService.Spec.HealthCheckNodePort)
        {
            errors.Add(ValidationError.Forbidden("spec.healthCheckNodePort", ImmutableMessage));
        }
    }

    private static void ValidateTimestampNotAdded(DateTimeOffset? before, DateTimeOffset? after, string path, ImmutableArray<ValidationError>.Builder errors)
    {
        if (before is null && after is { } added)
        {
            // The bad value prints as metav1.Time marshals: RFC 3339 in UTC, whole seconds.
            var text = added.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'", CultureInfo.InvariantCulture);
            errors.Add(ValidationError.Invalid(path, text, ImmutableMessage));
        }
    }

    private static void ValidateClusterIPsChange(ServiceSpec oldSpec, ServiceSpec spec, ImmutableArray<ValidationError>.Builder errors)
    {
        if (spec.Type == ServiceType.ExternalName || oldSpec.Type == ServiceType.ExternalName)
        {
            return;
        }

        if (ServiceIPRules.IsHeadless(oldSpec) && ServiceIPRules.IsHeadless(spec))
        {
            return;
        }

        var before = oldSpec.ClusterIPs;
        var after = spec.ClusterIPs;
        if (before.Length == after.Length)
        {
            for (var i = 0; i < before.Length; i++)
            {
                if (!string.Equals(before[i], after[i], StringComparison.Ordinal))
                {
                    errors.Add(ValidationError.Invalid(ServiceValidator.Index("spec.clusterIPs", i), after, ServiceTypeRules.MayNotChange));
                }
            }
        }
        else if (before.Length > after.Length)
        {
            if (after.IsEmpty)
            {
                errors.Add(ValidationError.Invalid("spec.clusterIPs[0]", after, "primary clusterIP can not be unset"));
            }

            if (!before.IsEmpty && !after.IsEmpty && !string.Equals(after[0], before[0], StringComparison.Ordinal))
            {
                errors.Add(ValidationError.Invalid("spec.clusterIPs[0]", after, ServiceTypeRules.MayNotChange));
            }

            if (after.Length == 1 && spec.IPFamilyPolicy != IPFamilyPolicy.SingleStack)
            {
                errors.Add(ValidationError.Invalid("spec.ipFamilyPolicy", spec.IPFamilyPolicy, "must be set to 'SingleStack' when releasing the secondary clusterIP"));
            }
        }
        else if (!before.IsEmpty && !string.Equals(after[0], before[0], StringComparison.Ordinal))
        {
            errors.Add(ValidationError.Invalid("spec.clusterIPs[0]", after, ServiceTypeRules.MayNotChange));
        }
    }

    // Mirrors upstream including its quirks: the "released" branch tests clusterIPs for emptiness and
    // two branches report clusterIPs as the bad value.
    private static void ValidateIPFamiliesChange(ServiceSpec oldSpec, ServiceSpec spec, ImmutableArray<ValidationError>.Builder errors)
    {
        if (spec.Type == ServiceType.ExternalName || oldSpec.Type == ServiceType.ExternalName)
        {
            return;
        }

        if (ServiceIPRules.IsHeadless(oldSpec) || ServiceIPRules.IsHeadless(spec))
        {
            return;
        }

        var before = oldSpec.IPFamilies;
        var after = spec.IPFamilies;
        var clusterIPs = spec.ClusterIPs;
        if (before.Length == after.Length)
        {
            for (var i = 0; i < before.Length; i++)
            {
                if (before[i] != after[i])
                {
                    errors.Add(ValidationError.Invalid("spec.ipFamilies[0]", after, ServiceTypeRules.MayNotChange));
                }
            }
        }
        else if (before.Length > after.Length)
        {
            if (clusterIPs.IsEmpty)
            {
                errors.Add(ValidationError.Invalid("spec.ipFamilies[0]", after, "primary ipFamily can not be unset"));
            }

            if (!after.IsEmpty && after[0] != before[0])
            {
                errors.Add(ValidationError.Invalid("spec.ipFamilies[0]", clusterIPs, ServiceTypeRules.MayNotChange));
            }

            if (after.Length == 1 && spec.IPFamilyPolicy != IPFamilyPolicy.SingleStack)
            {
                errors.Add(ValidationError.Invalid("spec.ipFamilyPolicy", spec.IPFamilyPolicy, "must be set to 'SingleStack' when releasing the secondary ipFamily"));
            }
        }
        else if (!before.IsEmpty && !after.IsEmpty && after[0] != before[0])
        {
            errors.Add(ValidationError.Invalid("spec.ipFamilies[0]", clusterIPs, ServiceTypeRules.MayNotChange));
        }
    }
}
