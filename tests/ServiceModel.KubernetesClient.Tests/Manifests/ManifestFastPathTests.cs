using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using k8s;
using ServiceModel.KubernetesClient.Internal;

namespace ServiceModel.KubernetesClient.Tests.Manifests;

/// <summary>The reader's line-scan shortcut gives exactly what the scanner gives: entries, locations, texts and errors.</summary>
public class ManifestFastPathTests
{
    private const string Service = "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n  - port: 80\n    targetPort: 8080\n";

    // Ordinary documents, documents the shortcut must leave to the scanner, and traps for a line scan.
    private static readonly string[] Fragments =
    [
        Service,
        "# leading comment\n\n  # indented comment\n" + Service + "# trailing comment\n\n",
        "apiVersion: apps/v1\nkind: Deployment # the workload\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: web\n        image: nginx\n",
        "kind: Pod\napiVersion: v1\nmetadata:\n  name: p\n  labels: {app: web}\nspec:\n  containers:\n  - name: c\n    image: nginx\n    ports:\n    - {name: http, containerPort: 8080}\nstatus:\n  podIP: 10.0.0.5\n",
        "apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata:\n  name: web-tls\nspec:\n  secretName: web-tls\n# after\n",
        "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Service\n  metadata:\n    name: a\n- 42\n",
        "apiVersion: v1\nkind: ServiceList\nitems:\n- metadata:\n    name: b\n  spec:\n    ports:\n    - port: 81\n",
        "{\"apiVersion\": \"v1\", \"kind\": \"Service\", \"metadata\": {\"name\": \"json\"}, \"spec\": {\"ports\": [{\"port\": 82}]}}\n",
        "apiVersion: v1\nkind: \"Service\"\nmetadata:\n  name: quoted\n",
        "apiVersion: v1\nkind: &k Service\nmetadata:\n  name: anchored\n",
        "apiVersion: v1\nkind: !!str Service\nmetadata:\n  name: tagged\n",
        "apiVersion: v1\nmetadata:\n  name: kindless\n",
        "kind: Service\nmetadata:\n  name: versionless\n",
        "apiVersion: v1\nkind: Servcie\nmetadata:\n  name: typo\n",
        "apiVersion: apps/v1\nkind: Service\nmetadata:\n  name: wrong-group\n",
        "apiVersion: v1\nkind: Service\nmetadata:\n  name: bad-port\nspec:\n  ports:\n  - port: web\n",
        "apiVersion: v1\nkind: Service\nmetadata:\n  name: truncated\nspec:\n  ports: [\n",
        "apiVersion: v1\nkind: Service\nmetadata:\n  name: bad-ip\nspec:\n  clusterIP: 10.0.0.1\n  type: Bogus\n  ports:\n  - port: 99999\n",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: block\ndata:\n  script: |\n    ---\n    kind: Pod\n    ...\n  other: x\n",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: quoted-lines\n  annotations:\n    note: 'first\nkind: Pod\n'\n",
        "apiVersion: v1\nmetadata: {name: flow,\nkind: Service\n}\n",
        "apiVersion: v1\nkind: Service\nkind: Pod\nmetadata:\n  name: twice\n",
        "apiVersion: v1\nkind: Service\n\"kind\": Pod\nmetadata:\n  name: twice-quoted\n",
        "  apiVersion: v1\n  kind: Service\n  metadata:\n    name: indented\n",
        "--- {apiVersion: v1, kind: Service, metadata: {name: inline-start}}\n",
        "apiVersion: v1\nkind: Service\nmetadata:\n  name: ended\n...\n",
        "%YAML 1.2\n--- \napiVersion: v1\nkind: Service\nmetadata:\n  name: directive\n",
        "",
        "# only a comment\n",
        "~\n",
        "just a scalar\n",
        "- a\n- sequence\n",
        "apiVersion: v1\nkind: Service\nmetadata:\n\tname: tab\n",
        "apiVersion: v1\nkind: null\nmetadata:\n  name: null-kind\n",
        "apiVersion: v1\nkind: Service#x\nmetadata:\n  name: hash\n",
        "apiVersion: v1\nkind:\nmetadata:\n  name: empty-kind\n",
        "<<: {apiVersion: v1}\nkind: Service\nmetadata:\n  name: merge\n",
        "apiVersion: v1\r\nkind: Service\r\nmetadata:\r\n  name: crlf\r\n",
        "apiVersion: v1\rkind: Service\rmetadata:\r  name: cr\r",
        "apiVersion: v1\nkind: Service\nmetadata:\n  name: \"unterminated\n",
    ];

