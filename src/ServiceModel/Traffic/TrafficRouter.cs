using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using ServiceModel.Discovery;
using ServiceModel.Internal;
using ServiceModel.Networking;
using ServiceModel.Services;

namespace ServiceModel.Traffic;

/// <summary>
/// Which endpoint a connection to a Service reaches, and with what probability, following the rules
/// kube-proxy (iptables and nftables modes) installs on the node where the connection enters.
/// </summary>
/// <remarks>
/// <para>The rules, in the order they apply:</para>
/// <list type="number">
/// <item>An entry the Service does not offer (a node port it lacks, a Pending load balancer, no
/// external IPs, a headless or ExternalName Service) has no rule: <see cref="TrafficOutcome.NotProxied"/>.</item>
/// <item>Endpoints come from the Service's EndpointSlices (same namespace, <c>kubernetes.io/service-name</c>
/// label naming the Service, the connection's IP family) through the slice port whose name and protocol
/// match the Service port. Each endpoint is its first address and that port; duplicates across slices
/// collapse, a non-terminating copy winning. Unset conditions read as ready, serving, not terminating.</item>
/// <item>If no endpoint is ready, or serving and terminating, on any node, the connection is
/// <see cref="TrafficOutcome.Rejected"/>.</item>
/// <item>The policy picks the scope: <c>internalTrafficPolicy</c> for the cluster IP,
/// <c>externalTrafficPolicy</c> for node ports, load balancers and external IPs. Local means only
/// endpoints on the entry node, except that external traffic from a pod or from the node itself is
/// short-circuited to the cluster-wide endpoints. A Local scope with nothing usable on the node
/// is <see cref="TrafficOutcome.Dropped"/>.</item>
/// <item>In the scope, ready endpoints are used; if there are none, serving-and-terminating ones
/// (separately for the cluster-wide and the node-local scope, as upstream's <c>CategorizeEndpoints</c>).</item>
/// <item>Every candidate gets the same probability: kube-proxy has no weights or priorities.</item>
/// <item><c>sessionAffinity: ClientIP</c>: a first connection is spread uniformly; when
/// <see cref="TrafficRequest.ClientIP"/> and an <see cref="TrafficRequest.Affinity"/> younger than the
/// timeout name an endpoint that is still a candidate, the connection goes there with probability 1.</item>
/// </list>
/// <para>
/// Load balancer entries: kube-proxy has rules only for ingress IPs of the connection's family in VIP
/// mode (<c>ipMode</c> <c>VIP</c> or unset). Without one, in-cluster traffic to the load balancer is
/// <see cref="TrafficOutcome.SentToLoadBalancer"/> and outside traffic arrives from the load balancer
/// (the endpoint never sees the client's IP). With one, <c>spec.loadBalancerSourceRanges</c> of the
/// family (not the annotation; none, or a <c>/0</c> among them, allows all) filter every source,
/// pods included: a <see cref="TrafficRequest.ClientIP"/> outside them is
/// <see cref="TrafficOutcome.Dropped"/> (after the no-endpoints rejection, before everything else);
/// without a client IP the ranges are not checked.
/// </para>
/// <para>
/// Topology (v1.35 <c>pkg/proxy/topology.go</c>): the cluster-wide scope (Cluster policies, and the
/// short-circuit of in-cluster traffic under <c>externalTrafficPolicy: Local</c>) follows the endpoints'
/// hints. When every ready endpoint has a node hint and one names the entry node, only those
/// (<see cref="TrafficReason.SameNodeEndpoints"/>); else when every ready endpoint has a zone hint and
/// one names <see cref="TrafficRequest.Zone"/>, only those (<see cref="TrafficReason.SameZoneEndpoints"/>);
/// else every ready endpoint (<see cref="TrafficReason.TopologyHintsIgnored"/> when some carried hints).
/// Hints are read from ready endpoints only, so with none ready topology is off and the
/// serving-and-terminating fallback covers the whole cluster. A Local scope never reads hints.
/// </para>
/// <para>
/// Not modelled: the node's own address being let through the source ranges when they cover it,
/// which ingress IP was dialled (any VIP-mode one stands for all), <c>--masquerade-all</c>, IPVS schedulers.
/// All members are pure and thread-safe.
/// </para>
/// </remarks>
public static class TrafficRouter
{
    /// <summary>
    /// Builds the routing table of <paramref name="service"/> over <paramref name="slices"/>: every
    /// port, both IP families, every node. Build it once per change of the Service or its slices;
    /// each <see cref="TrafficTable.Route(TrafficRequest)"/> then costs the same whatever the number of endpoints.
    /// </summary>
    /// <param name="service">The Service.</param>
    /// <param name="slices">The Service's EndpointSlices; slices of other Services are ignored, a default array reads as empty.</param>
    /// <returns>The table; immutable and thread-safe.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static TrafficTable Prepare(Service service, IReadOnlyList<EndpointSlice> slices)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(slices);
        return new TrafficTable(service, Normalize(slices));
    }

    /// <summary>Routes a connection that enters at <paramref name="nodeName"/> through <paramref name="entry"/>.</summary>
    /// <param name="service">The Service.</param>
    /// <param name="slices">The Service's EndpointSlices; slices of other Services are ignored, a default array reads as empty.</param>
    /// <param name="nodeName">The node whose kube-proxy handles the connection.</param>
    /// <param name="entry">The Service address the client dialled.</param>
    /// <param name="clientIP">The client's IP address text, for ClientIP session affinity; <see langword="null"/> by default.</param>
    /// <returns>The outcome, its reason and the candidates with their probabilities.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="nodeName"/> is empty, <paramref name="clientIP"/> is not an IP address, or the Service has no port or several.</exception>
    /// <remarks>Builds what kube-proxy would hold for this one connection, so it costs time in proportion to the slices; to route many connections, <see cref="Prepare"/> once.</remarks>
    public static TrafficRoute Route(Service service, IReadOnlyList<EndpointSlice> slices, string nodeName, TrafficEntry entry, string? clientIP = null)
        => Route(service, slices, new TrafficRequest { NodeName = nodeName, Entry = entry, ClientIP = clientIP });

    /// <summary>Routes the connection <paramref name="request"/> describes.</summary>
    /// <param name="service">The Service.</param>
    /// <param name="slices">The Service's EndpointSlices; slices of other Services are ignored, a default array reads as empty.</param>
    /// <param name="request">The connection.</param>
    /// <returns>The outcome, its reason and the candidates with their probabilities.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The node name is empty, the client IP is not an IP address, or <see cref="TrafficRequest.PortName"/> does not select exactly one Service port.</exception>
    /// <remarks>Builds what kube-proxy would hold for this one connection, so it costs time in proportion to the slices; to route many connections, <see cref="Prepare"/> once.</remarks>
    public static TrafficRoute Route(Service service, IReadOnlyList<EndpointSlice> slices, TrafficRequest request)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(slices);
        return Route(service, request, prepared: null, Normalize(slices));
    }

    // The one reading of the rules: from a prepared table when there is one, else from a table
    // built for just this connection (its node, its port and family, only the pool it needs).
    internal static TrafficRoute Route(Service service, TrafficRequest request, EndpointTable[]? prepared, IReadOnlyList<EndpointSlice> slices)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrEmpty(request.NodeName))
        {
            throw new ArgumentException("the request must name the node where the connection enters", nameof(request));
        }

        if (request.ClientIP is { } clientIP && !IPAddress.TryParse(clientIP, out _))
        {
            throw new ArgumentException($"the request's client IP \"{Bounded(clientIP)}\" is not an IP address", nameof(request));
        }

        var spec = service.Spec;
        var portIndex = SelectPort(service, request.PortName);
        var port = spec.Ports[portIndex];
        var portName = FormatPortName(service, port);
        var entry = DescribeEntry(spec, port, request);

        var notExposed = WhyNotExposed(service, port, request.Entry);
        if (notExposed is not null)
        {
            return new TrafficRoute
            {
                Outcome = TrafficOutcome.NotProxied,
                Reason = TrafficReason.EntryNotExposed,
                Message = $"{portName}: {notExposed}, so kube-proxy has no rule for {entry}",
                ServicePortName = portName,
            };
        }

        var family = request.Family ?? PrimaryFamily(spec);
        var health = ServiceTypeLayering.NeedsHealthCheckNodePort(spec);
        var external = request.Entry != TrafficEntry.ClusterIP;
        var source = request.EffectiveSource;

        // kube-proxy only has rules for load balancer IPs in VIP mode; without one, in-cluster
        // traffic to the load balancer really goes there, and outside traffic arrives from it.
        var proxyModeBalancer = request.Entry == TrafficEntry.LoadBalancer && !LoadBalancerRules.HasVirtualIP(service, family);
        if (proxyModeBalancer && source != TrafficSource.OutsideCluster)
        {
            return new TrafficRoute
            {
                Outcome = TrafficOutcome.SentToLoadBalancer,
                Reason = TrafficReason.LoadBalancerProxyMode,
                Message = $"{portName}: the load balancer has no {family} ingress IP in VIP mode (ipMode Proxy, or a hostname only), so kube-proxy on {request.NodeName} has no rule for {entry} "
                    + $"from {(source == TrafficSource.Node ? "the node itself" : "a pod")}: it goes out to the load balancer, which sends it back to a node as external traffic",
                ServicePortName = portName,
            };
        }

        var externalLocal = external && ServiceTypeLayering.IsExternallyAccessible(spec) && spec.ExternalTrafficPolicy == TrafficPolicy.Local;
        var internalLocal = !external && spec.InternalTrafficPolicy == TrafficPolicy.Local;
        var shortCircuit = externalLocal && source != TrafficSource.OutsideCluster;
        var local = internalLocal || (externalLocal && !shortCircuit);
        var preserved = external ? externalLocal && source != TrafficSource.Node && !proxyModeBalancer : source != TrafficSource.OutsideCluster;

        var table = prepared is not null
            ? prepared[TrafficTable.Slot(portIndex, family)]
            : EndpointTable.Build(service, slices, port, family, request.NodeName, request.Zone, clusterPool: !local, localPools: local, countLocalReady: health);
        var localReadyIPs = health ? table.LocalReadyIPs(request.NodeName) : 0;
        var healthCheck = health ? new HealthCheckResponse { NodePort = spec.HealthCheckNodePort, LocalEndpoints = localReadyIPs } : null;

        if (!table.AnyUsable)
        {
            return new TrafficRoute
            {
                Outcome = TrafficOutcome.Rejected,
                Reason = TrafficReason.NoEndpoints,
                Message = $"{portName} has no endpoints: none is ready, or serving and terminating, on any node, so kube-proxy on {request.NodeName} rejects {entry} (ICMP port unreachable)",
                ServicePortName = portName,
                HealthCheck = healthCheck,
            };
        }

        var firewall = request.Entry == TrafficEntry.LoadBalancer && !proxyModeBalancer
            ? LoadBalancerRules.Check(spec, family, request.ClientIP)
            : SourceRangeVerdict.NoFilter;
        if (firewall == SourceRangeVerdict.Denied)
        {
            return new TrafficRoute
            {
                Outcome = TrafficOutcome.Dropped,
                Reason = TrafficReason.SourceRangeNotAllowed,
                Message = $"{portName}: client {request.ClientIP} is outside the Service's {family} loadBalancerSourceRanges ({LoadBalancerRules.ListRanges(spec, family)}), "
                    + $"so kube-proxy on {request.NodeName} drops {entry} (the client times out)",
                ServicePortName = portName,
                HealthCheck = healthCheck,
                ClientIPPreserved = preserved,
            };
        }

        // Topology hints narrow only the cluster-wide scope; a Local policy never reads them.
        var zone = request.Zone ?? string.Empty;
        var mode = TopologyMode.None;
        var topologyReason = TopologyReason.NotApplicable;
        var pool = local ? table.LocalPool(request.NodeName) : table.Topology.Select(table.Cluster, request.NodeName, zone, out mode, out topologyReason);
        var hinted = !local && table.Topology.AnyHinted;
        var terminating = pool.Terminating;
        var policyText = external
            ? $"externalTrafficPolicy {(externalLocal ? "Local" : "Cluster")}"
            : $"internalTrafficPolicy {(internalLocal ? "Local" : "Cluster")}";
        if (pool.Count == 0)
        {
            var healthText = healthCheck is null
                ? string.Empty
                : $"; its health check node port {healthCheck.NodePort} answers 503, so a load balancer stops sending here";
            return new TrafficRoute
            {
                Outcome = TrafficOutcome.Dropped,
                Reason = TrafficReason.NoLocalEndpoints,
                Message = $"{portName} has no local endpoints on node {request.NodeName}: with {policyText} kube-proxy drops {entry} (the client times out){healthText}",
                ServicePortName = portName,
                HealthCheck = healthCheck,
                ClientIPPreserved = preserved,
            };
        }

        TimeSpan? affinityTimeout = spec.SessionAffinity == SessionAffinity.ClientIP
            ? TimeSpan.FromSeconds(spec.SessionAffinityConfig?.ClientIP?.TimeoutSeconds ?? ClientIPConfig.DefaultTimeoutSeconds)
            : null;
        EndpointView sticky = default;
        var isSticky = affinityTimeout is { } timeout && request.ClientIP is not null && request.Affinity is { } memory
            && memory.Age >= TimeSpan.Zero && memory.Age < timeout
            && table.TryFind(memory.Address, memory.Port, pool, local ? request.NodeName : null, out sticky);

        var kind = terminating ? "serving and terminating" : "ready";
        var where = local ? $"on node {request.NodeName}"
            : mode != TopologyMode.None ? pool.Scope
            : "on any node";
        var sourceText = preserved ? "the endpoint sees the client's IP" : "the client's IP is masqueraded to the node's";
        TrafficReason reason;
        ImmutableArray<TrafficCandidate> candidates;
        string message;
        if (isSticky)
        {
            reason = TrafficReason.SessionAffinity;
            candidates = [sticky.ToCandidate(1.0)];
            message = $"{portName}: client {request.ClientIP} connected to {candidates[0].Endpoint} {FormatSeconds(request.Affinity!.Age)} ago, "
                + $"within its sessionAffinity ClientIP timeout of {FormatSeconds(affinityTimeout!.Value)}, so {entry} goes there again (probability 1); {sourceText}";
        }
        else
        {
            reason = local ? TrafficReason.LocalEndpoints
                : shortCircuit ? TrafficReason.InClusterSourceUsesClusterEndpoints
                : mode == TopologyMode.PreferSameNode ? TrafficReason.SameNodeEndpoints
                : mode == TopologyMode.PreferSameZone ? TrafficReason.SameZoneEndpoints
                : hinted ? TrafficReason.TopologyHintsIgnored
                : TrafficReason.ClusterEndpoints;
            candidates = pool.Candidates;
            var topologyClause = !hinted ? string.Empty
                : mode != TopologyMode.None ? pool.TopologyClause
                : $"; topology hints: {TopologyFilter.MessageFor(topologyReason, request.NodeName, zone)}";
            var policyClause = shortCircuit
                ? $"{policyText}, but traffic from {(source == TrafficSource.Node ? "the node itself" : "a pod")} is short-circuited to the cluster-wide endpoints{topologyClause}"
                : policyText + topologyClause;
            var affinityClause = affinityTimeout is null
                ? string.Empty
                : request.ClientIP is null
                    ? "; sessionAffinity ClientIP applies, but no client IP was given"
                    : $"; client {request.ClientIP} then sticks to its endpoint for {FormatSeconds(affinityTimeout.Value)}";
            var count = pool.Count.ToString(CultureInfo.InvariantCulture);
            var reaches = pool.Count == 1
                ? $"reaches {pool.Listing} (the only {kind} endpoint {where}) with probability 1"
                : $"reaches one of {count} {kind} endpoints {where} ({pool.Listing}), each with probability 1/{count}";
            var firewallClause = firewall switch
            {
                SourceRangeVerdict.Allowed => $"; client {request.ClientIP} is within loadBalancerSourceRanges",
                SourceRangeVerdict.Unchecked => "; loadBalancerSourceRanges apply, but no client IP was given",
                _ => proxyModeBalancer ? "; the load balancer (no VIP-mode ingress IP) delivers it, and any loadBalancerSourceRanges are its to enforce" : string.Empty,
            };
            message = $"{portName}: {entry} {reaches} ({policyClause}); {sourceText}{firewallClause}{affinityClause}";
        }

        return new TrafficRoute
        {
            Outcome = TrafficOutcome.Routed,
            Reason = reason,
            Message = message,
            ServicePortName = portName,
            Candidates = candidates,
            UsesTerminatingEndpoints = terminating,
            ClientIPPreserved = preserved,
            HealthCheck = healthCheck,
            AffinityTimeout = affinityTimeout,
        };
    }

    // Quotes at most 64 characters of a caller's text, so a huge value cannot make a huge message.
    private static string Bounded(string text) => text.Length <= 64 ? text : string.Concat(text.AsSpan(0, 64), "...");

    // A default ImmutableArray boxed as IReadOnlyList throws on first use; it reads as no slices.
    private static IReadOnlyList<EndpointSlice> Normalize(IReadOnlyList<EndpointSlice> slices)
        => slices is ImmutableArray<EndpointSlice> { IsDefault: true } ? [] : slices;

    private static int SelectPort(Service service, string? portName)
    {
        var ports = service.Spec.Ports.IsDefault ? [] : service.Spec.Ports;
        if (portName is null)
        {
            if (ports.Length == 1)
            {
                return 0;
            }

            throw new ArgumentException(ports.Length == 0
                ? $"service {service.Namespace}/{service.Name} has no ports"
                : $"service {service.Namespace}/{service.Name} has {ports.Length} ports ({ListPorts(ports)}): set the request's PortName to one of them", "request");
        }

        for (var i = 0; i < ports.Length; i++)
        {
            if (string.Equals(ports[i].Name ?? string.Empty, portName, StringComparison.Ordinal))
            {
                return i;
            }
        }

        throw new ArgumentException($"service {service.Namespace}/{service.Name} has no port named {GoText.Quote(portName)}; its ports are: {ListPorts(ports)}", "request");
    }

    private static string ListPorts(ImmutableArray<ServicePort> ports)
        => ports.Length == 0 ? "none" : string.Join(", ", ports.Select(p => string.IsNullOrEmpty(p.Name) ? "(unnamed)" : p.Name));

    // kube-proxy's ServicePortName text: "namespace/name", with ":port" only for a named port.
    private static string FormatPortName(Service service, ServicePort port)
        => string.IsNullOrEmpty(port.Name) ? $"{service.Namespace}/{service.Name}" : $"{service.Namespace}/{service.Name}:{port.Name}";

    private static string? WhyNotExposed(Service service, ServicePort port, TrafficEntry entry)
    {
        var spec = service.Spec;
        if (spec.Type == ServiceType.ExternalName)
        {
            return "an ExternalName Service is only a DNS CNAME";
        }

        if (spec.IsHeadless)
        {
            return "a headless Service has no virtual IP (DNS returns the endpoints themselves)";
        }

        return entry switch
        {
            TrafficEntry.ClusterIP => null,
            TrafficEntry.NodePort => spec.Type.MayCarryNodePorts() && port.NodePort != 0
                ? null
                : $"the port has no node port (type {spec.Type})",
            TrafficEntry.LoadBalancer => spec.Type != ServiceType.LoadBalancer
                ? $"the Service is of type {spec.Type}, not LoadBalancer"
                : service.IsLoadBalancerPending ? "its load balancer is still Pending (no ingress in status)" : null,
            TrafficEntry.ExternalIP => spec.ExternalIPs.IsDefaultOrEmpty ? "the Service lists no externalIPs" : null,
            _ => throw new ArgumentOutOfRangeException(nameof(entry), entry, "must be ClusterIP, NodePort, LoadBalancer or ExternalIP"),
        };
    }

    private static string DescribeEntry(ServiceSpec spec, ServicePort port, TrafficRequest request) => request.Entry switch
    {
        TrafficEntry.ClusterIP => string.IsNullOrEmpty(spec.ClusterIP)
            ? string.Create(CultureInfo.InvariantCulture, $"a connection to the cluster IP, port {port.Port}")
            : string.Create(CultureInfo.InvariantCulture, $"a connection to the cluster IP {spec.ClusterIP}:{port.Port}"),
        TrafficEntry.NodePort => port.NodePort == 0
            ? $"a connection to a node port on node {request.NodeName}"
            : string.Create(CultureInfo.InvariantCulture, $"a connection to node port {port.NodePort} on node {request.NodeName}"),
        TrafficEntry.LoadBalancer => string.Create(CultureInfo.InvariantCulture, $"a connection through the load balancer, port {port.Port}, arriving at node {request.NodeName}"),
        TrafficEntry.ExternalIP => string.Create(CultureInfo.InvariantCulture, $"a connection to an external IP, port {port.Port}, arriving at node {request.NodeName}"),
        _ => throw new ArgumentOutOfRangeException(nameof(request), request.Entry, "the entry must be ClusterIP, NodePort, LoadBalancer or ExternalIP"),
    };

    private static IPFamily PrimaryFamily(ServiceSpec spec)
    {
        if (!spec.IPFamilies.IsDefaultOrEmpty)
        {
            return spec.IPFamilies[0];
        }

        return IPText.TryParse(spec.ClusterIP, out var ip) ? IPFamilies.FamilyOf(ip) : IPFamily.IPv4;
    }

    private static string FormatSeconds(TimeSpan span)
        => span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + "s";
}
