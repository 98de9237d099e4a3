using System.Text;
using System.Text.Json;
using ServiceModel.Allocation;
using ServiceModel.Discovery;
using ServiceModel.Labels;
using ServiceModel.Networking;
using ServiceModel.Serialization;
using ServiceModel.Services;

namespace ServiceModel.Tests.Serialization;

// Input an attacker or a broken client can send: text the reader cannot decode, values and
// property names of a megabyte, and type arguments the API has no kind for.
public class KubernetesJsonHostileInputTests
{
    private const string Undecodable = "expected text that is valid Unicode";

    public static TheoryData<string, string> UnpairedSurrogates() => new()
    {
        // In a value the model reads, in a value it skips, in a property name it compares, in a map key.
        { """{"metadata":{"name":"a\ud800"}}""", "$.metadata.name" },
        { """{"metadata":{"name":"a"},"spec":{"type":"\udc00"}}""", "$.spec.type" },
        { """{"metadata":{"name":"a","labels":{"app":"web\ud800x"}}}""", "$.metadata.labels.app" },
        { """{"metadata":{"name":"a","labels":{"\ud800":"web"}}}""", "$.metadata.labels" },
        { """{"metadata":{"name":"a"},"spec":{"\ud800":1}}""", "$.spec" },
        { """{"apiVersion":"\ud800","metadata":{"name":"a"}}""", "$.apiVersion" },
        { """{"metadata":"\ud800"}""", "$.metadata" },
        { """{"metadata":{"name":"a"},"spec":{"ports":[{"port":80,"targetPort":"\ud800"}]}}""", "$.spec.ports[0].targetPort" },
    };

    [Theory]
    [MemberData(nameof(UnpairedSurrogates))]
    public void An_unpaired_surrogate_escape_is_a_json_error_at_its_path(string json, string path)
    {
        // System.Text.Json's reader throws InvalidOperationException for such a string; the
        // documented failure is a JsonException naming where.
        var error = Assert.Throws<JsonException>(() => KubernetesJson.Deserialize<Service>(json));
        Assert.Equal(path, error.Path);
        Assert.StartsWith(path + ": ", error.Message, StringComparison.Ordinal);

        var fromBytes = Assert.Throws<JsonException>(() => KubernetesJson.Deserialize<Service>(Encoding.UTF8.GetBytes(json)));
        Assert.Equal(error.Message, fromBytes.Message);
    }

