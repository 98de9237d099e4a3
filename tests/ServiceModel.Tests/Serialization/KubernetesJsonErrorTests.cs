using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using ServiceModel.Discovery;
using ServiceModel.Labels;
using ServiceModel.Serialization;
using ServiceModel.Services;

namespace ServiceModel.Tests.Serialization;

public class KubernetesJsonErrorTests
{
    public static TheoryData<string, string, string> BadServices() => new()
    {
        { """{"metadata":{"name":"a"},"spec":{"type":"Nodeport"}}""", "$.spec.type", "expected one of \"ClusterIP\", \"NodePort\", \"LoadBalancer\", \"ExternalName\", found the string \"Nodeport\"" },
        { """{"metadata":{"name":"a"},"spec":{"ports":[{"port":80},{"port":"http"}]}}""", "$.spec.ports[1].port", "expected a 32-bit integer, found the string \"http\"" },
        { """{"metadata":{"name":"a"},"spec":{"ports":[{"port":80,"targetPort":true}]}}""", "$.spec.ports[0].targetPort", "expected a 32-bit integer or a string, found true" },
        { """{"metadata":{"name":"a"},"spec":{"ports":[{"name":"x"}]}}""", "$.spec.ports[0]", "expected port, a 32-bit integer" },
        { """{"metadata":{"name":"a"},"spec":{"ports":[{"port":4294967296}]}}""", "$.spec.ports[0].port", "expected a 32-bit integer, found the number 4294967296" },
        { """{"metadata":{"labels":{"app":"web"}}}""", "$.metadata", "expected metadata.name, a non-empty string" },
        { """{"spec":{}}""", "$", "expected metadata.name, a non-empty string" },
        { """{"metadata":{"name":"a","labels":{"app":1}}}""", "$.metadata.labels.app", "expected a string, found the number 1" },
        { """{"metadata":{"name":"a","annotations":{"example.com/x":[]}}}""", "$.metadata.annotations['example.com/x']", "expected a string, found an array" },
        { """{"metadata":{"name":"a","creationTimestamp":"yesterday"}}""", "$.metadata.creationTimestamp", "expected an RFC 3339 timestamp" },
        { """{"kind":"Pod","metadata":{"name":"a"}}""", "$.kind", "expected \"Service\", found the string \"Pod\"" },
        { """{"apiVersion":"v2","metadata":{"name":"a"}}""", "$.apiVersion", "expected \"v1\", found the string \"v2\"" },
        { """{"metadata":{"name":"a"},"spec":{"clusterIPs":["10.0.0.1",7]}}""", "$.spec.clusterIPs[1]", "expected a string, found the number 7" },
        { """{"metadata":{"name":"a"},"spec":{"ipFamilies":["IPv5"]}}""", "$.spec.ipFamilies[0]", "expected one of \"IPv4\", \"IPv6\"" },
        { """{"metadata":{"name":"a"},"spec":[]}""", "$.spec", "expected an object (spec), found an array" },
        { """[]""", "$", "expected an object (a Service), found an array" },
        { """null""", "$", "expected an object, found null" },
        { """{"metadata":{"name":"a"}} {}""", "$", "is invalid after a single JSON value" },
        { """{"metadata":{"name":"a"},"spec":{"ports":[{"port":80,}]}}""", "$.spec.ports[0].port", "LineNumber" },
        { """{"metadata":{"name":"a"},"spec":{"selector":{"app":"web"}""", "$.spec.selector", "" },
    };

    [Theory]
    [MemberData(nameof(BadServices))]
    public void Bad_service_json_names_the_path_and_what_was_expected(string json, string path, string message)
    {
        var error = Assert.Throws<JsonException>(() => KubernetesJson.Deserialize<Service>(json));
        Assert.StartsWith(path + ": ", error.Message, StringComparison.Ordinal);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(path, error.Path);

        // The same failure through bytes and a stream.
        var bytes = Encoding.UTF8.GetBytes(json);
        Assert.Equal(error.Message, Assert.Throws<JsonException>(() => KubernetesJson.Deserialize<Service>(bytes)).Message);
        using var stream = new MemoryStream(bytes);
        Assert.Equal(error.Message, Assert.Throws<JsonException>(() => KubernetesJson.Deserialize<Service>(stream)).Message);
    }

