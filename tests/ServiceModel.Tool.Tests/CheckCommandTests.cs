using System.Text.Json;

namespace ServiceModel.Tool.Tests;

public class CheckCommandTests
{
    private static string Data(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "testdata", .. parts]);

    internal static (int Exit, string Out, string Err) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = Program.Run(args, stdout, TextWriter.Synchronized(stderr));
        return (exit, stdout.ToString(), WithoutProgress(stderr.ToString()));
    }

    // On a loaded machine reading may pass the one-second mark, and the progress line is then
    // rightly printed; the assertions are about everything else on stderr.
    private static string WithoutProgress(string err)
        => string.Concat(err.Split('\n').Where(l => l.Length > 0 && !(l.StartsWith("servicemodel: reading ", StringComparison.Ordinal) && l.TrimEnd('\r').EndsWith("file(s)…", StringComparison.Ordinal))).Select(l => l + "\n"));

    private static List<JsonElement> Findings(string json)
        => [.. JsonDocument.Parse(json).RootElement.GetProperty("findings").EnumerateArray()];

    [Theory]
    [InlineData("invalid-service", "error", "Service/default/web", "spec.ports[0].nodePort: Invalid value: 35001: provided port is not in the valid range. The range of valid ports is 30000-32767")]
    [InlineData("node-port-conflict", "error", "Service/default/second", "spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated")]
    [InlineData("cluster-ip-conflict", "error", "Service/default/second", "spec.clusterIPs: Invalid value: [\"10.0.0.10\"]: failed to allocate IP 10.0.0.10: provided IP is already allocated")]
    [InlineData("dangling-service", "warning", "Service/default/web", "spec.selector {app=web} matches no pod and no pod template in namespace \"default\": the Service has no endpoints")]
    [InlineData("target-port-not-found", "warning", "Service/default/web", "spec.ports[0].targetPort: no container of the 2 selected pod(s) declares a TCP port named \"http\": they get no endpoint for this port")]
    [InlineData("headless-node-ports", "error", "Service/default/db", "spec.clusterIPs[0]: Invalid value: \"None\": may not be set to 'None' for NodePort services")]
    [InlineData("selector-other-namespace", "warning", "Service/default/web", "spec.selector {app=web} matches no pod in namespace \"default\" but matches pods in namespace \"shop\": a Service selects pods of its own namespace only, so it has no endpoints")]
    [InlineData("manifest-error", "error", "", "kind: Unsupported value: \"Servcie\": apiVersion v1 has no such kind")]
    [InlineData("local-policy-uncovered-nodes", "warning", "Service/default/web", "externalTrafficPolicy: Local: no ready endpoint on node(s) control-plane; connections arriving there (node port 30100) are dropped")]
    public void Each_rule_reports_on_its_failing_fixture_and_is_silent_on_its_passing_twin(string rule, string severity, string obj, string message)
    {
        var (exit, json, err) = Run("check", Data(rule, "fail"), "--format", "json");

        var finding = Assert.Single(Findings(json));
        Assert.Equal(rule, finding.GetProperty("rule").GetString());
        Assert.Equal(severity, finding.GetProperty("severity").GetString());
        Assert.Equal(obj, finding.GetProperty("object").GetString());
        Assert.EndsWith(rule + "/fail/manifests.yaml", finding.GetProperty("file").GetString(), StringComparison.Ordinal);
        Assert.True(finding.GetProperty("line").GetInt32() > 1);
        Assert.Equal(message, finding.GetProperty("message").GetString());
        Assert.Equal(severity == "error" ? 1 : 0, exit);
        Assert.Equal("", err);

        var (passExit, passJson, _) = Run("check", Data(rule, "pass"), "--format", "json");
        Assert.Equal(0, passExit);
        Assert.Empty(Findings(passJson));
    }

    [Fact]
    public void An_object_declared_twice_is_a_duplicate_object_warning_at_the_later_document_naming_the_first()
    {
        var file = Path.Combine(Data("duplicate-object", "fail"), "manifests.yaml");

        var (exit, json, err) = Run("check", Data("duplicate-object", "fail"), "--format", "json");
        var (passExit, passJson, _) = Run("check", Data("duplicate-object", "pass"), "--format", "json");

        var finding = Assert.Single(Findings(json));
        Assert.Equal(("duplicate-object", "warning", "Deployment/default/web"), (finding.GetProperty("rule").GetString(), finding.GetProperty("severity").GetString(), finding.GetProperty("object").GetString()));
        Assert.Equal((file, 21), (finding.GetProperty("file").GetString(), finding.GetProperty("line").GetInt32()));
        Assert.Equal($"Deployment/default/web is declared again (first at {file}:2): applied in order, this document updates that object and the last one wins", finding.GetProperty("message").GetString());
        Assert.Equal((0, ""), (exit, err));
        Assert.Equal(0, passExit);
        Assert.Empty(Findings(passJson));
    }

    [Fact]
    public void A_headless_cluster_ip_service_asking_for_a_node_port_is_a_headless_node_ports_error_and_other_refusals_stay_invalid_service()
    {
        var folder = Directory.CreateTempSubdirectory("servicemodel-tool-");
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "a.yaml"), """
                apiVersion: v1
                kind: Service
                metadata: { name: headless }
                spec:
                  clusterIP: None
                  ports: [{ port: 80, nodePort: 30080 }]
                ---
                apiVersion: v1
                kind: Service
                metadata: { name: plain }
                spec:
                  ports: [{ port: 80, nodePort: 30080 }]
                """);

            var (exit, json, _) = Run("check", folder.FullName, "--format", "json");

            Assert.Equal(1, exit);
            Assert.Equal(
                [
                    ("headless-node-ports", "Service/default/headless", "spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"),
                    ("invalid-service", "Service/default/plain", "spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"),
                ],
                Findings(json).Select(f => (f.GetProperty("rule").GetString(), f.GetProperty("object").GetString(), f.GetProperty("message").GetString())));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void The_conflict_is_reported_at_the_second_services_document()
    {
        var (_, json, _) = Run("check", Data("node-port-conflict", "fail"), "--format", "json");

        var lines = File.ReadAllLines(Data("node-port-conflict", "fail", "manifests.yaml"));
        var line = Findings(json)[0].GetProperty("line").GetInt32();
        Assert.Equal("  name: second", lines[line + 2]); // line is 1-based: apiVersion, kind, metadata:, name
    }

    [Fact]
    public void The_sample_manifests_show_the_out_of_range_refusal_and_a_wider_range_clears_it()
    {
        var samples = Path.Combine(AppContext.BaseDirectory, "samples", "manifests");

        var (exit, text, _) = Run("check", samples);
        var (widened, clean, _) = Run("check", samples, "--service-node-port-range", "30000-35999");

        Assert.Equal(1, exit);
        Assert.Contains("invalid-service", text, StringComparison.Ordinal);
        Assert.Contains("spec.ports[0].nodePort: Invalid value: 35001: provided port is not in the valid range. The range of valid ports is 30000-32767", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", text, StringComparison.Ordinal);
        Assert.Equal(0, widened);
        Assert.StartsWith("0 error(s), 0 warning(s) in 2 file(s); 1 Service(s), 2 pod(s) applied", clean, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_output_aligns_its_columns()
    {
        var (_, text, _) = Run("check", Data("bad-input"));

        var rows = text.Split('\n').Where(l => l.Contains(": ", StringComparison.Ordinal) && l.Contains("  error  ", StringComparison.Ordinal)).ToList();
        Assert.True(rows.Count >= 3);
        Assert.Single(rows.Select(r => r.IndexOf("  error  ", StringComparison.Ordinal)).Distinct());
        Assert.Single(rows.Select(r => r.IndexOf("manifest-error", StringComparison.Ordinal)).Distinct());
    }

    [Fact]
    public void Bad_input_is_reported_with_file_and_line_and_the_rest_is_still_checked()
    {
        var (exit, json, err) = Run("check", Data("bad-input"), "--format", "json");

        var findings = Findings(json);
        Assert.Equal(1, exit);
        Assert.Equal("", err);
        Assert.DoesNotContain("   at ", json, StringComparison.Ordinal);
        var errors = findings.Where(f => f.GetProperty("rule").GetString() == "manifest-error").ToList();
        Assert.Collection(
            errors,
            f => Assert.Equal(("a-syntax.yaml", 6), (Path.GetFileName(f.GetProperty("file").GetString()), f.GetProperty("line").GetInt32())),
            f =>
            {
                Assert.Equal(("b-unknown-kind.yaml", 6), (Path.GetFileName(f.GetProperty("file").GetString()), f.GetProperty("line").GetInt32()));
                Assert.Contains("Servcie", f.GetProperty("message").GetString(), StringComparison.Ordinal);
            },
            f =>
            {
                Assert.Equal(("d-bad-service.yaml", 7), (Path.GetFileName(f.GetProperty("file").GetString()), f.GetProperty("line").GetInt32()));
                Assert.Contains("spec.ports[0].port", f.GetProperty("message").GetString(), StringComparison.Ordinal);
            });

        // c-good.yaml was applied after the broken files: its Service and its pods are there, so no dangling-service.
        Assert.DoesNotContain(findings, f => f.GetProperty("rule").GetString() == "dangling-service");
    }

    [Fact]
    public void An_unreadable_file_exits_2_with_the_reason_on_stderr_and_the_other_files_are_still_checked()
    {
        var folder = Directory.CreateTempSubdirectory("servicemodel-tool-");
        try
        {
            File.Copy(Data("invalid-service", "fail", "manifests.yaml"), Path.Combine(folder.FullName, "a.yaml"));
            var locked = Path.Combine(folder.FullName, "b.yaml");
            File.WriteAllText(locked, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n");
            using var hold = new FileStream(locked, FileMode.Open, FileAccess.ReadWrite, FileShare.None);

            var (exit, json, err) = Run("check", folder.FullName, "--format", "json");

            Assert.Equal(2, exit);
            Assert.Contains("cannot read " + locked, err, StringComparison.Ordinal);
            Assert.Equal("invalid-service", Assert.Single(Findings(json)).GetProperty("rule").GetString());
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("check")]
    [InlineData("check", "x", "--format", "xml")]
    [InlineData("frobnicate")]
    [InlineData("check", "/no/such/path")]
    [InlineData("check", "x", "--service-node-port-range", "40000-30000")]
    [InlineData("check", "x", "--service-cluster-ip-range", "banana")]
    [InlineData("check", "x", "--nodes", "0")]
    public void A_bad_command_line_exits_2_with_the_reason_on_stderr(params string[] args)
    {
        var (exit, _, err) = Run([.. args.Select(a => a == "x" ? Data("invalid-service", "pass") : a)]);

        Assert.Equal(2, exit);
        Assert.StartsWith("servicemodel: ", err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Nodes_can_be_counted_or_read_from_a_file()
    {
        var one = Run("check", Data("local-policy-uncovered-nodes", "fail"), "--nodes", "1", "--format", "json");
        Assert.Empty(Findings(one.Out)); // a single untainted node runs both pods: it is covered

        var file = Path.Combine(Path.GetTempPath(), "servicemodel-nodes-" + Environment.ProcessId + ".yaml");
        File.WriteAllText(file, "apiVersion: v1\nkind: Node\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: Node\nmetadata:\n  name: b\n---\napiVersion: v1\nkind: Node\nmetadata:\n  name: c\n");
        try
        {
            var three = Run("check", Data("local-policy-uncovered-nodes", "fail"), "--nodes", file, "--format", "json");
            Assert.Contains("no ready endpoint on node(s) c;", Assert.Single(Findings(three.Out)).GetProperty("message").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Sarif_output_has_the_required_members_rule_metadata_and_file_and_line()
    {
        var (exit, sarif, _) = Run("check", Data("node-port-conflict", "fail"), "--format", "sarif");

        Assert.Equal(1, exit);
        var root = JsonDocument.Parse(sarif).RootElement;
        Assert.Equal("2.1.0", root.GetProperty("version").GetString());
        var run = Assert.Single(root.GetProperty("runs").EnumerateArray());
        var driver = run.GetProperty("tool").GetProperty("driver");
        Assert.Equal("servicemodel", driver.GetProperty("name").GetString());
        var rules = driver.GetProperty("rules").EnumerateArray().ToList();
        Assert.Contains(rules, r => r.GetProperty("id").GetString() == "node-port-conflict");
        Assert.All(rules, r => Assert.False(string.IsNullOrEmpty(r.GetProperty("shortDescription").GetProperty("text").GetString())));
        var result = Assert.Single(run.GetProperty("results").EnumerateArray());
        Assert.Equal("node-port-conflict", result.GetProperty("ruleId").GetString());
        Assert.Equal("node-port-conflict", rules[result.GetProperty("ruleIndex").GetInt32()].GetProperty("id").GetString());
        Assert.Equal("error", result.GetProperty("level").GetString());
        Assert.False(string.IsNullOrEmpty(result.GetProperty("message").GetProperty("text").GetString()));
        var location = result.GetProperty("locations")[0].GetProperty("physicalLocation");
        Assert.EndsWith("node-port-conflict/fail/manifests.yaml", location.GetProperty("artifactLocation").GetProperty("uri").GetString(), StringComparison.Ordinal);
        Assert.True(location.GetProperty("region").GetProperty("startLine").GetInt32() > 1);
    }

    [Fact]
    public void Explain_shows_the_stored_service_its_slices_and_routes()
    {
        var samples = Path.Combine(AppContext.BaseDirectory, "samples", "manifests");

        var (exit, text, _) = Run("explain", samples, "--service-node-port-range", "30000-35999", "--service", "my-service");
        var (missing, _, err) = Run("explain", samples, "--service", "my-service");

        Assert.Equal(0, exit);
        Assert.Contains("80/TCP -> targetPort 9376, nodePort 35001", text, StringComparison.Ordinal);
        Assert.Contains("targetRef: Pod/myapp-0", text, StringComparison.Ordinal);
        Assert.Contains("control-plane:35001 from control-plane", text, StringComparison.Ordinal);
        Assert.Contains("p=1/2", text, StringComparison.Ordinal);
        Assert.Equal(1, missing);
        Assert.Contains("provided port is not in the valid range", err, StringComparison.Ordinal);
    }
}
