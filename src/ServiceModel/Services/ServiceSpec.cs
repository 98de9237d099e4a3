using System.Collections.Immutable;
using ServiceModel.Internal;
using ServiceModel.Networking;

namespace ServiceModel.Services;

/// <summary>
/// The desired state of a Service (<c>spec</c>), with the Kubernetes API field names.
/// </summary>
/// <remarks>
/// <para>
/// Every member has a default, so <c>new ServiceSpec { Ports = [...] }</c> is a complete value.
/// Members whose Kubernetes default depends on other fields or on the cluster
/// (<see cref="IPFamilies"/>, <see cref="IPFamilyPolicy"/>, <see cref="ExternalTrafficPolicy"/>,
/// <see cref="InternalTrafficPolicy"/>, <see cref="AllocateLoadBalancerNodePorts"/>, the ClientIP
/// timeout, port target ports) start unset and are filled by <see cref="ServiceDefaults"/>.
/// </para>
/// <para>
/// Value equality compares the collections element by element (dictionaries by content); a
/// <see langword="null"/> <see cref="Selector"/> equals an empty one. A <c>default</c>
/// <see cref="ImmutableArray{T}"/> assigned to any list member is stored as an empty array.
/// </para>
/// </remarks>
public sealed record ServiceSpec
{
    // Shared by every Service built without a spec: the record is immutable, so one instance serves.
    internal static readonly ServiceSpec Default = new();

    private readonly ImmutableArray<ServicePort> _ports = [];
    private readonly ImmutableArray<string> _clusterIPs = [];
    private readonly ImmutableArray<IPFamily> _ipFamilies = [];
    private readonly ImmutableArray<string> _externalIPs = [];
    private readonly ImmutableArray<string> _loadBalancerSourceRanges = [];

    /// <summary>The <see cref="ClusterIP"/> value that makes a Service headless: <c>"None"</c>.</summary>
    public const string ClusterIPNone = "None";

    /// <summary>How the Service is exposed. Default <see cref="ServiceType.ClusterIP"/>.</summary>
    public ServiceType Type { get; init; } = ServiceType.ClusterIP;

    /// <summary>
    /// The labels of the pods that back the Service. <see langword="null"/> or empty (the default)
    /// means the Service has no selector: its endpoints are managed by the user, not computed from pods.
    /// </summary>
    /// <exception cref="ArgumentException">A value is <see langword="null"/> (also through <see langword="with"/>).</exception>
    public ImmutableDictionary<string, string>? Selector { get; init => field = ModelGuard.ValuesOrNull(value, nameof(Selector)); }

    /// <summary>True when <see cref="Selector"/> has at least one entry, i.e. endpoints are computed from pods.</summary>
    public bool HasSelector => Selector is { Count: > 0 };

    /// <summary>The ports the Service exposes. Default empty.</summary>
    /// <exception cref="ArgumentException">An item is <see langword="null"/> (also through <see langword="with"/>).</exception>
    public ImmutableArray<ServicePort> Ports
    {
        get => _ports;
        init => _ports = ModelGuard.Items(value, nameof(Ports));
    }

    /// <summary>
    /// The primary cluster IP text, <see cref="ClusterIPNone"/> for a headless Service, or
    /// <see langword="null"/>/empty (the default) to have one allocated. Kept equal to <c>ClusterIPs[0]</c>.
    /// </summary>
    public string? ClusterIP { get; init; }

    /// <summary>The cluster IPs, one per family, primary first. Default empty (allocate).</summary>
    /// <exception cref="ArgumentException">An item is <see langword="null"/> (also through <see langword="with"/>).</exception>
    public ImmutableArray<string> ClusterIPs
    {
        get => _clusterIPs;
        init => _clusterIPs = ModelGuard.Items(value, nameof(ClusterIPs));
    }

    /// <summary>The IP families of the cluster IPs, primary first. Default empty (set by <see cref="ServiceDefaults"/>).</summary>
    public ImmutableArray<IPFamily> IPFamilies
    {
        get => _ipFamilies;
        init => _ipFamilies = value.IsDefault ? [] : value;
    }

    /// <summary>How many families the Service asks for. Default <see langword="null"/> (set by <see cref="ServiceDefaults"/>).</summary>
    public IPFamilyPolicy? IPFamilyPolicy { get; init; }

    /// <summary>The DNS name an ExternalName Service aliases. Default <see langword="null"/>.</summary>
    public string? ExternalName { get; init; }

    /// <summary>Extra IPs on which nodes accept traffic for this Service. Default empty.</summary>
    /// <exception cref="ArgumentException">An item is <see langword="null"/> (also through <see langword="with"/>).</exception>
    public ImmutableArray<string> ExternalIPs
    {
        get => _externalIPs;
        init => _externalIPs = ModelGuard.Items(value, nameof(ExternalIPs));
    }

    /// <summary>Routing of external traffic; only for NodePort and LoadBalancer. Default <see langword="null"/> (defaulted to Cluster for those types).</summary>
    public TrafficPolicy? ExternalTrafficPolicy { get; init; }

    /// <summary>Routing of in-cluster traffic. Default <see langword="null"/> (defaulted to Cluster except for ExternalName).</summary>
    public TrafficPolicy? InternalTrafficPolicy { get; init; }

    /// <summary>The node port for load-balancer health checks (LoadBalancer with Local external policy); 0 (the default) means not set.</summary>
    public int HealthCheckNodePort { get; init; }

