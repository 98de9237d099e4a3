using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using ServiceModel.Internal;
using ServiceModel.Networking;
using ServiceModel.Validation;

namespace ServiceModel.Services;

// IP family defaulting (the allocator's initIPFamilyFields): the family policy and families a
// Service gets from its cluster IPs and the cluster's configured families, and the requests the
// cluster cannot serve.
internal static class ServiceIPFamilyDefaults
{
    // initIPFamilyFields: default the policy and families, refusing what the cluster cannot serve.
    public static bool TryApplyIPFamilies(
        Service service,
        Service? oldService,
        IReadOnlyList<IPFamily> cluster,
        [NotNullWhen(true)] out Service? result,
        out ImmutableArray<ValidationError> errors)
    {
        var spec = service.Spec;
        errors = [];
        result = service;
        if (spec.Type == ServiceType.ExternalName || IsMatchingPreferDualStack(oldService?.Spec, spec))
        {
            return true;
        }

        if (spec.IPFamilyPolicy is null)
        {
            spec = spec with
            {
                IPFamilyPolicy = oldService?.Spec.IPFamilyPolicy
                    ?? (spec.IsHeadless && !spec.HasSelector ? IPFamilyPolicy.RequireDualStack : IPFamilyPolicy.SingleStack),
            };
        }

        var list = ImmutableArray.CreateBuilder<ValidationError>();
        ServiceIPRules.ValidateClusterIPFields(spec, list);
        if (list.Count > 0)
        {
            return Fail(list, out result, out errors);
        }

        var policy = spec.IPFamilyPolicy!.Value;
        var clusterIPs = spec.ClusterIPs;
        var families = spec.IPFamilies;
        if (oldService is not null)
        {
            var o = oldService.Spec;
            if (policy == IPFamilyPolicy.SingleStack)
            {
                // With the lists unchanged, choosing SingleStack is a clear request to drop the secondary.
                if (SameClusterIPs(o, spec) && clusterIPs.Length > 1)
                {
                    clusterIPs = [clusterIPs[0]];
                }

                if (ImmutableEquality.ArraysEqual(o.IPFamilies, spec.IPFamilies) && families.Length > 1)
                {
                    families = [families[0]];
                }
            }
            else
            {
                // An empty list means "not specified", not "reduced".
                if (!clusterIPs.IsEmpty && clusterIPs.Length < o.ClusterIPs.Length)
                {
                    list.Add(ValidationError.Invalid("spec.ipFamilyPolicy", policy, "must be 'SingleStack' to release the secondary cluster IP"));
                }

                if (!families.IsEmpty && families.Length < o.IPFamilies.Length)
                {
                    list.Add(ValidationError.Invalid("spec.ipFamilyPolicy", policy, "must be 'SingleStack' to release the secondary IP family"));
                }
            }
        }

        if (policy == IPFamilyPolicy.SingleStack)
        {
            if (clusterIPs.Length == 2)
            {
                list.Add(ValidationError.Invalid("spec.ipFamilyPolicy", policy, "must be 'RequireDualStack' or 'PreferDualStack' when multiple cluster IPs are specified"));
            }

            if (families.Length == 2)
            {
                list.Add(ValidationError.Invalid("spec.ipFamilyPolicy", policy, "must be 'RequireDualStack' or 'PreferDualStack' when multiple IP families are specified"));
            }
        }

        var familyList = families.ToList();
        for (var i = 0; i < clusterIPs.Length; i++)
        {
            if (clusterIPs[i] == ServiceSpec.ClusterIPNone)
            {
                break;
            }

            if (i >= familyList.Count)
            {
                IPText.TryParse(clusterIPs[i], out var ip);
                var family = IPFamilies.FamilyOf(ip!);
                if (!cluster.Contains(family))
                {
                    list.Add(ValidationError.Invalid(ServiceValidator.Index("spec.clusterIPs", i), clusterIPs, family + " is not configured on this cluster"));
                }
                else
                {
                    familyList.Add(family);
                }
            }
        }

        if (list.Count > 0)
        {
            return Fail(list, out result, out errors);
        }

        if (spec.IsHeadless && !spec.HasSelector)
        {
            // Headless without selector may list families the cluster lacks: endpoints are the user's.
            if (familyList.Count == 0)
            {
                familyList.Add(cluster[0]);
            }

            if (familyList.Count < 2 && policy != IPFamilyPolicy.SingleStack)
            {
                familyList.Add(Other(familyList[0]));
            }

            result = service with { Spec = spec with { ClusterIPs = clusterIPs, IPFamilies = [.. familyList] } };
            return true;
        }

        if (policy == IPFamilyPolicy.RequireDualStack && cluster.Count < 2)
        {
            list.Add(ValidationError.Invalid("spec.ipFamilyPolicy", policy, "this cluster is not configured for dual-stack services"));
        }

        for (var i = 0; i < familyList.Count; i++)
        {
            if (!cluster.Contains(familyList[i]))
            {
                list.Add(ValidationError.Invalid(ServiceValidator.Index("spec.ipFamilies", i), familyList[i], "not configured on this cluster"));
            }
        }

        if (list.Count > 0)
        {
            return Fail(list, out result, out errors);
        }

        if (familyList.Count == 0)
        {
            familyList.Add(cluster[0]);
        }

        if (policy != IPFamilyPolicy.SingleStack && familyList.Count == 1 && cluster.Count == 2)
        {
            familyList.Add(Other(familyList[0]));
        }

        result = service with { Spec = spec with { ClusterIPs = clusterIPs, IPFamilies = [.. familyList] } };
        return true;
    }

    // A PreferDualStack Service is not silently upgraded or downgraded when the cluster changes.
    private static bool IsMatchingPreferDualStack(ServiceSpec? oldSpec, ServiceSpec spec)
        => oldSpec is not null
            && oldSpec.Type == spec.Type
            && spec.Type is ServiceType.ClusterIP or ServiceType.NodePort or ServiceType.LoadBalancer
            && oldSpec.IPFamilyPolicy == IPFamilyPolicy.PreferDualStack
            && spec.IPFamilyPolicy == IPFamilyPolicy.PreferDualStack
            && SameClusterIPs(oldSpec, spec)
            && ImmutableEquality.ArraysEqual(oldSpec.IPFamilies, spec.IPFamilies);

    private static bool Fail(ImmutableArray<ValidationError>.Builder list, out Service? result, out ImmutableArray<ValidationError> errors)
    {
        result = null;
        errors = list.ToImmutable();
        return false;
    }

    private static IPFamily Other(IPFamily family) => family == IPFamily.IPv4 ? IPFamily.IPv6 : IPFamily.IPv4;

    public static bool SameClusterIPs(ServiceSpec a, ServiceSpec b) => ImmutableEquality.ArraysEqual(a.ClusterIPs, b.ClusterIPs);
}