    private static readonly string[] Separators = ["---\n", "--- # next\n", "---  \n", "---\r\n", "---"];

    [Fact]
    public void Every_fragment_alone_reads_the_same_with_and_without_the_shortcut()
    {
        foreach (var fragment in Fragments)
        {
            AssertSame(fragment);
            AssertSame(fragment.Replace("\n", "\r\n", StringComparison.Ordinal));
            AssertSame(fragment.TrimEnd('\n'));
        }
    }

    [Fact]
    public void Every_test_manifest_file_reads_the_same_with_and_without_the_shortcut()
    {
        var files = Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "testdata"), "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            AssertSame(File.ReadAllText(file));
        }
    }

    [Property(MaxTest = 300)]
    public Property Any_mix_of_documents_reads_the_same_with_and_without_the_shortcut()
    {
        var texts =
            from count in Gen.Choose(1, 6)
            from parts in Gen.ArrayOf(Gen.Elements(Fragments), count)
            from separators in Gen.ArrayOf(Gen.Elements(Separators), count)
            from crlf in Gen.Elements(false, true)
            select Join(parts, separators, crlf);
        return Prop.ForAll(texts.ToArbitrary(), text =>
        {
            AssertSame(text);
            return true;
        });
    }

    [Fact]
    public void The_shortcut_takes_ordinary_documents_and_gives_the_scanners_object()
    {
        var chunk = "# c\n\n" + Service + "# end\n";
        Assert.Equal(ManifestFastScan.Outcome.Object, ManifestFastScan.TryScan(chunk, 7, out var fast));
        var slow = Assert.Single(Assert.Single(ManifestScanner.ScanChunk(chunk, 7)).Objects);
        Assert.Equal(slow, fast);
        Assert.Equal((9, 1, "v1", "Service"), (fast!.Line, fast.Column, fast.ApiVersion, fast.Kind));

        Assert.Equal(ManifestFastScan.Outcome.Empty, ManifestFastScan.TryScan("# nothing\n\n", 1, out _));
        Assert.Equal(ManifestFastScan.Outcome.Doubt, ManifestFastScan.TryScan("apiVersion: v1\nkind: List\nitems: []\n", 1, out _));
        Assert.Equal(ManifestFastScan.Outcome.Doubt, ManifestFastScan.TryScan("apiVersion: v1\nkind: \"Service\"\n", 1, out _));
        Assert.Equal(ManifestFastScan.Outcome.Doubt, ManifestFastScan.TryScan(Service + "...\n", 1, out _));
    }

    private static string Join(string[] parts, string[] separators, bool crlf)
    {
        var text = string.Concat(parts.Select((part, i) => i == 0 ? part : (part.Length == 0 || parts[i - 1].EndsWith('\n') ? "" : "\n") + separators[i] + (separators[i].EndsWith('\n') ? "" : "\n") + part));
        return crlf ? text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "\r\n", StringComparison.Ordinal) : text;
    }

    private static void AssertSame(string text)
    {
        var fast = ManifestReader.ReadText(text, "f", fastPath: true);
        var slow = ManifestReader.ReadText(text, "f", fastPath: false);
        Assert.Equal(Describe(slow), Describe(fast));
        Assert.Equal(slow.Services.Select(e => e.Value), fast.Services.Select(e => e.Value));
        Assert.Equal(slow.Pods.Select(e => e.Value), fast.Pods.Select(e => e.Value));
        Assert.Equal(slow.EndpointSlices.Select(e => e.Value), fast.EndpointSlices.Select(e => e.Value));
        Assert.Equal(slow.Endpoints.Select(e => e.Value), fast.Endpoints.Select(e => e.Value));
    }

    private static List<string> Describe(ManifestSet set) =>
    [
        .. set.Errors.Select(e => "error " + e),
        .. set.Services.Select(e => Entry("Service", e.Source, e.Location)),
        .. set.Pods.Select(e => Entry("Pod", e.Source, e.Location)),
        .. set.EndpointSlices.Select(e => Entry("EndpointSlice", e.Source, e.Location)),
        .. set.Endpoints.Select(e => Entry("Endpoints", e.Source, e.Location)),
        .. set.Other.Select(e => Entry("Other", e.Source, e.Location)),
    ];

    private static string Entry(string group, IKubernetesObject<k8s.Models.V1ObjectMeta> source, ManifestLocation location)
        => $"{group} {location} {location.ItemIndex} {source.GetType().Name} "
            + (source is CustomObject custom ? custom.ApiVersion + " " + custom.Kind + " " + custom.Metadata?.Name + " [" + custom.Text + "]" : KubernetesJson.Serialize(source));
}
