using k8s.Models;
using ServiceModel.Discovery;
using ServiceModel.Services;

namespace ServiceModel.KubernetesClient.Tests.Manifests;

public class ManifestReaderTests
{
    private static string Data(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "testdata", .. parts]);

    [Fact]
    public void The_service_concept_page_examples_read_from_a_folder_in_path_order()
    {
        var set = ManifestReader.Read(Data("concept"));

        Assert.Empty(set.Errors);
        Assert.Equal(
            ["my-headless", "nginx-service", "my-service", "my-nodeport-service", "my-lb-service", "my-database"],
            set.Services.Select(s => s.Value.Name));

        var byName = set.Services.ToDictionary(s => s.Value.Name, s => s.Value);
        var my = byName["my-service"];
        Assert.Equal("MyApp", my.Spec.Selector!["app.kubernetes.io/name"]);
        Assert.Equal((80, Protocol.TCP, PortNumberOrName.FromInt32(9376)), (my.Spec.Ports[0].Port, my.Spec.Ports[0].Protocol, my.Spec.Ports[0].TargetPort));
        Assert.Equal((ServiceType.NodePort, 30007), (byName["my-nodeport-service"].Spec.Type, byName["my-nodeport-service"].Spec.Ports[0].NodePort));
        var lb = byName["my-lb-service"];
        Assert.Equal((ServiceType.LoadBalancer, "10.0.171.239", "192.0.2.127"), (lb.Spec.Type, lb.Spec.ClusterIP, lb.Status.LoadBalancer.Ingress[0].IP));
        Assert.False(lb.IsLoadBalancerPending);
        var external = byName["my-database"];
        Assert.Equal(("prod", ServiceType.ExternalName, "my.database.example.com"), (external.Namespace, external.Spec.Type, external.Spec.ExternalName));
        Assert.True(byName["my-headless"].Spec.IsHeadless);
        Assert.Equal(PortNumberOrName.FromString("http-web-svc"), byName["nginx-service"].Spec.Ports[0].TargetPort);

        var nginx = Assert.Single(set.Pods).Value;
        Assert.Equal(new ContainerPort { Name = "http-web-svc", Port = 80, ContainerName = "nginx" }, Assert.Single(nginx.ContainerPorts));
        var slice = Assert.Single(set.EndpointSlices).Value;
        Assert.Equal(("my-service-1", AddressType.IPv4, 9376), (slice.Name, slice.AddressType, slice.Ports[0].Port));
        Assert.Equal(["10.4.5.6", "10.1.2.3"], slice.Endpoints.Select(e => e.Addresses[0]));

        Assert.Collection(set.Other,
            deployment => Assert.Equal("web", Assert.IsType<V1Deployment>(deployment.Value).Metadata.Name),
            config => Assert.Equal("fast", Assert.IsType<V1ConfigMap>(config.Value).Data["mode"]),
            custom =>
            {
                var certificate = Assert.IsType<CustomObject>(custom.Value);
                Assert.Equal(("cert-manager.io/v1", "Certificate", "web-tls"), (certificate.ApiVersion, certificate.Kind, certificate.Metadata.Name));
                Assert.Contains("secretName: web-tls", certificate.Text, StringComparison.Ordinal);
            });
        Assert.Equal("web", Assert.Single(set.OtherOfType<V1Deployment>()).Value.Metadata.Name);
        Assert.IsType<V1Service>(set.Services[0].Source);
    }

    [Fact]
    public void Every_object_carries_its_file_document_and_line()
    {
        var set = ManifestReader.ReadFile(Data("concept", "services.yaml"));

        Assert.Equal(
            [(0, 2), (1, 14), (2, 29), (3, 48)],
            set.Services.Select(s => (s.Location.DocumentIndex, s.Location.Line)));
        Assert.All(set.Services, s => Assert.Equal((Data("concept", "services.yaml"), 1, (int?)null), (s.Location.File, s.Location.Column, s.Location.ItemIndex)));
        Assert.Equal($"{Data("concept", "services.yaml")}:29:1 (document 2)", set.Services[2].Location.ToString());
    }

    [Fact]
    public void A_kubectl_list_in_json_gives_each_item_with_its_index_and_line()
    {
        var set = ManifestReader.ReadFile(Data("cluster.json"));

        Assert.Empty(set.Errors);
        Assert.Equal(["kubernetes", "web"], set.Services.Select(s => s.Value.Name));
        Assert.Equal(["web-7d4b9c8f6-abcde", "web-7d4b9c8f6-fghij"], set.Pods.Select(p => p.Value.Name));
        Assert.Equal([(0, 4), (1, 43)], set.Services.Select(s => (s.Location.ItemIndex!.Value, s.Location.Line)));
        Assert.Equal([true, false], set.Pods.Select(p => p.Value.Ready));
        Assert.Equal(9, set.Services[0].Location.Column);
        Assert.Equal(new DateTimeOffset(2025, 6, 1, 9, 5, 0, TimeSpan.Zero), set.Services[1].Value.CreationTimestamp);
    }

    [Fact]
    public void Items_of_a_typed_list_may_leave_out_their_kind()
    {
        const string text = """
            apiVersion: v1
            kind: ServiceList
            items:
            - metadata:
                name: a
            - metadata:
                name: b
              spec:
                type: NodePort
            """;

        var set = ManifestReader.ReadText(text, "services.yaml");

        Assert.Empty(set.Errors);
        Assert.Equal([("a", ServiceType.ClusterIP, 4), ("b", ServiceType.NodePort, 6)], set.Services.Select(s => (s.Value.Name, s.Value.Spec.Type, s.Location.Line)));
        Assert.Equal(("v1", "Service"), (set.Services[0].Source.ApiVersion, set.Services[0].Source.Kind));
    }

    [Fact]
    public void Bad_documents_are_reported_with_their_location_and_the_others_are_read()
    {
        var path = Data("bad", "bad.yaml");
        var set = ManifestReader.Read(path);

        Assert.Equal(["fine"], set.Services.Select(s => s.Value.Name));
        Assert.Collection(set.Errors,
            wrongKind =>
            {
                Assert.Equal((path, 0, 1), (wrongKind.Location.File, wrongKind.Location.DocumentIndex, wrongKind.Location.Line));
                Assert.Equal("kind: Unsupported value: \"Servcie\": apiVersion v1 has no such kind", wrongKind.Message);
            },
            stringForNumber =>
            {
                Assert.Equal((1, 12, 11), (stringForNumber.Location.DocumentIndex, stringForNumber.Location.Line, stringForNumber.Location.Column));
                Assert.Equal("v1 Service: spec.ports[0].port: The input string 'web' was not in a correct format.", stringForNumber.Message);
            },
            truncated =>
            {
                // The parser stops at the end of the file, after the last line (24).
                Assert.Equal((3, 25), (truncated.Location.DocumentIndex, truncated.Location.Line));
                Assert.StartsWith("the YAML is not well-formed: ", truncated.Message, StringComparison.Ordinal);
            });
        Assert.StartsWith($"{path}:12:11 (document 1): v1 Service: spec.ports[0].port:", set.Errors[1].ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("apiVersion: apps/v1\nkind: Service\nmetadata:\n  name: x\n", "apiVersion: Unsupported value: \"apps/v1\": kind Service is served as v1")]
    [InlineData("apiVersion: v2\nkind: Service\nmetadata:\n  name: x\n", "apiVersion: Unsupported value: \"v2\": kind Service is served as v1")]
    [InlineData("apiVersion: v1\nmetadata:\n  name: x\n", "kind: Required value: every manifest object names its kind")]
    [InlineData("kind: Service\nmetadata:\n  name: x\n", "apiVersion: Required value: every manifest object names its apiVersion (kind Service)")]
    [InlineData("apiVersion: v1\nkind: Service\nspec:\n  type: Nodeport\n", "Service: metadata.name: Required value")]
    [InlineData("apiVersion: v1\nkind: Service\nmetadata:\n  name: x\nspec:\n  type: Nodeport\n", "Service default/x: spec.type: Unsupported value: \"Nodeport\": supported values: \"ClusterIP\", \"ExternalName\", \"LoadBalancer\", \"NodePort\"")]
    [InlineData("- a\n- b\n", "a manifest document must be an object with apiVersion and kind, found a sequence")]
    [InlineData("apiVersion: v1\nkind: List\nitems:\n- 3\n", "items[0]: a List item must be an object with apiVersion and kind, found the scalar \"3\"")]
    public void Each_kind_of_bad_document_gets_a_clear_message(string text, string message)
    {
        var error = Assert.Single(ManifestReader.ReadText(text).Errors);

        Assert.Equal(message, error.Message);
        Assert.Null(error.Location.File);
    }

    [Fact]
    public void Empty_documents_and_comments_are_not_objects_and_not_errors()
    {
        var set = ManifestReader.ReadText("# only a comment\n---\n\n--- # another\n...\n");

        Assert.Empty(set.Errors);
        Assert.Empty(set.Services);
        Assert.Empty(set.Other);
    }

    [Fact]
    public void A_stream_reads_like_text_and_is_left_open()
    {
        using var stream = new MemoryStream("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n"u8.ToArray());

        var set = ManifestReader.Read(stream, "stdin");

        Assert.Equal(("p", "stdin"), (Assert.Single(set.Pods).Value.Name, set.Pods[0].Location.File));
        Assert.True(stream.CanRead);
    }

    [Fact]
    public void Missing_paths_throw()
    {
        Assert.Throws<FileNotFoundException>(() => ManifestReader.Read(Data("nope.yaml")));
        Assert.Throws<DirectoryNotFoundException>(() => ManifestReader.ReadDirectory(Data("nope")));
        Assert.Throws<ArgumentException>(() => ManifestReader.Read(""));
    }
}