    [Fact]
    public void An_unpaired_surrogate_in_a_list_item_or_a_selector_is_a_json_error()
    {
        var list = Assert.Throws<JsonException>(() => KubernetesJson.DeserializeList<Pod>("""{"kind":"PodList","items":[{"metadata":{"name":"\udfff"}}]}"""));
        Assert.StartsWith("$.items[0].metadata.name: " + Undecodable, list.Message, StringComparison.Ordinal);

        var selector = Assert.Throws<JsonException>(() => KubernetesJson.Deserialize<LabelSelectorSpec>("""{"matchLabels":{"\udc00x":"v"}}"""));
        Assert.StartsWith("$.matchLabels: " + Undecodable, selector.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bytes_that_are_not_utf8_are_a_json_error_at_their_path()
    {
        var json = Encoding.UTF8.GetBytes("""{"metadata":{"name":"a","namespace":"#"}}""");
        json[Array.IndexOf(json, (byte)'#')] = 0xFF;

        var error = Assert.Throws<JsonException>(() => KubernetesJson.Deserialize<Pod>(json));
        Assert.StartsWith("$.metadata.namespace: " + Undecodable, error.Message, StringComparison.Ordinal);
        using var stream = new MemoryStream(json);
        Assert.Equal(error.Message, Assert.Throws<JsonException>(() => KubernetesJson.Deserialize<Pod>(stream)).Message);
    }

    [Fact]
    public void A_path_through_an_undecodable_property_name_still_locates_a_later_fault()
    {
        // The unknown property is skipped without decoding; the fault after it must still get a path.
        var error = Assert.Throws<JsonException>(() => KubernetesJson.Deserialize<Service>("""{"x\ud800":{"a":1},"metadata":{"name":"a"},"spec":{"type":7}}"""));
        Assert.StartsWith("$.spec.type: expected one of", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_megabyte_property_name_or_number_gives_a_short_message()
    {
        var key = new string('k', 1_000_000);
        var label = Assert.Throws<JsonException>(() => KubernetesJson.Deserialize<Pod>("{\"metadata\":{\"name\":\"a\",\"labels\":{\"" + key + "\":5}}}"));
        Assert.StartsWith("$.metadata.labels['kkkk", label.Message, StringComparison.Ordinal);
        Assert.InRange(label.Message.Length, 1, 1_000);
        Assert.InRange(label.Path!.Length, 1, 1_000);

        var unknown = Assert.Throws<JsonException>(() => KubernetesJson.Deserialize<Service>("{\"" + key + "\":{\"a\":1,\"b\": }}"));
        Assert.InRange(unknown.Message.Length, 1, 1_000);

        var number = Assert.Throws<JsonException>(() => KubernetesJson.Deserialize<Service>("{\"metadata\":{\"name\":\"a\"},\"spec\":{\"ports\":[{\"port\":" + new string('9', 1_000_000) + "}]}}"));
        Assert.StartsWith("$.spec.ports[0].port: expected a 32-bit integer, found the number 9999", number.Message, StringComparison.Ordinal);
        Assert.InRange(number.Message.Length, 1, 1_000);
    }

    [Fact]
    public void A_valid_long_annotation_key_shows_whole_in_the_path()
    {
        // Valid keys (up to 317 characters) are never cut: the path must still lead to the field.
        var key = new string('p', 253) + "/" + new string('n', 63);
        var error = Assert.Throws<JsonException>(() => KubernetesJson.Deserialize<Service>("{\"metadata\":{\"name\":\"a\",\"annotations\":{\"" + key + "\":1}}}"));
        Assert.Equal("$.metadata.annotations['" + key + "']", error.Path);
    }

    [Fact]
    public void A_megabyte_pod_ip_text_is_kept_as_written()
    {
        // The model carries pod IPs as the API's text; what is no address is the consumers' to judge.
        var text = new string('9', 1_000_000);
        var json = "{\"metadata\":{\"name\":\"a\"},\"status\":{\"podIPs\":[{\"ip\":\"" + text + "\"}]}}";
        var pod = KubernetesJson.Deserialize<Pod>(json);
        Assert.Equal(text, Assert.Single(pod.PodIPs));
        Assert.Equal(pod, KubernetesJson.Deserialize<Pod>(KubernetesJson.Serialize(pod)));
    }

    [Fact]
    public void Types_without_a_kind_are_not_supported_even_when_the_resolver_knows_them()
    {
        // Serialize<object> used to write "{}" for a Pod, and string round-tripped as a JSON string.
        var pod = new Pod("default", "web");
        Assert.Throws<NotSupportedException>(() => KubernetesJson.Serialize<object>(pod));
        Assert.Throws<NotSupportedException>(() => KubernetesJson.SerializeToUtf8Bytes<object>(pod));
        Assert.Throws<NotSupportedException>(() => KubernetesJson.Serialize<string>("x"));
        Assert.Throws<NotSupportedException>(() => KubernetesJson.Deserialize<string>("\"x\""));
        var objectRead = Assert.Throws<NotSupportedException>(() => KubernetesJson.Deserialize<object>("{}"));
        Assert.StartsWith("Object is not a type KubernetesJson reads or writes", objectRead.Message, StringComparison.Ordinal);

        // Every documented type still is.
        Assert.Equal("web", KubernetesJson.Deserialize<Pod>(KubernetesJson.Serialize(pod)).Name);
        Assert.NotNull(KubernetesJson.Deserialize<RangeAllocation>(KubernetesJson.Serialize(new RangeAllocation("30000-30001", [1]))));
        Assert.NotNull(KubernetesJson.Deserialize<LabelSelectorSpec>(KubernetesJson.Serialize(LabelSelectorSpec.Empty)));
        Assert.NotNull(KubernetesJson.Deserialize<ServiceCidrObject>(KubernetesJson.Serialize(ServiceCidrObject.CreateDefault(ServiceCidr.Parse("10.96.0.0/12")))));
    }
}
