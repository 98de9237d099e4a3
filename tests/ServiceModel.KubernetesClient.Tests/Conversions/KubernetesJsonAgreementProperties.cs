using System.Text.Json;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using k8s.Models;
using ServiceModel.Serialization;
using ServiceModel.Tests.Properties;
using ClientJson = k8s.KubernetesJson;

namespace ServiceModel.KubernetesClient.Tests.Conversions;

// The same API text read two ways, through the client's JSON and the adapter, and through the
// core's KubernetesJson, gives the same model. The text is a generated model value as the core
// writes it (the core's own generators), as it is or with one member anywhere (metadata, spec, a
// list, a list element) set to null or, for a string, to "": a user's half-filled client object.
// Such an object converts, or fails with an ArgumentException/FormatException naming the member,
// never another exception; what converts is a well-formed model value (the core writes it and
// reads it back); and when the core also reads the text, both models are equal.
public class KubernetesJsonAgreementProperties
{
    [Property(MaxTest = 300)]
    public Property Service_text_reads_the_same_through_the_client_and_KubernetesJson()
        => Agree(JsonGenerators.Service, (V1Service s) => s.ToModel());

    [Property(MaxTest = 300)]
    public Property Pod_text_reads_the_same_through_the_client_and_KubernetesJson()
        => Agree(JsonGenerators.Pod, (V1Pod p) => p.ToModel());

    [Property(MaxTest = 200)]
    public Property EndpointSlice_text_reads_the_same_through_the_client_and_KubernetesJson()
        => Agree(JsonGenerators.Slice, (V1EndpointSlice s) => s.ToModel());

    [Property(MaxTest = 200)]
    public Property Endpoints_text_reads_the_same_through_the_client_and_KubernetesJson()
        => Agree(JsonGenerators.Endpoints, (V1Endpoints e) => e.ToModel());

    [Property(MaxTest = 200)]
    public Property LabelSelectorSpec_text_reads_the_same_through_the_client_and_KubernetesJson()
        => Agree(JsonGenerators.SelectorSpec, (V1LabelSelector s) => s.ToModel());

    // The core's generators cover what the adapter's own (Properties/ModelGenerators) do not:
    // validated and reconciled values, fractional and offset timestamps, every selector operator.
    [Property(MaxTest = 150)]
    public Property Core_generated_models_survive_model_to_client_to_model()
    {
        var models = Gen.OneOf(
            JsonGenerators.Service.Select(s => (object)s),
            JsonGenerators.Slice.Select(s => (object)s),
            JsonGenerators.Endpoints.Select(e => (object)e),
            JsonGenerators.SelectorSpec.Select(s => (object)s));
        return Prop.ForAll(models.ToArbitrary(), model => model switch
        {
            Services.Service service => service.ToV1().ToModel().Equals(service),
            Discovery.EndpointSlice slice => slice.ToV1().ToModel().Equals(slice),
            Discovery.Endpoints endpoints => endpoints.ToV1().ToModel().Equals(endpoints),
            _ => ((Labels.LabelSelectorSpec)model).ToV1().ToModel().Equals(model),
        });
    }

    // The client reading the core's API text, converted to the model and back, writes the same text.
    [Property(MaxTest = 150)]
    public Property Client_objects_read_from_core_text_survive_client_to_model_to_client()
    {
        var texts = Gen.OneOf(
            JsonGenerators.Service.Select(s => (Text: KubernetesJson.Serialize(s), Kind: 0)),
            JsonGenerators.Slice.Select(s => (Text: KubernetesJson.Serialize(s), Kind: 1)),
            JsonGenerators.Endpoints.Select(e => (Text: KubernetesJson.Serialize(e), Kind: 2)),
            JsonGenerators.SelectorSpec.Select(s => (Text: KubernetesJson.Serialize(s), Kind: 3)));
        return Prop.ForAll(texts.ToArbitrary(), c => c.Kind switch
        {
            0 => Same(ClientJson.Deserialize<V1Service>(c.Text), client => client.ToModel().ToV1()),
            1 => Same(ClientJson.Deserialize<V1EndpointSlice>(c.Text), client => client.ToModel().ToV1()),
            2 => Same(ClientJson.Deserialize<V1Endpoints>(c.Text), client => client.ToModel().ToV1()),
            _ => Same(ClientJson.Deserialize<V1LabelSelector>(c.Text), client => client.ToModel().ToV1()),
        });

        static Property Same<T>(T client, Func<T, T> roundTrip)
        {
            var before = ClientJson.Serialize(client);
            var after = ClientJson.Serialize(roundTrip(client));
            return (before == after).Label($"before: {before}\nafter:  {after}");
        }
    }

    // Writing agrees too: the client's text of ToV1 is the core's text of the same model, up to
    // property order, the nulls the client leaves out and its timestamps' six fractional digits.
    [Property(MaxTest = 150)]
    public Property The_client_writes_a_converted_model_as_KubernetesJson_writes_it()
    {
        var pairs = Gen.OneOf(
            JsonGenerators.Service.Select(s => (Core: KubernetesJson.Serialize(s), Client: ClientJson.Serialize(s.ToV1()))),
            JsonGenerators.Slice.Select(s => (Core: KubernetesJson.Serialize(s), Client: ClientJson.Serialize(s.ToV1()))),
            JsonGenerators.Endpoints.Select(e => (Core: KubernetesJson.Serialize(e), Client: ClientJson.Serialize(e.ToV1()))),
            JsonGenerators.SelectorSpec.Select(s => (Core: KubernetesJson.Serialize(s), Client: ClientJson.Serialize(s.ToV1()))));
        return Prop.ForAll(pairs.ToArbitrary(), p =>
            JsonNode.DeepEquals(Normalized(JsonNode.Parse(p.Core)), Normalized(JsonNode.Parse(p.Client))).Label($"core:   {p.Core}\nclient: {p.Client}"));
    }

