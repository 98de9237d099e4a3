using System.Collections.Immutable;
using ServiceModel.Internal;
using ServiceModel.Services;
using System.Text.Json.Serialization;
using ServiceModel.Serialization;

namespace ServiceModel.Discovery;

/// <summary>
/// A legacy core <c>v1</c> Endpoints object: a Service's addresses grouped into subsets that share
/// ports, as the endpoints controller writes it.
/// </summary>
/// <remarks>Immutable; equality is by value, collections included.</remarks>
[JsonConverter(typeof(EndpointsJsonConverter))]
public sealed record Endpoints
{
    /// <summary>The most addresses (ready and not ready) an Endpoints object holds: 1000.</summary>
    public const int MaxCapacity = 1000;

    /// <summary>The annotation set when addresses were dropped to stay within <see cref="MaxCapacity"/>: <c>endpoints.kubernetes.io/over-capacity</c>.</summary>
    public const string OverCapacityAnnotation = "endpoints.kubernetes.io/over-capacity";

    /// <summary>The value of <see cref="OverCapacityAnnotation"/> after truncation: <c>truncated</c>.</summary>
    public const string Truncated = "truncated";

    /// <summary>The label naming the controller that manages an Endpoints object: <c>endpoints.kubernetes.io/managed-by</c>.</summary>
    public const string ManagedByLabel = "endpoints.kubernetes.io/managed-by";

    /// <summary>The endpoints controller's name, the value of <see cref="ManagedByLabel"/>: <c>endpoint-controller</c>.</summary>
    public const string ControllerName = "endpoint-controller";

    private readonly string _namespace;
    private readonly string _name;
    private readonly ImmutableDictionary<string, string> _labels = ImmutableDictionary<string, string>.Empty;
    private readonly ImmutableDictionary<string, string> _annotations = ImmutableDictionary<string, string>.Empty;
    private readonly ImmutableArray<EndpointSubset> _subsets = [];

    /// <summary>Creates an Endpoints object without subsets.</summary>
    /// <param name="namespace">Its namespace, the Service's.</param>
    /// <param name="name">Its name, the Service's.</param>
    /// <exception cref="ArgumentException"><paramref name="namespace"/> or <paramref name="name"/> is null or empty.</exception>
    public Endpoints(string @namespace, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(@namespace, nameof(@namespace));
        ArgumentException.ThrowIfNullOrEmpty(name);
        _namespace = @namespace;
        _name = name;
    }

    /// <summary>The object's namespace (<c>metadata.namespace</c>); never null or empty.</summary>
    /// <exception cref="ArgumentException">Set to null or empty (also through <see langword="with"/>).</exception>
    public string Namespace
    {
        get => _namespace;
        init
        {
            ArgumentException.ThrowIfNullOrEmpty(value, nameof(Namespace));
            _namespace = value;
        }
    }

    /// <summary>The object's name (<c>metadata.name</c>), the Service's; never null or empty.</summary>
    /// <exception cref="ArgumentException">Set to null or empty (also through <see langword="with"/>).</exception>
    public string Name
    {
        get => _name;
        init
        {
            ArgumentException.ThrowIfNullOrEmpty(value, nameof(Name));
            _name = value;
        }
    }

    /// <summary>Labels (<c>metadata.labels</c>); empty by default, never null.</summary>
    /// <exception cref="ArgumentException">A value is <see langword="null"/> (also through <see langword="with"/>).</exception>
    public ImmutableDictionary<string, string> Labels
    {
        get => _labels;
        init => _labels = ModelGuard.Values(value, nameof(Labels));
    }

    /// <summary>Annotations (<c>metadata.annotations</c>); empty by default, never null.</summary>
    /// <exception cref="ArgumentException">A value is <see langword="null"/> (also through <see langword="with"/>).</exception>
    public ImmutableDictionary<string, string> Annotations
    {
        get => _annotations;
        init => _annotations = ModelGuard.Values(value, nameof(Annotations));
    }

    /// <summary>The subsets (<c>subsets</c>), in canonical (repacked) form when computed; empty by default.</summary>
    /// <exception cref="ArgumentException">An item is <see langword="null"/> (also through <see langword="with"/>).</exception>
    public ImmutableArray<EndpointSubset> Subsets
    {
        get => _subsets;
        init => _subsets = ModelGuard.Items(value, nameof(Subsets));
    }

