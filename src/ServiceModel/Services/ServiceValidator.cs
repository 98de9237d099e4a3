using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using ServiceModel.Internal;
using ServiceModel.Labels;
using ServiceModel.Networking;

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
/// <para>Errors come back in upstream's order. All members are pure and thread-safe.</para>
/// </remarks>
public static class ServiceValidator
{
    /// <summary>The message for a port number outside 1-65535.</summary>
    internal const string PortRangeMessage = "must be between 1 and 65535, inclusive";

    private const string LoadBalancerOnly = "may only be used when `type` is 'LoadBalancer'";
    private const string ImmutableMessage = "field is immutable";
    private const string MayNotChange = "may not change once set";
    private const string ClientIPRequired = "when session affinity type is ClientIP";
    private const string InvalidIPMessage = "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)";
    private const string InvalidCidrMessage = "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)";

    private static readonly string[] s_protocols = ["SCTP", "TCP", "UDP"];
    private static readonly string[] s_sessionAffinities = ["ClientIP", "None"];
    private static readonly string[] s_serviceTypes = ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"];
    private static readonly string[] s_trafficPolicies = ["Cluster", "Local"];
    private static readonly string[] s_ipFamilies = ["IPv4", "IPv6"];
    private static readonly string[] s_ipFamilyPolicies = ["PreferDualStack", "RequireDualStack", "SingleStack"];

    /// <summary>Validates a Service as the API server does on create.</summary>
    /// <param name="service">The (defaulted) Service.</param>
    /// <returns>Every error, in upstream's order; empty when the Service is valid.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="service"/> is null.</exception>
    public static ImmutableArray<ValidationError> Validate(Service service)
    {
        ArgumentNullException.ThrowIfNull(service);
        var errors = ImmutableArray.CreateBuilder<ValidationError>();
        ValidateMetadata(service, errors);
        ValidateSpec(service, errors);
        return errors.ToImmutable();
    }

    /// <summary>Validates an update of <paramref name="oldService"/> to <paramref name="newService"/> as the API server does.</summary>
    /// <param name="oldService">The stored Service.</param>
    /// <param name="newService">The (defaulted) replacement.</param>
    /// <returns>The update-only errors (immutable fields, cluster IP and family changes) followed by
    /// everything <see cref="Validate"/> reports for <paramref name="newService"/>.</returns>
    /// <exception cref="ArgumentNullException">Either Service is null.</exception>
    public static ImmutableArray<ValidationError> ValidateUpdate(Service oldService, Service newService)
    {
        ArgumentNullException.ThrowIfNull(oldService);
        ArgumentNullException.ThrowIfNull(newService);
        var errors = ImmutableArray.CreateBuilder<ValidationError>();
        if (!string.Equals(oldService.Name, newService.Name, StringComparison.Ordinal))
        {
            errors.Add(ValidationError.Invalid("metadata.name", newService.Name, ImmutableMessage));
        }

        if (!string.Equals(oldService.Namespace, newService.Namespace, StringComparison.Ordinal))
        {
            errors.Add(ValidationError.Invalid("metadata.namespace", newService.Namespace, ImmutableMessage));
        }

        ValidateClusterIPsChange(oldService.Spec, newService.Spec, errors);
        ValidateIPFamiliesChange(oldService.Spec, newService.Spec, errors);
        ValidateLoadBalancerClass(oldService.Spec, newService.Spec, errors);
        if (ServiceTypeLayering.NeedsHealthCheckNodePort(oldService.Spec)
            && ServiceTypeLayering.NeedsHealthCheckNodePort(newService.Spec)
            && oldService.Spec.HealthCheckNodePort != newService.Spec.HealthCheckNodePort)
        {
            errors.Add(ValidationError.Forbidden("spec.healthCheckNodePort", ImmutableMessage));
        }

        ValidateMetadata(newService, errors);
        ValidateSpec(newService, errors);
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

    // ValidateServiceClusterIPsRelatedFields: also run by defaulting before it infers families.
    internal static void ValidateClusterIPFields(ServiceSpec spec, ImmutableArray<ValidationError>.Builder errors)
    {
        if (spec.Type == ServiceType.ExternalName)
        {
            return;
        }

        var clusterIPs = Normalize(spec.ClusterIPs);
        var families = Normalize(spec.IPFamilies);
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
                errors.Add(ValidationError.NotSupported(Index("spec.ipFamilies", i), families[i], s_ipFamilies));
            }

            if (!seen.Add(families[i]))
            {
                errors.Add(ValidationError.Duplicate(Index("spec.ipFamilies", i), families[i]));
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
                errors.Add(ValidationError.Invalid(Index("spec.clusterIPs", i), clusterIPs[i], InvalidIPMessage));
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
            var parsed = clusterIPs.Select(ip => IPText.FamilyOf(Parse(ip))).ToList();
            if (!(parsed.Contains(IPFamily.IPv4) && parsed.Contains(IPFamily.IPv6)))
            {
                errors.Add(ValidationError.Invalid("spec.clusterIPs", clusterIPs, "may specify no more than one IP for each IP family"));
            }
        }

        if (!IsHeadless(spec) && !clusterIPs.IsEmpty && !families.IsEmpty)
        {
            for (var i = 0; i < clusterIPs.Length && i < families.Length; i++)
            {
                var isV6 = IPText.FamilyOf(Parse(clusterIPs[i])) == IPFamily.IPv6;
                if (families[i] == IPFamily.IPv4 && isV6)
                {
                    errors.Add(ValidationError.Invalid(Index("spec.clusterIPs", i), clusterIPs[i], $"expected an IPv4 value as indicated by `ipFamilies[{i}]`"));
                }

                if (families[i] == IPFamily.IPv6 && !isV6)
                {
                    errors.Add(ValidationError.Invalid(Index("spec.clusterIPs", i), clusterIPs[i], $"expected an IPv6 value as indicated by `ipFamilies[{i}]`"));
                }
            }
        }
    }

