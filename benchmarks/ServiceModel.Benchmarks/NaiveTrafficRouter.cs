using System.Collections.Immutable;
using ServiceModel.Discovery;
using ServiceModel.Services;
using ServiceModel.Traffic;

namespace ServiceModel.Benchmarks;

/// <summary>
/// The obvious LINQ reading of kube-proxy's endpoint selection (filter slices, group by address,
/// filter by policy, spread evenly): the baseline TrafficRouter is measured against.
/// </summary>
internal static class NaiveTrafficRouter
{
    public static ImmutableArray<TrafficCandidate> Route(Service service, IReadOnlyList<EndpointSlice> slices, string nodeName, bool local)
    {
        var portName = service.Spec.Ports[0].Name ?? string.Empty;
        var endpoints = slices
            .Where(s => s.Namespace == service.Namespace && s.Labels.TryGetValue(EndpointSlice.ServiceNameLabel, out var n) && n == service.Name)
            .SelectMany(s => s.Ports.Where(p => p.Name == portName).Take(1).SelectMany(p => s.Endpoints.Select(e => (Endpoint: e, p.Port))))
            .Where(x => x.Endpoint.Addresses.Length > 0)
            .GroupBy(x => (x.Endpoint.Addresses[0], x.Port))
            .Select(g => g.First())
            .Where(x => !local || x.Endpoint.NodeName == nodeName)
            .ToList();
        var ready = endpoints.Where(x => x.Endpoint.Conditions.Ready ?? true).ToList();
        var pool = ready.Count > 0
            ? ready
            : endpoints.Where(x => (x.Endpoint.Conditions.Serving ?? true) && (x.Endpoint.Conditions.Terminating ?? false)).ToList();
        return [.. pool
            .OrderBy(x => x.Endpoint.Addresses[0], StringComparer.Ordinal)
            .Select(x => new TrafficCandidate
            {
                Address = x.Endpoint.Addresses[0],
                Port = x.Port,
                NodeName = x.Endpoint.NodeName,
                Zone = x.Endpoint.Zone,
                Ready = x.Endpoint.Conditions.Ready ?? true,
                Serving = x.Endpoint.Conditions.Serving ?? true,
                Terminating = x.Endpoint.Conditions.Terminating ?? false,
                Probability = 1.0 / pool.Count,
            })];
    }
}