    [Fact]
    public void Line_and_position_point_at_the_fault()
    {
        var json = "{\n  \"metadata\": {\"name\": \"a\"},\n  \"spec\": {\"type\": 3}\n}";
        var error = Assert.Throws<JsonException>(() => KubernetesJson.Deserialize<Service>(json));
        Assert.Equal(2, error.LineNumber);
        Assert.Equal(19, error.BytePositionInLine);
    }

    [Fact]
    public void Values_the_model_rejects_are_reported_at_their_object()
    {
        var error = Assert.Throws<JsonException>(() => KubernetesJson.Deserialize<LabelSelectorSpec>(
            """{"matchExpressions":[{"key":"app","operator":"In","values":["a"]},{"key":"app","operator":"Exists","values":["x"]}]}"""));
        Assert.StartsWith("$.matchExpressions[1]: invalid value: ", error.Message, StringComparison.Ordinal);
        Assert.IsType<ArgumentException>(error.InnerException?.InnerException, exactMatch: false);

        var op = Assert.Throws<JsonException>(() => KubernetesJson.Deserialize<LabelSelectorSpec>("""{"matchExpressions":[{"key":"app","operator":"Gt","values":["1"]}]}"""));
        Assert.StartsWith("$.matchExpressions[0].operator: expected one of \"In\", \"NotIn\", \"Exists\", \"DoesNotExist\"", op.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lists_reject_items_of_another_kind_at_their_path()
    {
        var json = """{"apiVersion":"v1","kind":"List","items":[{"kind":"Service","metadata":{"name":"a"}},{"kind":"Pod","metadata":{"name":"b"}}]}""";
        var error = Assert.Throws<JsonException>(() => KubernetesJson.DeserializeList<Service>(json));
        Assert.StartsWith("$.items[1].kind: expected \"Service\", found the string \"Pod\"", error.Message, StringComparison.Ordinal);

        var wrongList = Assert.Throws<JsonException>(() => KubernetesJson.DeserializeList<Service>("""{"kind":"PodList","items":[]}"""));
        Assert.StartsWith("$.kind: expected \"List\" or \"ServiceList\"", wrongList.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Discovery_objects_report_missing_required_fields()
    {
        var slice = Assert.Throws<JsonException>(() => KubernetesJson.Deserialize<EndpointSlice>("""{"metadata":{"name":"a"},"endpoints":[]}"""));
        Assert.StartsWith("$: expected addressType", slice.Message, StringComparison.Ordinal);
        var pod = Assert.Throws<JsonException>(() => KubernetesJson.Deserialize<Pod>("""{"metadata":{"name":"a"},"status":{"podIPs":[{"ip":null}]}}"""));
        Assert.StartsWith("$.status.podIPs[0]: expected ip", pod.Message, StringComparison.Ordinal);
        var endpoints = Assert.Throws<JsonException>(() => KubernetesJson.Deserialize<Endpoints>("""{"metadata":{"name":"a"},"subsets":[{"addresses":[{"hostname":"x"}]}]}"""));
        Assert.StartsWith("$.subsets[0].addresses[0]: expected ip", endpoints.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unsupported_types_and_null_arguments_are_rejected()
    {
        Assert.Throws<NotSupportedException>(() => KubernetesJson.Deserialize<ServiceSpec>("{}"));
        Assert.Throws<NotSupportedException>(() => KubernetesJson.Serialize(new ServiceSpec()));
        Assert.Throws<NotSupportedException>(() => KubernetesJson.DeserializeList<LabelSelectorSpec>("{}"));
        Assert.Throws<ArgumentNullException>(() => KubernetesJson.Deserialize<Service>((string)null!));
        Assert.Throws<ArgumentNullException>(() => KubernetesJson.Serialize<Service>(null!));
        Assert.Throws<ArgumentNullException>(() => KubernetesJson.SerializeList<Service>([null!]));
    }

    [Fact]
    public void Writing_a_selector_operator_the_API_lacks_fails_and_says_which_are_allowed()
    {
        var spec = new LabelSelectorSpec(ImmutableDictionary<string, string>.Empty, [new LabelSelectorRequirement("tier", SelectorOperator.NotEquals, ["db"])]);
        var error = Assert.Throws<JsonException>(() => KubernetesJson.Serialize(spec));
        Assert.Contains("expected one of \"In\", \"NotIn\", \"Exists\", \"DoesNotExist\"", error.Message, StringComparison.Ordinal);
    }
}