    // Upstream's isHeadlessService looks at clusterIPs, not clusterIP.
    internal static bool IsHeadless(ServiceSpec spec)
        => spec.ClusterIPs is { IsDefault: false, Length: 1 } ips && ips[0] == ServiceSpec.ClusterIPNone;

    internal static ImmutableArray<T> Normalize<T>(ImmutableArray<T> array) => array.IsDefault ? [] : array;

    internal static string Index(string path, int index) => path + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";

    private static IPAddress Parse(string text) => IPText.TryParse(text, out var ip) ? ip : IPAddress.None;

    private static void ValidateMetadata(Service service, ImmutableArray<ValidationError>.Builder errors)
    {
        if (string.IsNullOrEmpty(service.Name))
        {
            errors.Add(ValidationError.Required("metadata.name", "name or generateName is required"));
        }
        else
        {
            foreach (var message in LabelValidation.Dns1035LabelErrors(service.Name))
            {
                errors.Add(ValidationError.Invalid("metadata.name", service.Name, message));
            }
        }

        if (string.IsNullOrEmpty(service.Namespace))
        {
            errors.Add(ValidationError.Required("metadata.namespace"));
        }
        else
        {
            foreach (var message in LabelValidation.ValidateDns1123Label(service.Namespace))
            {
                errors.Add(ValidationError.Invalid("metadata.namespace", service.Namespace, message));
            }
        }

        ValidateLabelMap(service.Labels, "metadata.labels", errors);
    }

    private static void ValidateSpec(Service service, ImmutableArray<ValidationError>.Builder errors)
    {
        var spec = service.Spec;
        var ports = Normalize(spec.Ports);
        var headless = IsHeadless(spec);
        if (ports.IsEmpty && !headless && spec.Type != ServiceType.ExternalName)
        {
            errors.Add(ValidationError.Required("spec.ports"));
        }

        ValidateTypeSpecific(spec, headless, errors);

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < ports.Length; i++)
        {
            ValidatePort(ports[i], ports.Length > 1, names, Index("spec.ports", i), errors);
        }

        if (spec.Selector is not null)
        {
            ValidateLabelMap(spec.Selector, "spec.selector", errors);
        }

        ValidateSessionAffinity(spec, errors);
        ValidateClusterIPFields(spec, errors);

        var externalIPs = Normalize(spec.ExternalIPs);
        for (var i = 0; i < externalIPs.Length; i++)
        {
            ValidateExternalIP(externalIPs[i], Index("spec.externalIPs", i), errors);
        }

        if (!Enum.IsDefined(spec.Type))
        {
            errors.Add(ValidationError.NotSupported("spec.type", spec.Type, s_serviceTypes));
        }