    private static JsonNode? Normalized(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj.ToList())
                {
                    if (value is null)
                    {
                        obj.Remove(name);
                    }
                    else if (value is JsonValue text && text.TryGetValue<string>(out var timestamp) && name.EndsWith("Timestamp", StringComparison.Ordinal))
                    {
                        obj[name] = DateTimeOffset.Parse(timestamp, System.Globalization.CultureInfo.InvariantCulture).UtcTicks;
                    }
                    else
                    {
                        Normalized(value);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Normalized(item);
                }

                break;
        }

        return node;
    }

    public static TheoryData<string> GoldenFiles => new(
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "golden"), "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(GoldenFiles))]
    public void A_golden_file_reads_the_same_through_the_client_and_KubernetesJson(string file)
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "golden", file));
        var kind = JsonNode.Parse(text)!["kind"]!.GetValue<string>();
        switch (kind)
        {
            case "Service": AssertAgree(text, (V1Service s) => s.ToModel()); break;
            case "Pod": AssertAgree(text, (V1Pod p) => p.ToModel()); break;
            case "EndpointSlice": AssertAgree(text, (V1EndpointSlice s) => s.ToModel()); break;
            case "Endpoints": AssertAgree(text, (V1Endpoints e) => e.ToModel()); break;
            default:
                // Lists of kinds the adapter has no conversion for (IPAddress, ServiceCIDR).
                Assert.EndsWith("List", kind, StringComparison.Ordinal);
                break;
        }
    }

    private static void AssertAgree<TModel, TClient>(string text, Func<TClient, TModel> toModel)
        where TModel : class
        => Assert.Equal(KubernetesJson.Deserialize<TModel>(text), toModel(ClientJson.Deserialize<TClient>(text)));

    private static Property Agree<TModel, TClient>(Gen<TModel> models, Func<TClient, TModel> toModel)
        where TModel : class, IEquatable<TModel>
    {
        var cases =
            from model in models
            let json = KubernetesJson.Serialize(model)
            from member in Gen.Choose(-1, Members(JsonNode.Parse(json)!).Count - 1)
            from empty in Gen.Elements(false, true)
            select (Text: member < 0 ? json : Nulled(json, member, empty), Changed: member >= 0);
        return Prop.ForAll(cases.ToArbitrary(), c => Check(c.Text, c.Changed, toModel));
    }

    private static Property Check<TModel, TClient>(string text, bool changed, Func<TClient, TModel> toModel)
        where TModel : class, IEquatable<TModel>
    {
        TClient client;
        try
        {
            client = ClientJson.Deserialize<TClient>(text);
        }
        catch (Exception error) when (changed && error is JsonException or FormatException)
        {
            // A null where the client holds a value type, an empty timestamp: the client's own reader refuses it.
            return true.Label("the client cannot read it");
        }

        TModel converted;
        try
        {
            converted = toModel(client);
        }
        catch (Exception error) when (changed && error is FormatException or ArgumentException and not ArgumentNullException)
        {
            return true.Label("rejected: " + error.Message);
        }

        // What the adapter accepts is a well-formed model value: the core writes it and reads it back.
        var rewritten = KubernetesJson.Serialize(converted);
        try
        {
            if (!KubernetesJson.Deserialize<TModel>(rewritten).Equals(converted))
            {
                return false.Label($"{text}\nconverted to a model that does not survive the core's JSON:\n{rewritten}");
            }
        }
        catch (JsonException error)
        {
            return false.Label($"{text}\nconverted to a model the core cannot read back: {error.Message}\n{rewritten}");
        }

        // Whatever the adapter converts, the core reads, and to the same model: both read null and ""
        // as the API server decodes and defaults them (docs/interop.md "Half-filled client objects").
        TModel core;
        try
        {
            core = KubernetesJson.Deserialize<TModel>(text);
        }
        catch (JsonException error)
        {
            return false.Label($"{text}\nthe adapter converts it, the core reader rejects it: {error.Message}");
        }

        return converted.Equals(core).Label($"{text}\nadapter: {converted}\ncore:    {core}");
    }

    // Every member and list element below the root, as (container, property name or index).
    private static List<(JsonNode Parent, object Key)> Members(JsonNode root)
    {
        var members = new List<(JsonNode, object)>();
        Collect(root, members, isRoot: true);
        return members;
    }

    private static void Collect(JsonNode node, List<(JsonNode, object)> members, bool isRoot = false)
    {
        if (node is JsonObject obj)
        {
            foreach (var (name, value) in obj)
            {
                if (!(isRoot && name is "apiVersion" or "kind"))
                {
                    members.Add((obj, name));
                    if (value is not null)
                    {
                        Collect(value, members);
                    }
                }
            }
        }
        else if (node is JsonArray array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                members.Add((array, i));
                if (array[i] is { } item)
                {
                    Collect(item, members);
                }
            }
        }
    }

    // The member becomes null, or (empty) an empty string where it holds a string.
    private static string Nulled(string json, int index, bool empty)
    {
        var root = JsonNode.Parse(json)!;
        var (parent, key) = Members(root)[index];
        var current = key is int at ? parent.AsArray()[at] : parent.AsObject()[(string)key];
        JsonNode? replacement = empty && current is JsonValue value && value.GetValueKind() == JsonValueKind.String ? JsonValue.Create("") : null;
        if (key is int position)
        {
            parent.AsArray()[position] = replacement;
        }
        else
        {
            parent.AsObject()[(string)key] = replacement;
        }

        return root.ToJsonString();
    }
}
