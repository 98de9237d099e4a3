using System.Collections.Concurrent;
using ServiceModel.Discovery;
using ServiceModel.Networking;
using ServiceModel.Services;

namespace ServiceModel.Traffic;

/// <summary>
/// The routing rules kube-proxy holds for one Service over one set of its EndpointSlices, built
/// once by <see cref="TrafficRouter.Prepare"/>: for every port and IP family, the cluster-wide
/// pool, each node's local pool and each node's health-check count. A route through the table
/// costs the same whatever the number of endpoints, as kube-proxy's installed rules do.
/// </summary>
/// <remarks>
/// Build a new table when the Service or its slices change (kube-proxy resyncs then too); the
/// table does not watch them. Immutable and thread-safe. A route for a request without a client
/// (no <see cref="TrafficRequest.ClientIP"/>, no <see cref="TrafficRequest.Affinity"/>) is a function
/// of the request alone, so the table remembers the first 1,024 such requests' routes and answers an
/// equal request again with the same <see cref="TrafficRoute"/> instance, allocating nothing.
/// Routes agree exactly with
/// <see cref="TrafficRouter.Route(Service, IReadOnlyList{EndpointSlice}, TrafficRequest)"/>
/// over the same Service and slices.
/// </remarks>
public sealed class TrafficTable
{
    // Beyond this many remembered routes new ones are computed each time, so arbitrary node names
    // cannot grow the table without bound.
    private const int RememberedRoutes = 1024;

    private readonly EndpointTable[] _tables;
    private readonly ConcurrentDictionary<TrafficRequest, TrafficRoute> _routes = new();
    private int _remembered;

    internal TrafficTable(Service service, IReadOnlyList<EndpointSlice> slices)
    {
        Service = service;
        var ports = service.Spec.Ports.IsDefault ? [] : service.Spec.Ports;
        var health = ServiceTypeLayering.NeedsHealthCheckNodePort(service.Spec);
        _tables = new EndpointTable[ports.Length * 2];
        for (var i = 0; i < ports.Length; i++)
        {
            foreach (var family in (ReadOnlySpan<IPFamily>)[IPFamily.IPv4, IPFamily.IPv6])
            {
                _tables[Slot(i, family)] = EndpointTable.Build(service, slices, ports[i], family, onlyNode: null, onlyZone: null, clusterPool: true, localPools: true, countLocalReady: health);
            }
        }
    }

    /// <summary>The Service the table routes to.</summary>
    public Service Service { get; }

    /// <summary>Routes the connection <paramref name="request"/> describes, in constant time.</summary>
    /// <param name="request">The connection.</param>
    /// <returns>The outcome, its reason and the candidates with their probabilities.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is null.</exception>
    /// <exception cref="ArgumentException">The node name is empty, the client IP is not an IP address, or <see cref="TrafficRequest.PortName"/> does not select exactly one Service port.</exception>
    public TrafficRoute Route(TrafficRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (_routes.TryGetValue(request, out var known))
        {
            return known;
        }

        var route = TrafficRouter.Route(Service, request, _tables, []);
        if (request.ClientIP is null && request.Affinity is null && Volatile.Read(ref _remembered) < RememberedRoutes
            && _routes.TryAdd(request, route))
        {
            Interlocked.Increment(ref _remembered);
        }

        return route;
    }

    /// <summary>Routes a connection that enters at <paramref name="nodeName"/> through <paramref name="entry"/>, in constant time.</summary>
    /// <param name="nodeName">The node whose kube-proxy handles the connection.</param>
    /// <param name="entry">The Service address the client dialled.</param>
    /// <param name="clientIP">The client's IP address text, for ClientIP session affinity; <see langword="null"/> by default.</param>
    /// <returns>The outcome, its reason and the candidates with their probabilities.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="nodeName"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="nodeName"/> is empty, <paramref name="clientIP"/> is not an IP address, or the Service has no port or several.</exception>
    public TrafficRoute Route(string nodeName, TrafficEntry entry, string? clientIP = null)
        => Route(new TrafficRequest { NodeName = nodeName, Entry = entry, ClientIP = clientIP });

    internal static int Slot(int portIndex, IPFamily family) => (portIndex * 2) + (family == IPFamily.IPv6 ? 1 : 0);
}