    /// <summary>
    /// The Endpoints object the endpoints controller writes for <paramref name="service"/>, or null
    /// when it writes none (a Service without a selector, or of type ExternalName).
    /// </summary>
    /// <remarks>
    /// Follows <c>pkg/controller/endpoint</c>: selected pods in the Service's namespace that are not
    /// terminal and have an address (terminating pods only when the Service publishes not-ready
    /// addresses) contribute their address of the Service's primary family to every Service port
    /// they resolve; ready pods (or all, when publishing not-ready addresses) as <c>addresses</c>,
    /// others as <c>notReadyAddresses</c>. The result is repacked as upstream's <c>RepackSubsets</c> does and,
    /// above <see cref="MaxCapacity"/> addresses, truncated proportionally per subset, ready
    /// addresses first, with <see cref="OverCapacityAnnotation"/> set to <see cref="Truncated"/>.
    /// </remarks>
    /// <param name="service">The Service.</param>
    /// <param name="pods">Candidate pods; those outside the Service's namespace or selector are ignored.</param>
    /// <param name="maxCapacity">
    /// The most addresses kept before truncating, 1 to <see cref="MaxCapacity"/>; upstream's fixed
    /// <see cref="MaxCapacity"/> (1000) by default.
    /// </param>
    /// <returns>The object, or null when the controller does not manage the Service.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="service"/> or <paramref name="pods"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxCapacity"/> is outside 1..1000.</exception>
    public static Endpoints? ForService(Service service, IEnumerable<Pod> pods, int maxCapacity = MaxCapacity)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(pods);
        if (maxCapacity is < 1 or > MaxCapacity)
        {
            throw new ArgumentOutOfRangeException(
                nameof(maxCapacity), maxCapacity, $"the capacity of an Endpoints object must be between 1 and {MaxCapacity}");
        }
        if (!PodRules.IsManaged(service))
        {
            return null;
        }

        // Pods that resolve the Service's ports to the same numbers serve the same endpoint
        // ports: one subset per such group, rather than one per (pod, port) pair, is what the
        // packer sees.
        var publishNotReady = service.Spec.PublishNotReadyAddresses;
        var servicePorts = PodRules.PortsOf(service);
        var selector = PodRules.SelectorOf(service);
        var portGroups = new PortGroups(servicePorts);
        var groups = new Dictionary<PortGroup, (List<EndpointAddress> Ready, List<EndpointAddress> NotReady)>();
        var groupOrder = new List<PortGroup>();
        foreach (var pod in pods)
        {
            ArgumentNullException.ThrowIfNull(pod, nameof(pods));
            if (!PodRules.Selects(service, selector, pod) || !PodRules.ShouldBeInEndpoints(pod, publishNotReady))
            {
                continue;
            }

            var address = AddressFor(service, pod);
            if (address is null || (servicePorts.IsEmpty && !service.Spec.IsHeadless))
            {
                continue;
            }

            var group = portGroups.For(portGroups.Uniform ? null : pod);
            if (!servicePorts.IsEmpty && group.Ports.IsEmpty)
            {
                continue;
            }

            if (!groups.TryGetValue(group, out var members))
            {
                groups.Add(group, members = ([], []));
                groupOrder.Add(group);
            }

            (publishNotReady || pod.Ready ? members.Ready : members.NotReady).Add(address);
        }

        var subsets = new List<EndpointSubset>(groupOrder.Count);
        foreach (var group in groupOrder)
        {
            var (ready, notReady) = groups[group];
            subsets.Add(new EndpointSubset { Addresses = [.. ready], NotReadyAddresses = [.. notReady], Ports = group.Ports });
        }

        var repacked = RepackSubsets(subsets);
        var truncated = Truncate(ref repacked, maxCapacity);

        var labels = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        labels.AddRange(service.Labels);
        labels[ManagedByLabel] = ControllerName;
        if (PodRules.IsServiceIPSet(service))
        {
            labels.Remove(EndpointSlice.HeadlessServiceLabel);
        }
        else
        {
            labels[EndpointSlice.HeadlessServiceLabel] = "";
        }

