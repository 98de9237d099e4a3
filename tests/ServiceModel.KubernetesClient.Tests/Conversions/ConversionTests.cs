using System.Collections.Immutable;
using k8s.Models;
using ServiceModel.Discovery;
using ServiceModel.Labels;
using ServiceModel.Services;

namespace ServiceModel.KubernetesClient.Tests.Conversions;

public class ConversionTests
{
    [Fact]
    public void Unset_client_fields_read_as_the_API_servers_defaults()
    {
        var service = new V1Service { Metadata = new V1ObjectMeta { Name = "web" }, Spec = new V1ServiceSpec { Ports = [new V1ServicePort { Port = 80 }] } }.ToModel();

        Assert.Equal("default", service.Namespace);
        Assert.Equal(ServiceType.ClusterIP, service.Spec.Type);
        Assert.Equal(SessionAffinity.None, service.Spec.SessionAffinity);
        Assert.Equal(new ServicePort { Port = 80 }, service.Spec.Ports[0]);
        Assert.True(service.Spec.Ports[0].TargetPort.IsUnset);
        Assert.Empty(service.Status.LoadBalancer.Ingress);
    }

    [Theory]
    [InlineData("8080", false, 8080, null)]
    [InlineData("http", true, 0, "http")]
    [InlineData("", true, 0, "")]
    public void A_target_port_of_digits_is_a_number_and_anything_else_a_name(string text, bool isName, int number, string? name)
    {
        var port = new V1Service { Metadata = new() { Name = "web" }, Spec = new() { Ports = [new() { Port = 80, TargetPort = text }] } }.ToModel().Spec.Ports[0].TargetPort;

        Assert.Equal((isName, number, name), (port.IsString, port.IntValue, port.StringValue));
    }

    [Fact]
    public void A_target_port_number_is_written_as_a_number_and_a_name_as_a_string()
    {
        var client = new Service { Name = "web", Spec = new ServiceSpec { Ports = [new ServicePort { Port = 80, TargetPort = 8080 }, new ServicePort { Port = 81, TargetPort = "http" }, new ServicePort { Port = 82 }] } }.ToV1();
        var json = k8s.KubernetesJson.Serialize(client.Spec.Ports);

        Assert.Equal("""[{"port":80,"protocol":"TCP","targetPort":8080},{"port":81,"protocol":"TCP","targetPort":"http"},{"port":82,"protocol":"TCP"}]""", json);
    }

    [Fact]
    public void A_model_service_is_written_as_the_API_server_serves_it()
    {
        var client = new Service { Name = "web", Spec = new ServiceSpec { Type = ServiceType.NodePort } }.ToV1();

        Assert.Equal(
            """{"apiVersion":"v1","kind":"Service","metadata":{"name":"web","namespace":"default"},"spec":{"sessionAffinity":"None","type":"NodePort"},"status":{"loadBalancer":{}}}""",
            k8s.KubernetesJson.Serialize(client));
    }

