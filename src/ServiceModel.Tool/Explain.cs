using System.Globalization;
using ServiceModel.KubernetesClient;
using ServiceModel.Services;
using ServiceModel.Traffic;

namespace ServiceModel.Tool;

/// <summary><c>servicemodel explain</c>: the quickstart's sections for any stored Service.</summary>
internal static class Explain
{
    public static void Write(TextWriter output, ServiceCluster cluster, string ns, string name)
    {
        var service = cluster.GetService(ns, name)!;
        var spec = service.Spec;
        output.WriteLine($"Service {ns}/{name} as the API server stores it");
        Rows(output,
        [
            ("spec.type", spec.Type.ToString()),
            ("spec.clusterIPs", spec.ClusterIPs.IsDefaultOrEmpty ? spec.ClusterIP ?? "" : string.Join(", ", spec.ClusterIPs)),
            ("spec.ipFamilies", string.Join(", ", spec.IPFamilies)),
            .. spec.Ports.Select((p, i) => ($"spec.ports[{i}]", Describe(p))),
            ("spec.externalTrafficPolicy", spec.ExternalTrafficPolicy?.ToString() ?? ""),
            ("spec.internalTrafficPolicy", spec.InternalTrafficPolicy?.ToString() ?? ""),
            ("spec.healthCheckNodePort", spec.HealthCheckNodePort == 0 ? "" : spec.HealthCheckNodePort.ToString(CultureInfo.InvariantCulture)),
        ]);

        output.WriteLine();
        output.WriteLine("EndpointSlices");
        var slices = cluster.EndpointSlicesOf(ns, name);
        if (slices.IsEmpty)
        {
            output.WriteLine(spec.HasSelector ? "   (none: no pod matches the selector)" : "   (none: the Service has no selector)");
        }

        foreach (var slice in slices)
        {
            Rows(output,
            [
                ($"{slice.Name}", $"{slice.AddressType}, ports {string.Join(", ", slice.Ports.Select(p => $"{(string.IsNullOrEmpty(p.Name) ? "\"\"" : p.Name)}={p.Port}/{p.Protocol}"))}"),
                .. slice.Endpoints.Select(e => ($"  {string.Join(",", e.Addresses)}",
                    $"ready: {Yaml(e.Conditions.Ready)}, serving: {Yaml(e.Conditions.Serving)}, terminating: {Yaml(e.Conditions.Terminating)}, nodeName: {e.NodeName}, targetRef: Pod/{e.TargetRef?.Name}")),
            ]);
        }

        output.WriteLine();
        output.WriteLine("Where a connection goes");
        Rows(output, [.. cluster.Routes(ns, name).Select(r => ($"{Entry(r, service)} from {r.NodeName}", Outcome(r.Route)))]);
    }

    private static string Entry(ServiceClusterRoute route, Service service) => route.Entry switch
    {
        TrafficEntry.ClusterIP => $"{service.Spec.ClusterIP}:{route.Port}",
        TrafficEntry.NodePort => $"{route.NodeName}:{route.Port}",
        TrafficEntry.LoadBalancer => $"load balancer :{route.Port}",
        _ => $"external IP :{route.Port}",
    };

    private static string Describe(ServicePort port)
        => $"{(string.IsNullOrEmpty(port.Name) ? "" : port.Name + " ")}{port.Port}/{port.Protocol} -> targetPort {port.TargetPort}"
            + (port.NodePort == 0 ? "" : $", nodePort {port.NodePort}");

    private static string Outcome(TrafficRoute route) => route.Outcome switch
    {
        TrafficOutcome.Routed => string.Join(", ", route.Candidates.Select(c => $"{c.Endpoint} on {c.NodeName} p={Probability(c.Probability)}")),
        TrafficOutcome.Dropped => "dropped: " + route.Message,
        TrafficOutcome.Rejected => "rejected: " + route.Message,
        _ => "not proxied: " + route.Message,
    };

    // As kubectl prints the conditions: YAML's lower-case booleans, null when unset.
    private static string Yaml(bool? value) => value switch { true => "true", false => "false", null => "null" };

    // kube-proxy spreads uniformly over n endpoints, so a probability reads best as 1/n (as in the quickstart).
    private static string Probability(double p)
    {
        if (p >= 1)
        {
            return "1";
        }

        var n = Math.Round(1 / p);
        return Math.Abs((1 / n) - p) < 1e-9 ? "1/" + n.ToString(CultureInfo.InvariantCulture) : p.ToString("0.###", CultureInfo.InvariantCulture);
    }

    private static void Rows(TextWriter output, IReadOnlyList<(string Label, string Value)> rows)
    {
        var width = rows.Count == 0 ? 0 : rows.Max(r => r.Label.Length);
        foreach (var (label, value) in rows)
        {
            output.WriteLine($"   {label.PadRight(width)}  {value}");
        }
    }
}