        return new Endpoints(service.Namespace, service.Name)
        {
            Labels = labels.ToImmutable(),
            Annotations = truncated
                ? ImmutableDictionary<string, string>.Empty.Add(OverCapacityAnnotation, Truncated)
                : ImmutableDictionary<string, string>.Empty,
            Subsets = repacked,
        };
    }

    /// <summary>
    /// Expands subsets to (address, port, ready) facts and packs them back into the canonical
    /// layout: one subset per distinct set of addresses (with their readiness) that serve the same
    /// ports, as upstream's <c>RepackSubsets</c> does.
    /// </summary>
    /// <remarks>
    /// Addresses are the same when IP and target UID match; an address not ready for a port in any
    /// input subset is not ready for it in the output. Addresses are sorted by IP then UID, as
    /// upstream sorts them. Upstream orders ports and subsets by an MD5 of their Go debug dump;
    /// this library orders ports by name, number and protocol, and subsets by their first address
    /// then their ports, which is equally canonical but not the same order.
    /// </remarks>
    /// <param name="subsets">Subsets in any layout.</param>
    /// <returns>The canonical subsets.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="subsets"/> is null.</exception>
    internal static ImmutableArray<EndpointSubset> RepackSubsets(IEnumerable<EndpointSubset> subsets)
    {
        ArgumentNullException.ThrowIfNull(subsets);
        return SubsetPacker.Repack(subsets);
    }

    /// <inheritdoc/>
    public bool Equals(Endpoints? other)
        => other is not null
           && string.Equals(Namespace, other.Namespace, StringComparison.Ordinal)
           && string.Equals(Name, other.Name, StringComparison.Ordinal)
           && ImmutableEquality.DictionariesEqual(Labels, other.Labels)
           && ImmutableEquality.DictionariesEqual(Annotations, other.Annotations)
           && ImmutableEquality.ArraysEqual(Subsets, other.Subsets);

    /// <inheritdoc/>
    public override int GetHashCode()
        => HashCode.Combine(
            Namespace,
            Name,
            ImmutableEquality.DictionaryHash(Labels),
            ImmutableEquality.DictionaryHash(Annotations),
            ImmutableEquality.ArrayHash(Subsets));

    // The Service's primary family picks the one address a pod contributes; before dual-stack,
    // a ClusterIP (or, for headless Services, the pod's primary IP) named the family.
    private static EndpointAddress? AddressFor(Service service, Pod pod)
    {
        var families = PodRules.FamiliesOf(service);
        var family = !families.IsEmpty ? families[0]
            : PodRules.IsServiceIPSet(service) ? PodRules.FamilyOf(service.Spec.ClusterIP)
            : PodRules.FamilyOf(pod.PodIPs[0]);

        foreach (var ip in pod.PodIPs)
        {
            if (PodRules.FamilyOf(ip) == family)
            {
                return new EndpointAddress
                {
                    IP = IPText.ToCanonical(ip),
                    NodeName = pod.NodeName ?? "",
                    Hostname = PodRules.ShouldSetHostname(pod, service) ? pod.Hostname : null,
                    TargetRef = ObjectReference.ForPod(pod),
                };
            }
        }

        return null;
    }

    // Keeps at most `capacity` addresses: not-ready ones go first; only when ready ones alone
    // exceed the cap are they cut, each subset keeping its proportional share rounded up.
    private static bool Truncate(ref ImmutableArray<EndpointSubset> subsets, int capacity)
    {
        var totalReady = 0;
        var totalNotReady = 0;
        foreach (var subset in subsets)
        {
            totalReady += subset.Addresses.Length;
            totalNotReady += subset.NotReadyAddresses.Length;
        }

        if (totalReady + totalNotReady <= capacity)
        {
            return false;
        }

        var truncateReady = totalReady > capacity;
        var max = truncateReady ? capacity : capacity - totalReady;
        var total = truncateReady ? totalReady : totalNotReady;
        var canBeAdded = max;
        var builder = subsets.ToBuilder();
        for (var i = 0; i < builder.Count; i++)
        {
            var subset = builder[i];
            var inSubset = truncateReady ? subset.Addresses.Length : subset.NotReadyAddresses.Length;
            var toBeAdded = (int)Math.Ceiling((double)inSubset / total * max);
            toBeAdded = Math.Min(toBeAdded, canBeAdded);
            if (truncateReady)
            {
                var kept = Take(subset.Addresses, toBeAdded);
                builder[i] = subset with { Addresses = kept, NotReadyAddresses = [] };
                canBeAdded -= kept.Length;
            }
            else
            {
                var kept = Take(subset.NotReadyAddresses, toBeAdded);
                builder[i] = subset with { NotReadyAddresses = kept };
                canBeAdded -= kept.Length;
            }
        }

        subsets = builder.ToImmutable();
        return true;
    }

    private static ImmutableArray<EndpointAddress> Take(ImmutableArray<EndpointAddress> addresses, int count)
        => addresses.Length <= count ? addresses : addresses[..count];
}
