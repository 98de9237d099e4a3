using ServiceModel.Discovery;
using ServiceModel.Services;
using ServiceModel.Traffic;

namespace ServiceModel.Tests.Traffic;

// An independent, deliberately plain reading of kube-proxy's rules for IPv4 "default/web:http",
// used as an oracle: the candidate endpoints ("ip:port") or null when not routed.
internal static class NaiveRouter
{
    public static HashSet<string>? Candidates(Service service, IEnumerable<EndpointSlice> slices, TrafficRequest request)
    {
        var spec = service.Spec;
        var exposed = request.Entry switch
        {
            TrafficEntry.ClusterIP => true,
            TrafficEntry.NodePort => spec.Type != ServiceType.ClusterIP,
            TrafficEntry.LoadBalancer => spec.Type == ServiceType.LoadBalancer,
            _ => spec.ExternalIPs.Length > 0,
        };
        if (!exposed)
        {
            return null;
        }

        var all = Endpoints(service, slices, request.NodeName);
        if (!AnyUsable(all))
        {
            return null;
        }

        var local = request.Entry == TrafficEntry.ClusterIP
            ? spec.InternalTrafficPolicy == TrafficPolicy.Local
            : spec.ExternalTrafficPolicy == TrafficPolicy.Local && request.EffectiveSource == TrafficSource.OutsideCluster;
        var scope = all.Where(e => !local || e.Local).ToList();
        var pool = scope.Any(e => e.Ready) ? scope.Where(e => e.Ready) : scope.Where(e => e.Serving && e.Terminating);
        var keys = pool.Select(e => e.Address + ":" + e.Port).ToHashSet(StringComparer.Ordinal);
        return keys.Count == 0 ? null : keys;
    }

    public static bool AnyUsable(List<(string Address, int Port, bool Ready, bool Serving, bool Terminating, bool Local)> endpoints)
        => endpoints.Any(e => e.Ready || (e.Serving && e.Terminating));

    // The endpoints of port "http" after kube-proxy's de-duplication (a non-terminating copy replaces, a terminating one never does).
    public static List<(string Address, int Port, bool Ready, bool Serving, bool Terminating, bool Local)> Endpoints(
        Service service, IEnumerable<EndpointSlice> slices, string nodeName)
        => Winners(service, slices)
            .Select(x => (x.Address, x.Port, Ready: x.Endpoint.Conditions.Ready ?? true, Serving: x.Endpoint.Conditions.Serving ?? true,
                Terminating: x.Endpoint.Conditions.Terminating ?? false, Local: x.Endpoint.NodeName == nodeName))
            .ToList();

    // The slice endpoint that stands for each address:port of port "http": "ip:port", and the endpoint as the slice has it.
    public static List<(string Address, int Port, string Key, Endpoint Endpoint)> Winners(Service service, IEnumerable<EndpointSlice> slices)
        => slices
            .Where(s => s.Namespace == service.Namespace && s.Labels.GetValueOrDefault(EndpointSlice.ServiceNameLabel) == service.Name)
            .SelectMany(s => s.Ports.Where(p => p.Name == "http" && p.Protocol == Protocol.TCP).Take(1)
                .SelectMany(p => s.Endpoints.Where(e => e.Addresses.Length > 0).Select(e => (Key: (Address: e.Addresses[0], p.Port), Endpoint: e))))
            .GroupBy(x => x.Key)
            .Select(g => g.LastOrDefault(x => x.Endpoint.Conditions.Terminating != true, g.First()))
            .Select(x => (x.Key.Address, x.Key.Port, $"{x.Key.Address}:{x.Key.Port}", x.Endpoint))
            .ToList();
}
