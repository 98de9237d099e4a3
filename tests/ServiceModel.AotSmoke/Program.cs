using ServiceModel.Serialization;
using ServiceModel.Services;

// Reads a Service as the API server serves it, changes it, writes it back, and reads a list:
// every path the AOT-compiled binary must keep without reflection.
const string json = """
    {"apiVersion":"v1","kind":"Service","metadata":{"name":"web","namespace":"shop","uid":"0b5b5f5e-2a43-46d3-a0a5-7d3c4a8a9c11"},
     "spec":{"ports":[{"name":"http","protocol":"TCP","port":80,"targetPort":"http-web","nodePort":30007}],
     "selector":{"app":"web"},"clusterIP":"10.96.12.7","clusterIPs":["10.96.12.7"],"type":"NodePort",
     "sessionAffinity":"None","externalTrafficPolicy":"Cluster","ipFamilies":["IPv4"],"ipFamilyPolicy":"SingleStack"},
     "status":{"loadBalancer":{}}}
    """;

var service = KubernetesJson.Deserialize<Service>(json);
var changed = service with { Spec = service.Spec with { TrafficDistribution = "PreferClose" } };
var written = KubernetesJson.Serialize(changed);
var again = KubernetesJson.Deserialize<Service>(written);
var list = KubernetesJson.DeserializeList<Service>(KubernetesJson.SerializeList([service, changed]));

if (!again.Equals(changed) || list.Length != 2 || service.Spec.Type != ServiceType.NodePort || service.Spec.Ports[0].TargetPort.StringValue != "http-web")
{
    Console.Error.WriteLine("round trip failed: " + written);
    return 1;
}

try
{
    KubernetesJson.Deserialize<Service>("""{"metadata":{"name":"a"},"spec":{"type":"Nodeport"}}""");
    Console.Error.WriteLine("bad JSON was accepted");
    return 1;
}
catch (System.Text.Json.JsonException e) when (e.Message.StartsWith("$.spec.type: ", StringComparison.Ordinal))
{
}

Console.WriteLine(written);
Console.WriteLine("aot-smoke: ok");
return 0;