    [Theory]
    [InlineData("type", "Nodeport", "Service default/web: spec.type: Unsupported value: \"Nodeport\": supported values: \"ClusterIP\", \"ExternalName\", \"LoadBalancer\", \"NodePort\"")]
    [InlineData("ipFamilyPolicy", "DualStack", "Service default/web: spec.ipFamilyPolicy: Unsupported value: \"DualStack\": supported values: \"PreferDualStack\", \"RequireDualStack\", \"SingleStack\"")]
    [InlineData("externalTrafficPolicy", "Global", "Service default/web: spec.externalTrafficPolicy: Unsupported value: \"Global\": supported values: \"Cluster\", \"Local\"")]
    [InlineData("sessionAffinity", "clientip", "Service default/web: spec.sessionAffinity: Unsupported value: \"clientip\": supported values: \"ClientIP\", \"None\"")]
    [InlineData("protocol", "tcp", "Service default/web: spec.ports[0].protocol: Unsupported value: \"tcp\": supported values: \"SCTP\", \"TCP\", \"UDP\"")]
    [InlineData("ipFamilies", "IPv5", "Service default/web: spec.ipFamilies[0]: Unsupported value: \"IPv5\": supported values: \"IPv4\", \"IPv6\"")]
    public void An_unknown_enum_text_names_the_service_the_field_and_the_supported_values(string field, string text, string message)
    {
        var spec = new V1ServiceSpec { Ports = [new V1ServicePort { Port = 80 }] };
        switch (field)
        {
            case "type": spec.Type = text; break;
            case "ipFamilyPolicy": spec.IpFamilyPolicy = text; break;
            case "externalTrafficPolicy": spec.ExternalTrafficPolicy = text; break;
            case "sessionAffinity": spec.SessionAffinity = text; break;
            case "protocol": spec.Ports[0].Protocol = text; break;
            default: spec.IpFamilies = [text]; break;
        }

        var error = Assert.Throws<FormatException>(() => new V1Service { Metadata = new() { Name = "web" }, Spec = spec }.ToModel());
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Missing_names_are_argument_errors_naming_the_field()
    {
        Assert.Equal("Service: metadata.name: Required value", Assert.Throws<ArgumentException>(() => new V1Service().ToModel()).Message);
        Assert.Equal("EndpointSlice: metadata.name: Required value", Assert.Throws<ArgumentException>(() => new V1EndpointSlice { AddressType = "IPv4" }.ToModel()).Message);
        Assert.Equal("Endpoints: metadata.name: Required value", Assert.Throws<ArgumentException>(() => new V1Endpoints().ToModel()).Message);
        Assert.Equal(
            "Endpoints default/web: subsets[0].addresses[1].ip: Required value",
            Assert.Throws<ArgumentException>(() => new V1Endpoints { Metadata = new() { Name = "web" }, Subsets = [new() { Addresses = [new() { Ip = "10.0.0.1" }, new()] }] }.ToModel()).Message);
        Assert.Equal(
            "EndpointSlice default/web-x: addressType: Required value: supported values: \"FQDN\", \"IPv4\", \"IPv6\"",
            Assert.Throws<FormatException>(() => new V1EndpointSlice { Metadata = new() { Name = "web-x" } }.ToModel()).Message);
        Assert.Throws<ArgumentNullException>(() => ((V1Service)null!).ToModel());
    }

    [Fact]
    public void Label_selector_errors_name_the_expression()
    {
        var op = Assert.Throws<FormatException>(() => new V1LabelSelector { MatchExpressions = [new() { Key = "app", OperatorProperty = "Gt", Values = ["1"] }] }.ToModel());
        Assert.Equal("matchExpressions[0].operator: Unsupported value: \"Gt\": supported values: \"DoesNotExist\", \"Exists\", \"In\", \"NotIn\"", op.Message);

        var values = Assert.Throws<ArgumentException>(() => new V1LabelSelector { MatchExpressions = [new() { Key = "app", OperatorProperty = "In" }] }.ToModel());
        Assert.StartsWith("matchExpressions[0]: values: Invalid value", values.Message, StringComparison.Ordinal);

        var gt = new LabelSelectorSpec(ImmutableDictionary<string, string>.Empty, [new LabelSelectorRequirement("n", SelectorOperator.GreaterThan, ["1"])]);
        Assert.Throws<ArgumentException>(() => gt.ToV1());
    }

    [Fact]
    public void Endpoint_slices_keep_unset_conditions_unset()
    {
        var slice = new V1EndpointSlice
        {
            Metadata = new() { Name = "web-abc" },
            AddressType = "IPv4",
            Endpoints = [new V1Endpoint { Addresses = ["10.0.0.1"] }, new V1Endpoint { Addresses = ["10.0.0.2"], Conditions = new() { Ready = false } }],
            Ports = [new Discoveryv1EndpointPort { Port = 8080 }],
        }.ToModel();

        Assert.Equal(default(EndpointConditions), slice.Endpoints[0].Conditions);
        Assert.Equal(new EndpointConditions { Ready = false }, slice.Endpoints[1].Conditions);
        Assert.Equal(new EndpointPort { Port = 8080 }, slice.Ports[0]);
    }
}