        ValidateNodePorts(spec, ports, errors);
        ValidateLoadBalancerFields(spec, errors);
        ValidateLoadBalancerClass(null, spec, errors);
        ValidateTrafficPolicies(spec, errors);
    }

    private static void ValidateTypeSpecific(ServiceSpec spec, bool headless, ImmutableArray<ValidationError>.Builder errors)
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
                if (!Normalize(spec.ClusterIPs).IsEmpty)
                {
                    errors.Add(ValidationError.Forbidden("spec.clusterIPs", "may not be set for ExternalName services"));
                }

                if (!Normalize(spec.IPFamilies).IsEmpty)
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

    private static void ValidatePort(ServicePort port, bool requireName, HashSet<string> names, string path, ImmutableArray<ValidationError>.Builder errors)
    {
        if (requireName && string.IsNullOrEmpty(port.Name))
        {
            errors.Add(ValidationError.Required(path + ".name"));
        }
        else if (!string.IsNullOrEmpty(port.Name))
        {
            foreach (var message in LabelValidation.ValidateDns1123Label(port.Name))
            {
                errors.Add(ValidationError.Invalid(path + ".name", port.Name, message));
            }

            if (!names.Add(port.Name))
            {
                errors.Add(ValidationError.Duplicate(path + ".name", port.Name));
            }
        }

        if (port.Port is < 1 or > 65535)
        {
            errors.Add(ValidationError.Invalid(path + ".port", port.Port, PortRangeMessage));
        }

        if (!Enum.IsDefined(port.Protocol))
        {
            errors.Add(ValidationError.NotSupported(path + ".protocol", port.Protocol, s_protocols));
        }

        if (port.TargetPort.IsString)
        {
            foreach (var message in PortNameErrors(port.TargetPort.StringValue!))
            {
                errors.Add(ValidationError.Invalid(path + ".targetPort", port.TargetPort.StringValue, message));
            }
        }
        else if (port.TargetPort.IntValue is < 1 or > 65535)
        {
            errors.Add(ValidationError.Invalid(path + ".targetPort", port.TargetPort.IntValue, PortRangeMessage));
        }

        if (port.AppProtocol is not null)
        {
            foreach (var message in LabelValidation.ValidateKey(port.AppProtocol))
            {
                errors.Add(ValidationError.Invalid(path + ".appProtocol", port.AppProtocol, message));
            }
        }
    }

    private static void ValidateSessionAffinity(ServiceSpec spec, ImmutableArray<ValidationError>.Builder errors)
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

    private static void ValidateExternalIP(string ip, string path, ImmutableArray<ValidationError>.Builder errors)
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

    private static void ValidateNodePorts(ServiceSpec spec, ImmutableArray<ServicePort> ports, ImmutableArray<ValidationError>.Builder errors)
    {
        if (spec.Type == ServiceType.ClusterIP)
        {
            for (var i = 0; i < ports.Length; i++)
            {
                if (ports[i].NodePort != 0)
                {
                    errors.Add(ValidationError.Forbidden(Index("spec.ports", i) + ".nodePort", "may not be used when `type` is 'ClusterIP'"));
                }
            }
        }

        var nodePorts = new HashSet<(Protocol, int)>();
        for (var i = 0; i < ports.Length; i++)
        {
            if (ports[i].NodePort != 0 && !nodePorts.Add((ports[i].Protocol, ports[i].NodePort)))
            {
                errors.Add(ValidationError.Duplicate(Index("spec.ports", i) + ".nodePort", ports[i].NodePort));
            }
        }

        var seen = new HashSet<(Protocol, int)>();
        for (var i = 0; i < ports.Length; i++)
        {
            if (!seen.Add((ports[i].Protocol, ports[i].Port)))
            {
                // Upstream reports the (protocol, port) key as a ServicePort with only those two fields set.
                errors.Add(ValidationError.Duplicate(Index("spec.ports", i), new ServicePort { Protocol = ports[i].Protocol, Port = ports[i].Port }));
            }
        }
    }

    private static void ValidateLoadBalancerFields(ServiceSpec spec, ImmutableArray<ValidationError>.Builder errors)
    {
        var ranges = Normalize(spec.LoadBalancerSourceRanges);
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
                    errors.Add(ValidationError.Invalid(Index(path, i), value, InvalidCidrMessage));
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

    private static void ValidateLoadBalancerClass(ServiceSpec? oldSpec, ServiceSpec spec, ImmutableArray<ValidationError>.Builder errors)
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

    private static void ValidateTrafficPolicies(ServiceSpec spec, ImmutableArray<ValidationError>.Builder errors)
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
            errors.Add(ValidationError.Invalid("spec.healthCheckNodePort", spec.HealthCheckNodePort, PortRangeMessage));
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

    private static void ValidateClusterIPsChange(ServiceSpec oldSpec, ServiceSpec spec, ImmutableArray<ValidationError>.Builder errors)
    {
        if (spec.Type == ServiceType.ExternalName || oldSpec.Type == ServiceType.ExternalName)
        {
            return;
        }

        if (IsHeadless(oldSpec) && IsHeadless(spec))
        {
            return;
        }

        var before = Normalize(oldSpec.ClusterIPs);
        var after = Normalize(spec.ClusterIPs);
        if (before.Length == after.Length)
        {
            for (var i = 0; i < before.Length; i++)
            {
                if (!string.Equals(before[i], after[i], StringComparison.Ordinal))
                {
                    errors.Add(ValidationError.Invalid(Index("spec.clusterIPs", i), after, MayNotChange));
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
                errors.Add(ValidationError.Invalid("spec.clusterIPs[0]", after, MayNotChange));
            }

            if (after.Length == 1 && spec.IPFamilyPolicy != IPFamilyPolicy.SingleStack)
            {
                errors.Add(ValidationError.Invalid("spec.ipFamilyPolicy", spec.IPFamilyPolicy, "must be set to 'SingleStack' when releasing the secondary clusterIP"));
            }
        }
        else if (!before.IsEmpty && !string.Equals(after[0], before[0], StringComparison.Ordinal))
        {
            errors.Add(ValidationError.Invalid("spec.clusterIPs[0]", after, MayNotChange));
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

        if (IsHeadless(oldSpec) || IsHeadless(spec))
        {
            return;
        }

        var before = Normalize(oldSpec.IPFamilies);
        var after = Normalize(spec.IPFamilies);
        var clusterIPs = Normalize(spec.ClusterIPs);
        if (before.Length == after.Length)
        {
            for (var i = 0; i < before.Length; i++)
            {
                if (before[i] != after[i])
                {
                    errors.Add(ValidationError.Invalid("spec.ipFamilies[0]", after, MayNotChange));
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
                errors.Add(ValidationError.Invalid("spec.ipFamilies[0]", clusterIPs, MayNotChange));
            }

            if (after.Length == 1 && spec.IPFamilyPolicy != IPFamilyPolicy.SingleStack)
            {
                errors.Add(ValidationError.Invalid("spec.ipFamilyPolicy", spec.IPFamilyPolicy, "must be set to 'SingleStack' when releasing the secondary ipFamily"));
            }
        }
        else if (!before.IsEmpty && !after.IsEmpty && after[0] != before[0])
        {
            errors.Add(ValidationError.Invalid("spec.ipFamilies[0]", clusterIPs, MayNotChange));
        }
    }

    private static void ValidateLabelMap(IReadOnlyDictionary<string, string>? labels, string path, ImmutableArray<ValidationError>.Builder errors)
    {
        if (labels is null)
        {
            return;
        }

        // Go iterates maps in random order; sorting keys makes our order reproducible.
        foreach (var key in labels.Keys.Order(StringComparer.Ordinal))
        {
            foreach (var message in LabelValidation.ValidateKey(key))
            {
                errors.Add(ValidationError.Invalid(path, key, message));
            }

            foreach (var message in LabelValidation.ValidateValue(labels[key]))
            {
                errors.Add(ValidationError.Invalid(path + "[" + FieldValueText.PathKey(key) + "]", labels[key], message));
            }
        }
    }

    // IsValidPortName: IANA service names (RFC 6335), lower case only.
    internal static List<string> PortNameErrors(string port)
    {
        var errors = new List<string>(4);
        if (port.Length > 15)
        {
            errors.Add("must be no more than 15 characters");
        }

        if (port.Length == 0 || !port.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
        {
            errors.Add("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
        }

        if (!port.Any(char.IsAsciiLetterLower))
        {
            errors.Add("must contain at least one letter (a-z)");
        }

        if (port.Contains("--", StringComparison.Ordinal))
        {
            errors.Add("must not contain consecutive hyphens");
        }

        if (port.Length > 0 && (port[0] == '-' || port[^1] == '-'))
        {
            errors.Add("must not begin or end with a hyphen");
        }

        return errors;
    }
}
