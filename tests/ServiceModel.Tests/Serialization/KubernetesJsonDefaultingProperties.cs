using System.Text.Json;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ServiceModel.Serialization;
using ServiceModel.Tests.Properties;

namespace ServiceModel.Tests.Serialization;

// KubernetesJson reads as the API server decodes and defaults (Go's encoding/json, then
// pkg/apis/core/v1/defaults.go): null for any member is the member left out, and "" for a plain
// string enum the API server defaults is the member left out too.
public class KubernetesJsonDefaultingProperties
{
    // The plain-string (non-pointer) enums whose "" the API server defaults or leaves unset, by
    // path ([] for any list element). EndpointSlice port protocols are pointers: "" is refused there.
    private static readonly HashSet<string> s_plainEnums =
    [
        "spec.type", "spec.sessionAffinity", "spec.externalTrafficPolicy", "spec.ports[].protocol",
        "spec.containers[].ports[].protocol", "spec.initContainers[].ports[].protocol", "status.phase",
        "subsets[].ports[].protocol",
    ];

    // String maps: Go reads a null entry as "", which the API's JSON never holds; both readers refuse it.
    private static readonly HashSet<string> s_maps = ["labels", "annotations", "selector", "matchLabels"];

    [Property(MaxTest = 300)]
    public Property A_null_service_member_reads_as_the_member_left_out()
        => NullIsAbsent(JsonGenerators.Service);

    [Property(MaxTest = 300)]
    public Property A_null_pod_member_reads_as_the_member_left_out()
        => NullIsAbsent(JsonGenerators.Pod);

    [Property(MaxTest = 200)]
    public Property A_null_endpoint_slice_member_reads_as_the_member_left_out()
        => NullIsAbsent(JsonGenerators.Slice);

    [Property(MaxTest = 200)]
    public Property A_null_legacy_endpoints_member_reads_as_the_member_left_out()
        => NullIsAbsent(JsonGenerators.Endpoints);

    [Property(MaxTest = 200)]
    public Property A_null_selector_member_reads_as_the_member_left_out()
        => NullIsAbsent(JsonGenerators.SelectorSpec);

    [Property(MaxTest = 300)]
    public Property An_empty_defaulted_service_enum_reads_as_the_member_left_out()
        => EmptyIsAbsent(JsonGenerators.Service);

    [Property(MaxTest = 200)]
    public Property An_empty_defaulted_pod_enum_reads_as_the_member_left_out()
        => EmptyIsAbsent(JsonGenerators.Pod);

    [Property(MaxTest = 200)]
    public Property An_empty_legacy_endpoints_port_protocol_reads_as_the_member_left_out()
        => EmptyIsAbsent(JsonGenerators.Endpoints);

    private static Property NullIsAbsent<T>(Gen<T> models)
        where T : class
        => Changed(models, _ => true, _ => null);

    private static Property EmptyIsAbsent<T>(Gen<T> models)
        where T : class
        => Changed(models, m => m.Value is JsonValue v && v.GetValueKind() == JsonValueKind.String && s_plainEnums.Contains(m.Path), _ => JsonValue.Create(""));

    // One member (anywhere, chosen among those `pick` accepts) replaced by `replacement` reads the same
    // as that member removed: the same model, or a JsonException both ways.
    private static Property Changed<T>(Gen<T> models, Func<Member, bool> pick, Func<Member, JsonNode?> replacement)
        where T : class
    {
        var cases =
            from model in models
            let json = KubernetesJson.Serialize(model)
            let count = Members(JsonNode.Parse(json)!).Count(pick)
            where count > 0
            from index in Gen.Choose(0, count - 1)
            select (Json: json, Index: index);
        return Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var replaced = JsonNode.Parse(c.Json)!;
            var member = Members(replaced).Where(pick).ElementAt(c.Index);
            member.Parent[member.Name] = replacement(member);
            var removed = JsonNode.Parse(c.Json)!;
            var same = Members(removed).Where(pick).ElementAt(c.Index);
            same.Parent.Remove(same.Name);
            var a = Read<T>(replaced.ToJsonString());
            var b = Read<T>(removed.ToJsonString());
            return Equals(a, b).Label($"{member.Name} in {replaced.ToJsonString()}\nreplaced: {a}\nremoved:  {b}");
        });
    }

    private static object Read<T>(string json)
        where T : class
    {
        try
        {
            return KubernetesJson.Deserialize<T>(json);
        }
        catch (JsonException)
        {
            return "JsonException";
        }
    }

    internal sealed record Member(JsonObject Parent, string Name, JsonNode? Value, string Path);

    // Every object member below the root but apiVersion, kind and string map entries.
    private static List<Member> Members(JsonNode root)
    {
        var members = new List<Member>();
        Collect(root, members, "");
        return members;
    }

    private static void Collect(JsonNode? node, List<Member> members, string path)
    {
        if (node is JsonObject obj)
        {
            foreach (var (name, value) in obj)
            {
                if (!(path.Length == 0 && name is "apiVersion" or "kind"))
                {
                    var memberPath = path.Length == 0 ? name : path + "." + name;
                    members.Add(new Member(obj, name, value, memberPath));
                    if (!s_maps.Contains(name))
                    {
                        Collect(value, members, memberPath);
                    }
                }
            }
        }
        else if (node is JsonArray array)
        {
            foreach (var item in array)
            {
                Collect(item, members, path + "[]");
            }
        }
    }
}
