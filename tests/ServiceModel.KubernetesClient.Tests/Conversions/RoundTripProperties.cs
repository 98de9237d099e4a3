using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using k8s;
using k8s.Models;
using ServiceModel.KubernetesClient.Tests.Properties;
using ServiceModel.Labels;

namespace ServiceModel.KubernetesClient.Tests.Conversions;

// For every converted type: model -> client -> model is the identity (also through the client's
// JSON and YAML on the wire), and client -> model -> client keeps every field (the client object
// written again is the same text).
public class RoundTripProperties
{
    [Property(MaxTest = 200)]
    public Property Service_model_to_client_to_model_is_identity()
        => ModelToClientToModel(ModelGenerators.Service, ServiceConversions.ToV1, ServiceConversions.ToModel);

    [Property(MaxTest = 200)]
    public Property Service_client_to_model_to_client_keeps_every_field()
        => ClientToModelToClient(ModelGenerators.Service, ServiceConversions.ToV1, ServiceConversions.ToModel);

    [Property(MaxTest = 200)]
    public Property EndpointSlice_model_to_client_to_model_is_identity()
        => ModelToClientToModel(ModelGenerators.EndpointSlice, EndpointSliceConversions.ToV1, EndpointSliceConversions.ToModel);

    [Property(MaxTest = 200)]
    public Property EndpointSlice_client_to_model_to_client_keeps_every_field()
        => ClientToModelToClient(ModelGenerators.EndpointSlice, EndpointSliceConversions.ToV1, EndpointSliceConversions.ToModel);

    [Property(MaxTest = 200)]
    public Property Endpoints_model_to_client_to_model_is_identity()
        => ModelToClientToModel(ModelGenerators.Endpoints, EndpointsConversions.ToV1, EndpointsConversions.ToModel);

    [Property(MaxTest = 200)]
    public Property Endpoints_client_to_model_to_client_keeps_every_field()
        => ClientToModelToClient(ModelGenerators.Endpoints, EndpointsConversions.ToV1, EndpointsConversions.ToModel);

    [Property(MaxTest = 200)]
    public Property LabelSelectorSpec_model_to_client_to_model_is_identity()
        => ModelToClientToModel(ModelGenerators.LabelSelectorSpec, LabelSelectorConversions.ToV1, LabelSelectorConversions.ToModel);

    [Property(MaxTest = 200)]
    public Property LabelSelectorSpec_client_to_model_to_client_keeps_every_field()
        => ClientToModelToClient(ModelGenerators.LabelSelectorSpec, LabelSelectorConversions.ToV1, LabelSelectorConversions.ToModel);

    // The client object in memory, and as it comes back from the client's JSON and YAML readers.
    private static Property ModelToClientToModel<TModel, TClient>(Gen<TModel> models, Func<TModel, TClient> toV1, Func<TClient, TModel> toModel)
        where TModel : IEquatable<TModel>
        => Prop.ForAll(models.ToArbitrary(), model =>
            toModel(toV1(model)).Equals(model)
            && toModel(KubernetesJson.Deserialize<TClient>(KubernetesJson.Serialize(toV1(model)))).Equals(model)
            && toModel(KubernetesYaml.Deserialize<TClient>(KubernetesYaml.Serialize(toV1(model)))).Equals(model));

    // A client object as read from the API's JSON, converted to the model and back, writes the same JSON.
    private static Property ClientToModelToClient<TModel, TClient>(Gen<TModel> models, Func<TModel, TClient> toV1, Func<TClient, TModel> toModel)
        => Prop.ForAll(models.ToArbitrary(), model =>
        {
            var client = KubernetesJson.Deserialize<TClient>(KubernetesJson.Serialize(toV1(model)));
            return KubernetesJson.Serialize(toV1(toModel(client))) == KubernetesJson.Serialize(client);
        });

    [Property(MaxTest = 200)]
    public Property A_selector_matches_client_metadata_as_it_matches_the_same_labels()
    {
        var cases =
            from spec in ModelGenerators.LabelSelectorSpec
            from count in Gen.Choose(0, 3)
            from keys in Gen.ArrayOf(Gen.Elements("app", "tier", "example.com/owner", "other"), count)
            from values in Gen.ArrayOf(Gen.Elements("a", "b", "web", ""), count)
            select (Selector: LabelSelector.FromSpec(spec), Labels: keys.Zip(values).DistinctBy(p => p.First).ToDictionary(p => p.First, p => p.Second));
        return Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var expected = c.Selector.Matches(c.Labels);
            var pod = new V1Pod { Metadata = new V1ObjectMeta { Labels = c.Labels } };
            var sorted = new V1ObjectMeta { Labels = new SortedDictionary<string, string>(c.Labels, StringComparer.Ordinal) };
            return c.Selector.Matches(pod.Metadata) == expected
                && c.Selector.Matches(pod) == expected
                && c.Selector.Matches(sorted) == expected
                && c.Selector.Matches(new V1ObjectMeta()) == c.Selector.Matches(new Dictionary<string, string>());
        });
    }
}