    /// <summary>Session affinity. Default <see cref="SessionAffinity.None"/>.</summary>
    public SessionAffinity SessionAffinity { get; init; } = SessionAffinity.None;

    /// <summary>Session affinity settings; only with <see cref="SessionAffinity.ClientIP"/>. Default <see langword="null"/>.</summary>
    public SessionAffinityConfig? SessionAffinityConfig { get; init; }

    /// <summary>Publish endpoints whether or not their pods are ready. Default <see langword="false"/>.</summary>
    public bool PublishNotReadyAddresses { get; init; }

    /// <summary>Whether a LoadBalancer Service gets node ports. Default <see langword="null"/> (defaulted to true for LoadBalancer).</summary>
    public bool? AllocateLoadBalancerNodePorts { get; init; }

    /// <summary>The load balancer implementation to use. Default <see langword="null"/> (the cloud provider's default).</summary>
    public string? LoadBalancerClass { get; init; }

    /// <summary>The requested load balancer IP (deprecated upstream). Default <see langword="null"/>.</summary>
    public string? LoadBalancerIP { get; init; }

    /// <summary>CIDRs allowed to reach the load balancer. Default empty (everyone).</summary>
    /// <exception cref="ArgumentException">An item is <see langword="null"/> (also through <see langword="with"/>).</exception>
    public ImmutableArray<string> LoadBalancerSourceRanges
    {
        get => _loadBalancerSourceRanges;
        init => _loadBalancerSourceRanges = ModelGuard.Items(value, nameof(LoadBalancerSourceRanges));
    }

    /// <summary>
    /// How traffic should be spread over the Service's endpoints (<c>spec.trafficDistribution</c>),
    /// the API's string as written (for example <c>"PreferClose"</c>); kept as text so a value this
    /// library does not know yet survives a round trip. Default <see langword="null"/> (no preference).
    /// </summary>
    public string? TrafficDistribution { get; init; }

    /// <summary>
    /// True when <see cref="ClusterIP"/> is <see cref="ClusterIPNone"/>: the Service has no virtual IP.
    /// (Validation, like upstream, looks at <see cref="ClusterIPs"/> = <c>["None"]</c>; the two agree
    /// once <see cref="ServiceDefaults"/> has normalised the spec.)
    /// </summary>
    public bool IsHeadless => string.Equals(ClusterIP, ClusterIPNone, StringComparison.Ordinal);

    /// <inheritdoc/>
    public bool Equals(ServiceSpec? other)
        => other is not null
            && Type == other.Type
            && ImmutableEquality.DictionariesEqual(Selector, other.Selector)
            && ImmutableEquality.ArraysEqual(Ports, other.Ports)
            && string.Equals(ClusterIP, other.ClusterIP, StringComparison.Ordinal)
            && ImmutableEquality.ArraysEqual(ClusterIPs, other.ClusterIPs)
            && ImmutableEquality.ArraysEqual(IPFamilies, other.IPFamilies)
            && IPFamilyPolicy == other.IPFamilyPolicy
            && string.Equals(ExternalName, other.ExternalName, StringComparison.Ordinal)
            && ImmutableEquality.ArraysEqual(ExternalIPs, other.ExternalIPs)
            && ExternalTrafficPolicy == other.ExternalTrafficPolicy
            && InternalTrafficPolicy == other.InternalTrafficPolicy
            && HealthCheckNodePort == other.HealthCheckNodePort
            && SessionAffinity == other.SessionAffinity
            && Equals(SessionAffinityConfig, other.SessionAffinityConfig)
            && PublishNotReadyAddresses == other.PublishNotReadyAddresses
            && AllocateLoadBalancerNodePorts == other.AllocateLoadBalancerNodePorts
            && string.Equals(LoadBalancerClass, other.LoadBalancerClass, StringComparison.Ordinal)
            && string.Equals(LoadBalancerIP, other.LoadBalancerIP, StringComparison.Ordinal)
            && ImmutableEquality.ArraysEqual(LoadBalancerSourceRanges, other.LoadBalancerSourceRanges)
            && string.Equals(TrafficDistribution, other.TrafficDistribution, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        hash.Add(Type);
        hash.Add(ImmutableEquality.DictionaryHash(Selector));
        hash.Add(ImmutableEquality.ArrayHash(Ports));
        hash.Add(ClusterIP, StringComparer.Ordinal);
        hash.Add(ImmutableEquality.ArrayHash(ClusterIPs));
        hash.Add(ImmutableEquality.ArrayHash(IPFamilies));
        hash.Add(IPFamilyPolicy);
        hash.Add(ExternalName, StringComparer.Ordinal);
        hash.Add(ImmutableEquality.ArrayHash(ExternalIPs));
        hash.Add(ExternalTrafficPolicy);
        hash.Add(InternalTrafficPolicy);
        hash.Add(HealthCheckNodePort);
        hash.Add(SessionAffinity);
        hash.Add(SessionAffinityConfig);
        hash.Add(PublishNotReadyAddresses);
        hash.Add(AllocateLoadBalancerNodePorts);
        hash.Add(LoadBalancerClass, StringComparer.Ordinal);
        hash.Add(LoadBalancerIP, StringComparer.Ordinal);
        hash.Add(ImmutableEquality.ArrayHash(LoadBalancerSourceRanges));
        hash.Add(TrafficDistribution, StringComparer.Ordinal);
        return hash.ToHashCode();
    }
}
