using System.Collections.Immutable;
using System.Globalization;
using ServiceModel.Validation;

namespace ServiceModel.Services;

/// <summary>
/// Kubernetes' Service validation (<c>ValidateService</c> and <c>ValidateServiceUpdate</c> in
/// <c>pkg/apis/core/validation</c>): every rule, field path and message as the API server reports it.
/// </summary>
/// <remarks>
/// <para>
/// The API server validates a Service after defaulting and allocation, so validate the output of
/// <see cref="ServiceDefaults"/> (and, for a LoadBalancer Service with external traffic policy
/// Local, one whose health-check node port is assigned). Cluster IPs may still be empty: upstream
/// accepts that too.
/// </para>
/// <para>
/// Errors come back in upstream's order; where upstream walks a map (labels, annotations, the
/// selector) keys come in ordinal order instead of Go's random one. All members are pure and thread-safe.
/// </para>
/// <para>
/// <c>metadata.annotations</c> is checked as <c>ValidateAnnotations</c> does: each key, lowercased,
/// must be a label key (errors name the key as given), and keys plus values may take at most
/// 262144 UTF-8 bytes in all (<c>metadata.annotations: Too long: may not be more than 262144 bytes</c>).
/// </para>
/// <para>
/// A bad value is printed as upstream prints it, except that a string longer than 512 characters
/// shows its first 512 and how many were left out (<c>"aaa…"... (1048064 more characters omitted)</c>),
/// and a list stops after about 512 characters (<c>,...]</c>), so an error message stays bounded whatever the input.
/// </para>
/// </remarks>
public static class ServiceValidator
{
    /// <summary>
    /// The annotation that predates <c>spec.loadBalancerSourceRanges</c>: comma-separated CIDRs, read
    /// by validation (and by cloud providers) only when the field is empty. kube-proxy ignores it.
    /// </summary>
    public const string LoadBalancerSourceRangesAnnotation = "service.beta.kubernetes.io/load-balancer-source-ranges";

    private static readonly string[] s_serviceTypes = ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"];

    /// <summary>Validates a Service as the API server does on create.</summary>
    /// <param name="service">The (defaulted) Service.</param>
    /// <returns>Every error, in upstream's order; empty when the Service is valid.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="service"/> is null.</exception>
    public static ImmutableArray<ValidationError> Validate(Service service)
    {
        ArgumentNullException.ThrowIfNull(service);
        var errors = ImmutableArray.CreateBuilder<ValidationError>();
        ServiceMetadataRules.ValidateMetadata(service, errors);
        ValidateSpec(service.Spec, service.Annotations, null, errors);
        return errors.ToImmutable();
    }

    /// <summary>Validates an update of <paramref name="oldService"/> to <paramref name="newService"/> as the API server does.</summary>
    /// <param name="oldService">The stored Service.</param>
    /// <param name="newService">The (defaulted) replacement.</param>
    /// <returns>The update errors (immutable name, namespace and uid, timestamps the stored Service lacks,
    /// label and annotation format, cluster IP and family changes) followed by everything
    /// <see cref="Validate"/> reports for <paramref name="newService"/>'s spec and annotations. As on the
    /// API server, the name and namespace formats are not checked again on update, an empty uid or a
    /// changed timestamp is no error (the API server copies the stored ones in), and a
    /// <see cref="LoadBalancerSourceRangesAnnotation"/> value identical to the stored one is not parsed
    /// again.</returns>
    /// <exception cref="ArgumentNullException">Either Service is null.</exception>
    public static ImmutableArray<ValidationError> ValidateUpdate(Service oldService, Service newService)
    {
        ArgumentNullException.ThrowIfNull(oldService);
        ArgumentNullException.ThrowIfNull(newService);
        var errors = ImmutableArray.CreateBuilder<ValidationError>();
        ServiceUpdateRules.ValidateUpdate(oldService, newService, errors);
        ValidateSpec(newService.Spec, newService.Annotations, oldService.Annotations, errors);
        return errors.ToImmutable();
    }

    /// <summary>Throws when <see cref="Validate"/> reports anything.</summary>
    /// <param name="service">The (defaulted) Service.</param>
    /// <exception cref="ArgumentNullException"><paramref name="service"/> is null.</exception>
    /// <exception cref="ServiceValidationException">The Service is invalid; the exception carries every error.</exception>
    public static void EnsureValid(Service service)
    {
        var errors = Validate(service);
        if (!errors.IsEmpty)
        {
            throw new ServiceValidationException(service.Name, errors);
        }
    }

