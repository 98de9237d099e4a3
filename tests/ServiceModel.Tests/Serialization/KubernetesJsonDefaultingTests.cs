using System.Text.Json;
using ServiceModel.Discovery;
using ServiceModel.Serialization;
using ServiceModel.Services;

namespace ServiceModel.Tests.Serialization;

// What the API server's decoding (Go's encoding/json) and defaulting (pkg/apis/core/v1/defaults.go,
// pkg/apis/discovery/v1/defaults.go) make of null and "" is what KubernetesJson reads.
public class KubernetesJsonDefaultingTests
{
    [Theory]
    [InlineData("null")]
    [InlineData("\"\"")]
    public void Null_or_empty_plain_string_enums_read_as_left_out(string value)
    {
        var service = KubernetesJson.Deserialize<Service>(
            Fill("""{"metadata":{"name":"web"},"spec":{"type":@,"sessionAffinity":@,"externalTrafficPolicy":@,"ports":[{"port":80,"protocol":@}]}}""", value));
        Assert.Equal(ServiceType.ClusterIP, service.Spec.Type);
        Assert.Equal(SessionAffinity.None, service.Spec.SessionAffinity);
        Assert.Null(service.Spec.ExternalTrafficPolicy);
        Assert.Equal(Protocol.TCP, Assert.Single(service.Spec.Ports).Protocol);

        var pod = KubernetesJson.Deserialize<Pod>(
            Fill("""{"metadata":{"name":"p"},"spec":{"containers":[{"ports":[{"containerPort":8080,"protocol":@}]}]},"status":{"phase":@}}""", value));
        Assert.Equal(PodPhase.Pending, pod.Phase);
        Assert.Equal(Protocol.TCP, Assert.Single(pod.ContainerPorts).Protocol);

        var endpoints = KubernetesJson.Deserialize<Endpoints>(
            Fill("""{"metadata":{"name":"e"},"subsets":[{"addresses":[{"ip":"10.0.0.1"}],"ports":[{"port":80,"protocol":@}]}]}""", value));
        Assert.Equal(Protocol.TCP, Assert.Single(Assert.Single(endpoints.Subsets).Ports).Protocol);
    }

    [Fact]
    public void Null_pointer_enums_are_unset_and_empty_ones_are_refused()
    {
        var unset = KubernetesJson.Deserialize<Service>("""{"metadata":{"name":"web"},"spec":{"ipFamilyPolicy":null,"internalTrafficPolicy":null}}""");
        Assert.Null(unset.Spec.IPFamilyPolicy);
        Assert.Null(unset.Spec.InternalTrafficPolicy);
        var slice = KubernetesJson.Deserialize<EndpointSlice>("""{"metadata":{"name":"s"},"addressType":"IPv4","ports":[{"port":80,"protocol":null}]}""");
        Assert.Equal(Protocol.TCP, Assert.Single(slice.Ports).Protocol);

        var policy = Assert.Throws<JsonException>(() => KubernetesJson.Deserialize<Service>("""{"metadata":{"name":"web"},"spec":{"ipFamilyPolicy":""}}"""));
        Assert.StartsWith("$.spec.ipFamilyPolicy: expected one of \"SingleStack\"", policy.Message, StringComparison.Ordinal);
        var @internal = Assert.Throws<JsonException>(() => KubernetesJson.Deserialize<Service>("""{"metadata":{"name":"web"},"spec":{"internalTrafficPolicy":""}}"""));
        Assert.StartsWith("$.spec.internalTrafficPolicy: expected one of \"Cluster\", \"Local\", found the string \"\"", @internal.Message, StringComparison.Ordinal);
        var protocol = Assert.Throws<JsonException>(() => KubernetesJson.Deserialize<EndpointSlice>("""{"metadata":{"name":"s"},"addressType":"IPv4","ports":[{"port":80,"protocol":""}]}"""));
        Assert.StartsWith("$.ports[0].protocol: expected one of \"TCP\"", protocol.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"port\":null,")]
    [InlineData("")]
    public void A_null_or_absent_endpoint_port_number_reads_as_unset(string port)
    {
        var slice = KubernetesJson.Deserialize<EndpointSlice>(Fill("""{"metadata":{"name":"s"},"addressType":"IPv4","ports":[{@"name":"http"}]}""", port));
        Assert.Equal(0, Assert.Single(slice.Ports).Port);
        var endpoints = KubernetesJson.Deserialize<Endpoints>(Fill("""{"metadata":{"name":"e"},"subsets":[{"ports":[{@"name":"http"}]}]}""", port));
        Assert.Equal(0, Assert.Single(Assert.Single(endpoints.Subsets).Ports).Port);
    }

    [Theory]
    [InlineData(",\"namespace\":\"\"")]
    [InlineData(",\"namespace\":null")]
    [InlineData("")]
    public void An_empty_null_or_absent_namespace_reads_as_default_on_every_kind(string ns)
    {
        Assert.Equal("default", KubernetesJson.Deserialize<Service>(Fill("""{"metadata":{"name":"a"@}}""", ns)).Namespace);
        Assert.Equal("default", KubernetesJson.Deserialize<Pod>(Fill("""{"metadata":{"name":"a"@}}""", ns)).Namespace);
        Assert.Equal("default", KubernetesJson.Deserialize<EndpointSlice>(Fill("""{"metadata":{"name":"a"@},"addressType":"IPv4"}""", ns)).Namespace);
        Assert.Equal("default", KubernetesJson.Deserialize<Endpoints>(Fill("""{"metadata":{"name":"a"@}}""", ns)).Namespace);
    }

    [Theory]
    [InlineData("not-an-ip")]
    [InlineData("")]
    [InlineData("010.000.000.001")]
    [InlineData("fe80::1%eth0")]
    public void Pod_ip_text_that_is_no_address_is_kept_as_written(string text)
    {
        var pod = new Pod("default", "web") { PodIPs = [text, "10.0.0.1"] };
        var read = KubernetesJson.Deserialize<Pod>(KubernetesJson.Serialize(pod));
        Assert.Equal(pod, read);
        Assert.Equal([text, "10.0.0.1"], read.PodIPs.ToArray());
    }

    [Fact]
    public void A_lone_pod_ip_that_is_no_address_is_kept_as_written()
        => Assert.Equal(["not-an-ip"], KubernetesJson.Deserialize<Pod>("""{"metadata":{"name":"a"},"status":{"podIP":"not-an-ip"}}""").PodIPs.ToArray());

    private static string Fill(string template, string value) => template.Replace("@", value, StringComparison.Ordinal);
}
