using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using k8s.Models;
using ServiceModel.Discovery;
using ServiceModel.Services;

namespace ServiceModel.KubernetesClient.Tests.Conversions;

// The client's models have every member nullable and mutable: whatever half-filled object a user
// hands over converts, or fails with an ArgumentException/FormatException naming the object and the
// member path; never a NullReferenceException, InvalidCastException or an unnamed exception.
public class HalfFilledClientObjectTests
{
    private static V1ObjectMeta Web => new() { Name = "web" };

    public static TheoryData<string, Func<object>, string> Rejected => new()
    {
        { "service port null", () => new V1Service { Metadata = Web, Spec = new() { Ports = [new() { Port = 80 }, null!] } }.ToModel(), "Service default/web: spec.ports[1]: Required value (the list holds null)" },
        { "service clusterIPs null item", () => new V1Service { Metadata = Web, Spec = new() { ClusterIPs = ["10.0.0.1", null!] } }.ToModel(), "Service default/web: spec.clusterIPs[1]: Required value (the list holds null)" },
        { "service externalIPs null item", () => new V1Service { Metadata = Web, Spec = new() { ExternalIPs = [null!] } }.ToModel(), "Service default/web: spec.externalIPs[0]: Required value (the list holds null)" },
        { "service source ranges null item", () => new V1Service { Metadata = Web, Spec = new() { LoadBalancerSourceRanges = [null!] } }.ToModel(), "Service default/web: spec.loadBalancerSourceRanges[0]: Required value (the list holds null)" },
        { "service ipFamilies null item", () => new V1Service { Metadata = Web, Spec = new() { IpFamilies = ["IPv4", null!] } }.ToModel(), "Service default/web: spec.ipFamilies[1]: Required value (the list holds null)" },
        { "service selector null value", () => new V1Service { Metadata = Web, Spec = new() { Selector = new Dictionary<string, string> { ["app"] = null! } } }.ToModel(), "Service default/web: spec.selector[app]: Required value (the map holds null)" },
        { "service label null value", () => new V1Service { Metadata = new() { Name = "web", Labels = new Dictionary<string, string> { ["app"] = null! } } }.ToModel(), "Service default/web: metadata.labels[app]: Required value (the map holds null)" },
        { "service annotation null value", () => new V1Service { Metadata = new() { Name = "web", Annotations = new Dictionary<string, string> { ["a"] = null! } } }.ToModel(), "Service default/web: metadata.annotations[a]: Required value (the map holds null)" },
        { "service ingress null", () => new V1Service { Metadata = Web, Status = new() { LoadBalancer = new() { Ingress = [null!] } } }.ToModel(), "Service default/web: status.loadBalancer.ingress[0]: Required value (the list holds null)" },
        { "target port beyond int32", () => new V1Service { Metadata = Web, Spec = new() { Ports = [new() { Port = 80, TargetPort = 99_999_999_999L }] } }.ToModel(), "Service default/web: spec.ports[0].targetPort: Invalid value: 99999999999: must be a 32-bit integer or a name" },
        { "unknown service type", () => new V1Service { Metadata = Web, Spec = new() { Type = "Headless" } }.ToModel(), "Service default/web: spec.type: Unsupported value: \"Headless\": supported values: \"ClusterIP\", \"ExternalName\", \"LoadBalancer\", \"NodePort\"" },
        { "unknown protocol", () => new V1Service { Metadata = Web, Spec = new() { Ports = [new() { Port = 80 }, new() { Port = 81 }, new() { Port = 82, Protocol = "HTTP" }] } }.ToModel(), "Service default/web: spec.ports[2].protocol: Unsupported value: \"HTTP\": supported values: \"SCTP\", \"TCP\", \"UDP\"" },
        { "unknown internal policy", () => new V1Service { Metadata = Web, Spec = new() { InternalTrafficPolicy = "local" } }.ToModel(), "Service default/web: spec.internalTrafficPolicy: Unsupported value: \"local\": supported values: \"Cluster\", \"Local\"" },
        { "service ipFamilyPolicy empty", () => new V1Service { Metadata = Web, Spec = new() { IpFamilyPolicy = "" } }.ToModel(), "Service default/web: spec.ipFamilyPolicy: Unsupported value: \"\": supported values: \"PreferDualStack\", \"RequireDualStack\", \"SingleStack\"" },
        { "service internal policy empty", () => new V1Service { Metadata = Web, Spec = new() { InternalTrafficPolicy = "" } }.ToModel(), "Service default/web: spec.internalTrafficPolicy: Unsupported value: \"\": supported values: \"Cluster\", \"Local\"" },
        { "slice port protocol empty", () => new V1EndpointSlice { Metadata = Web, AddressType = "IPv4", Ports = [new() { Port = 80, Protocol = "" }] }.ToModel(), "EndpointSlice default/web: ports[0].protocol: Unsupported value: \"\": supported values: \"SCTP\", \"TCP\", \"UDP\"" },
        { "pod container null", () => new V1Pod { Metadata = Web, Spec = new() { Containers = [new() { Name = "a" }, null!] } }.ToModel(), "Pod default/web: spec.containers[1]: Required value (the list holds null)" },
        { "pod init container null", () => new V1Pod { Metadata = Web, Spec = new() { InitContainers = [null!] } }.ToModel(), "Pod default/web: spec.initContainers[0]: Required value (the list holds null)" },
        { "pod container port null", () => new V1Pod { Metadata = Web, Spec = new() { Containers = [new() { Name = "a", Ports = [null!] }] } }.ToModel(), "Pod default/web: spec.containers[0].ports[0]: Required value (the list holds null)" },
        { "pod container port protocol", () => new V1Pod { Metadata = Web, Spec = new() { Containers = [new() { Name = "a", Ports = [new() { ContainerPort = 80, Protocol = "tcp" }] }] } }.ToModel(), "Pod default/web: spec.containers[0].ports[0].protocol: Unsupported value: \"tcp\": supported values: \"SCTP\", \"TCP\", \"UDP\"" },
        { "pod podIPs null", () => new V1Pod { Metadata = Web, Status = new() { PodIPs = [null!] } }.ToModel(), "Pod default/web: status.podIPs[0]: Required value (the list holds null)" },
        { "pod podIP missing ip", () => new V1Pod { Metadata = Web, Status = new() { PodIPs = [new()] } }.ToModel(), "Pod default/web: status.podIPs[0].ip: Required value" },
        { "pod condition null", () => new V1Pod { Metadata = Web, Status = new() { Conditions = [null!] } }.ToModel(), "Pod default/web: status.conditions[0]: Required value (the list holds null)" },
        { "pod condition without type", () => new V1Pod { Metadata = Web, Status = new() { Conditions = [new() { Status = "True" }] } }.ToModel(), "Pod default/web: status.conditions[0].type: Required value" },
        { "pod phase", () => new V1Pod { Metadata = Web, Status = new() { Phase = "running" } }.ToModel(), "Pod default/web: status.phase: Unsupported value: \"running\": supported values: \"Failed\", \"Pending\", \"Running\", \"Succeeded\", \"Unknown\"" },
        { "pod label null value", () => new V1Pod { Metadata = new() { Name = "web", Labels = new Dictionary<string, string> { ["app"] = null! } } }.ToModel(), "Pod default/web: metadata.labels[app]: Required value (the map holds null)" },
        { "pod without name", () => new V1Pod { Metadata = new() { NamespaceProperty = "prod" } }.ToModel(), "Pod: metadata.name: Required value" },
        { "slice endpoint null", () => new V1EndpointSlice { Metadata = Web, AddressType = "IPv4", Endpoints = [null!] }.ToModel(), "EndpointSlice default/web: endpoints[0]: Required value (the list holds null)" },
        { "slice address null", () => new V1EndpointSlice { Metadata = Web, AddressType = "IPv4", Endpoints = [new() { Addresses = ["10.0.0.1", null!] }] }.ToModel(), "EndpointSlice default/web: endpoints[0].addresses[1]: Required value (the list holds null)" },
        { "slice port null", () => new V1EndpointSlice { Metadata = Web, AddressType = "IPv4", Ports = [null!] }.ToModel(), "EndpointSlice default/web: ports[0]: Required value (the list holds null)" },
        { "slice owner null", () => new V1EndpointSlice { Metadata = new() { Name = "web", OwnerReferences = [null!] }, AddressType = "IPv4" }.ToModel(), "EndpointSlice default/web: metadata.ownerReferences[0]: Required value (the list holds null)" },
        { "slice zone hint null", () => new V1EndpointSlice { Metadata = Web, AddressType = "IPv4", Endpoints = [new() { Addresses = ["10.0.0.1"], Hints = new() { ForZones = [null!] } }] }.ToModel(), "EndpointSlice default/web: endpoints[0].hints.forZones[0]: Required value (the list holds null)" },
        { "slice address type", () => new V1EndpointSlice { Metadata = Web, AddressType = "ipv4" }.ToModel(), "EndpointSlice default/web: addressType: Unsupported value: \"ipv4\": supported values: \"FQDN\", \"IPv4\", \"IPv6\"" },
        { "slice label null value", () => new V1EndpointSlice { Metadata = new() { Name = "web", Labels = new Dictionary<string, string> { ["app"] = null! } }, AddressType = "IPv4" }.ToModel(), "EndpointSlice default/web: metadata.labels[app]: Required value (the map holds null)" },
        { "endpoints subset null", () => new V1Endpoints { Metadata = Web, Subsets = [null!] }.ToModel(), "Endpoints default/web: subsets[0]: Required value (the list holds null)" },
        { "endpoints address null", () => new V1Endpoints { Metadata = Web, Subsets = [new() { NotReadyAddresses = [null!] }] }.ToModel(), "Endpoints default/web: subsets[0].notReadyAddresses[0]: Required value (the list holds null)" },
        { "endpoints port null", () => new V1Endpoints { Metadata = Web, Subsets = [new() { Ports = [null!] }] }.ToModel(), "Endpoints default/web: subsets[0].ports[0]: Required value (the list holds null)" },
        { "endpoints port protocol", () => new V1Endpoints { Metadata = Web, Subsets = [new() { Ports = [new() { Port = 80, Protocol = "Tcp" }] }] }.ToModel(), "Endpoints default/web: subsets[0].ports[0].protocol: Unsupported value: \"Tcp\": supported values: \"SCTP\", \"TCP\", \"UDP\"" },
        { "selector expression null", () => new V1LabelSelector { MatchExpressions = [null!] }.ToModel(), "matchExpressions[0]: Required value (the list holds null)" },
        { "selector value null", () => new V1LabelSelector { MatchExpressions = [new() { Key = "app", OperatorProperty = "In", Values = ["a", null!] }] }.ToModel(), "matchExpressions[0].values[1]: Required value (the list holds null)" },
        { "selector matchLabels null value", () => new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = null! } }.ToModel(), "matchLabels[app]: Required value (the map holds null)" },
        { "selector operator missing", () => new V1LabelSelector { MatchExpressions = [new() { Key = "app" }] }.ToModel(), "matchExpressions[0].operator: Required value: supported values: \"DoesNotExist\", \"Exists\", \"In\", \"NotIn\"" },
    };

    [Theory]
    [MemberData(nameof(Rejected))]
    public void A_half_filled_object_fails_naming_the_member(string @case, Func<object> convert, string message)
    {
        var error = Record.Exception(convert);

        Assert.True(error is FormatException or ArgumentException and not ArgumentNullException, $"{@case}: {error?.GetType().Name}: {error?.Message}");
        Assert.Equal(message, error!.Message);
    }

    [Fact]
    public void Missing_parts_read_as_the_API_server_defaults_them()
    {
        var service = new V1Service { Metadata = Web, Spec = new() { Ports = null, Selector = null }, Status = null }.ToModel();
        var bare = new V1Service { Metadata = new() { Name = "web", NamespaceProperty = "" } }.ToModel();

        Assert.Equal(new Service { Name = "web" }, service);
        Assert.Equal(new Service { Name = "web" }, bare);
        Assert.Equal("default", bare.Namespace);
        Assert.Equal(new Pod("default", "web") { Phase = PodPhase.Pending }, new V1Pod { Metadata = Web }.ToModel());
        Assert.Equal(new EndpointSlice("default", "web", AddressType.IPv4), new V1EndpointSlice { Metadata = Web, AddressType = "IPv4", Endpoints = [new V1Endpoint()] }.ToModel() with { Endpoints = [] });
        Assert.Equal(new Endpoints("default", "web"), new V1Endpoints { Metadata = Web }.ToModel());
    }

    [Fact]
    public void Empty_texts_of_plain_string_enums_are_defaulted_as_the_API_server_defaults_them()
    {
        // Fields the API holds in a plain string: "" is Go's zero value, which defaulting replaces.
        var service = new V1Service
        {
            Metadata = Web,
            Spec = new() { Type = "", SessionAffinity = "", ExternalTrafficPolicy = "", Ports = [new() { Port = 80, Protocol = "" }] },
        }.ToModel();
        var endpoints = new V1Endpoints { Metadata = Web, Subsets = [new() { Ports = [new() { Port = 80, Protocol = "" }] }] }.ToModel();
        var slice = new V1EndpointSlice { Metadata = Web, AddressType = "IPv4", Ports = [new() { Port = 80 }] }.ToModel();

        Assert.Equal((ServiceType.ClusterIP, SessionAffinity.None, (TrafficPolicy?)null, Protocol.TCP), (service.Spec.Type, service.Spec.SessionAffinity, service.Spec.ExternalTrafficPolicy, service.Spec.Ports[0].Protocol));
        Assert.Equal(Protocol.TCP, endpoints.Subsets[0].Ports[0].Protocol);
        Assert.Equal(Protocol.TCP, slice.Ports[0].Protocol);
    }

    [Theory]
    [InlineData("-1", -1)]
    [InlineData("+80", 80)]
    [InlineData(" 80", 80)]
    [InlineData("0", 0)]
    [InlineData("2147483647", int.MaxValue)]
    [InlineData("70000", 70000)]
    public void A_target_port_the_client_writes_as_a_number_is_that_number_even_out_of_range(string text, int number)
    {
        // The client writes these texts as JSON numbers; the API server decodes any 32-bit integer
        // and leaves the range to validation, so the model carries the number for the validator.
        var port = new V1Service { Metadata = Web, Spec = new() { Ports = [new() { Port = 80, TargetPort = text }] } }.ToModel().Spec.Ports[0];

        Assert.Equal(PortNumberOrName.FromInt32(number), port.TargetPort);
        Assert.Equal(number.ToString(System.Globalization.CultureInfo.InvariantCulture), k8s.KubernetesJson.Serialize(port.TargetPort.ToV1() ?? 0));
    }

    [Fact]
    public void Ports_out_of_range_are_carried_for_validation()
    {
        var service = new V1Service { Metadata = Web, Spec = new() { Ports = [new() { Port = 70000, NodePort = -1 }], HealthCheckNodePort = 99999 } }.ToModel();

        Assert.Equal((70000, -1, 99999), (service.Spec.Ports[0].Port, service.Spec.Ports[0].NodePort, service.Spec.HealthCheckNodePort));
        Assert.Equal(service, service.ToV1().ToModel());
    }

    [Fact]
    public void Empty_strings_are_kept_as_the_client_holds_them_as_KubernetesJson_keeps_them()
    {
        var pod = new V1Pod
        {
            Metadata = Web,
            Spec = new() { NodeName = "", Hostname = "", Subdomain = "", Containers = [new() { Name = "", Ports = [new() { Name = "", ContainerPort = 80 }] }] },
        }.ToModel();
        var slice = new V1EndpointSlice { Metadata = new() { Name = "web", GenerateName = "" }, AddressType = "IPv4" }.ToModel();

        Assert.Equal(("", "", ""), (pod.NodeName, pod.Hostname, pod.Subdomain));
        Assert.Equal(("", ""), (pod.ContainerPorts[0].Name, pod.ContainerPorts[0].ContainerName));
        Assert.Equal("", slice.GenerateName);
        Assert.Equal(Serialization.KubernetesJson.Deserialize<Pod>(k8s.KubernetesJson.Serialize(new V1Pod { ApiVersion = "v1", Kind = "Pod", Metadata = Web, Spec = new() { Hostname = "" } })), new V1Pod { Metadata = Web, Spec = new() { Hostname = "" } }.ToModel());
    }

    [Fact]
    public void An_empty_target_port_name_stays_an_empty_name_both_ways()
    {
        var port = new ServicePort { Port = 80, TargetPort = PortNumberOrName.FromString("") };
        var service = new Service { Name = "web", Spec = new ServiceSpec { Ports = [port] } };

        Assert.Equal(service, service.ToV1().ToModel());
        Assert.True(service.ToV1().ToModel().Spec.Ports[0].TargetPort.IsUnset);
    }

    public static TheoryData<string, Func<object>, string> RejectedModels => new()
    {
        { "digits target name", () => new Service { Name = "web", Spec = new ServiceSpec { Ports = [new ServicePort { Port = 80 }, new ServicePort { Port = 81, TargetPort = PortNumberOrName.FromString("8080") }] } }.ToV1(), "Service default/web: spec.ports[1].targetPort: Invalid value: \"8080\": a name made of digits cannot be carried by the client's IntOrString, which writes it as a number (a port name must contain at least one letter)" },
        { "undefined type", () => new Service { Name = "web", Spec = new ServiceSpec { Type = (ServiceType)42 } }.ToV1(), "Service default/web: spec.type: Unsupported value: \"42\": supported values: \"ClusterIP\", \"ExternalName\", \"LoadBalancer\", \"NodePort\"" },
        { "undefined protocol", () => new Service { Name = "web", Spec = new ServiceSpec { Ports = [new ServicePort { Port = 80, Protocol = (Protocol)9 }] } }.ToV1(), "Service default/web: spec.ports[0].protocol: Unsupported value: \"9\": supported values: \"SCTP\", \"TCP\", \"UDP\"" },
        { "undefined family", () => new Service { Name = "web", Spec = new ServiceSpec { IPFamilies = [Networking.IPFamily.IPv4, (Networking.IPFamily)7] } }.ToV1(), "Service default/web: spec.ipFamilies[1]: Unsupported value: \"7\": supported values: \"IPv4\", \"IPv6\"" },
        { "undefined policy", () => new Service { Name = "web", Spec = new ServiceSpec { ExternalTrafficPolicy = (TrafficPolicy)5 } }.ToV1(), "Service default/web: spec.externalTrafficPolicy: Unsupported value: \"5\": supported values: \"Cluster\", \"Local\"" },
        { "undefined address type", () => new EndpointSlice("prod", "web-x", (AddressType)3).ToV1(), "EndpointSlice prod/web-x: addressType: Unsupported value: \"3\": supported values: \"FQDN\", \"IPv4\", \"IPv6\"" },
        { "undefined slice protocol", () => new EndpointSlice("prod", "web-x", AddressType.IPv4) { Ports = [new EndpointPort { Port = 80, Protocol = (Protocol)9 }] }.ToV1(), "EndpointSlice prod/web-x: ports[0].protocol: Unsupported value: \"9\": supported values: \"SCTP\", \"TCP\", \"UDP\"" },
        { "undefined endpoints protocol", () => new Endpoints("prod", "web") { Subsets = [new EndpointSubset(), new EndpointSubset { Ports = [new EndpointPort { Port = 80, Protocol = (Protocol)9 }] }] }.ToV1(), "Endpoints prod/web: subsets[1].ports[0].protocol: Unsupported value: \"9\": supported values: \"SCTP\", \"TCP\", \"UDP\"" },
    };

    [Theory]
    [MemberData(nameof(RejectedModels))]
    public void A_model_value_the_client_cannot_carry_fails_naming_the_member(string @case, Func<object> convert, string message)
    {
        var error = Record.Exception(convert);

        Assert.True(error is ArgumentException and not ArgumentNullException, $"{@case}: {error?.GetType().Name}: {error?.Message}");
        Assert.Equal(message, error!.Message);
    }

    [Property(MaxTest = 300)]
    public Property A_target_port_survives_model_to_client_to_model_unless_the_client_cannot_carry_it()
    {
        var values = Gen.OneOf(
            Gen.Choose(int.MinValue, int.MaxValue).Select(PortNumberOrName.FromInt32),
            Gen.Elements("", "http", "8080", "-1", " 80", "p8080", "80a", "dns-tcp").Select(PortNumberOrName.FromString));
        return Prop.ForAll(values.ToArbitrary(), value =>
        {
            var carried = !value.IsString || !long.TryParse(value.StringValue, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out _);
            if (!carried)
            {
                return Record.Exception(() => value.ToV1()) is ArgumentException;
            }

            var client = value.ToV1();
            var wire = client is null ? null : k8s.KubernetesJson.Deserialize<IntOrString>(k8s.KubernetesJson.Serialize(client));
            return client.ToModel() == value && wire.ToModel() == value;
        });
    }
}