    /// <summary>Throws when <see cref="ValidateUpdate"/> reports anything.</summary>
    /// <param name="oldService">The stored Service.</param>
    /// <param name="newService">The (defaulted) replacement.</param>
    /// <exception cref="ArgumentNullException">Either Service is null.</exception>
    /// <exception cref="ServiceValidationException">The update is invalid; the exception carries every error.</exception>
    public static void EnsureValidUpdate(Service oldService, Service newService)
    {
        var errors = ValidateUpdate(oldService, newService);
        if (!errors.IsEmpty)
        {
            throw new ServiceValidationException(newService.Name, errors);
        }
    }

    /// <summary>
    /// Validates <c>status.loadBalancer</c> as the API server does on a status update
    /// (<c>ValidateLoadBalancerStatus</c>, called by <c>ValidateServiceStatusUpdate</c>): ingress only on a
    /// LoadBalancer Service, each ingress IP an IP address, <c>ipMode</c> set exactly when the IP is
    /// (<c>VIP</c> or <c>Proxy</c>), each hostname a DNS subdomain and not an IP address.
    /// </summary>
    /// <param name="service">The Service whose status is written.</param>
    /// <returns>Every error, in upstream's order; empty when the status is valid.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="service"/> is null.</exception>
    /// <remarks>
    /// The API server defaults a missing <c>ipMode</c> to <c>VIP</c> before validating when the IP is set,
    /// so a status written through it never trips the "must be specified" error; this method sees the
    /// status as given. The metadata update checks of a status update are not repeated here.
    /// </remarks>
    public static ImmutableArray<ValidationError> ValidateStatus(Service service)
    {
        ArgumentNullException.ThrowIfNull(service);
        var errors = ImmutableArray.CreateBuilder<ValidationError>();
        ServiceStatusRules.ValidateLoadBalancerStatus(service, errors);
        return errors.ToImmutable();
    }

    internal static string Index(string path, int index) => path + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";

    // ValidateService's checks after the object metadata, in upstream's order (the order errors are
    // reported in). oldAnnotations is the stored Service's on update, null on create.
    private static void ValidateSpec(
        ServiceSpec spec,
        ImmutableDictionary<string, string> annotations,
        ImmutableDictionary<string, string>? oldAnnotations,
        ImmutableArray<ValidationError>.Builder errors)
    {
        ServiceMetadataRules.ValidateTopologyAnnotations(annotations, errors);

        var ports = spec.Ports;
        var headless = ServiceIPRules.IsHeadless(spec);
        if (ports.IsEmpty && !headless && spec.Type != ServiceType.ExternalName)
        {
            errors.Add(ValidationError.Required("spec.ports"));
        }

        ServiceTypeRules.ValidateTypeSpecific(spec, headless, errors);

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < ports.Length; i++)
        {
            ServicePortRules.ValidatePort(ports[i], ports.Length > 1, names, Index("spec.ports", i), errors);
        }

        if (spec.Selector is not null)
        {
            ServiceMetadataRules.ValidateLabelMap(spec.Selector, "spec.selector", errors);
        }

        ServiceTrafficRules.ValidateSessionAffinity(spec, errors);
        ServiceIPRules.ValidateClusterIPFields(spec, errors);

        for (var i = 0; i < spec.ExternalIPs.Length; i++)
        {
            ServiceIPRules.ValidateExternalIP(spec.ExternalIPs[i], Index("spec.externalIPs", i), errors);
        }

        if (!Enum.IsDefined(spec.Type))
        {
            errors.Add(ValidationError.NotSupported("spec.type", spec.Type, s_serviceTypes));
        }

        ServicePortRules.ValidateNodePorts(spec, ports, errors);
        ServiceTypeRules.ValidateLoadBalancerFields(spec, annotations, oldAnnotations, errors);
        ServiceTypeRules.ValidateLoadBalancerClass(null, spec, errors);
        ServiceTrafficRules.ValidateTrafficPolicies(spec, errors);
        ServiceTrafficRules.ValidateTrafficDistribution(spec, errors);
    }
}
