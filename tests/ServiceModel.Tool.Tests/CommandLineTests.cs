using System.Text.Json;

namespace ServiceModel.Tool.Tests;

// The command line as a new user meets it: help, exit codes, standard input, empty or wrong paths.
public class CommandLineTests
{
    private static string Data(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "testdata", .. parts]);

    private static (int Exit, string Out, string Err) RunWithInput(string stdin, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        using var input = new StringReader(stdin);
        var exit = Program.Run(args, stdout, stderr, stdin: input);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private static void InTempFolder(Action<string> test)
    {
        var folder = Directory.CreateTempSubdirectory("servicemodel-cli-");
        try
        {
            test(folder.FullName);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("check", "--help")]
    [InlineData("explain", "--help")]
    public void Help_names_the_command_servicemodel_whatever_runs_the_assembly(params string[] args)
    {
        var (exit, text, err) = CheckCommandTests.Run(args);

        Assert.Equal(0, exit);
        Assert.Equal("", err);
        var usage = text.Split('\n').SkipWhile(l => !l.StartsWith("Usage:", StringComparison.Ordinal)).Skip(1).First().Trim();
        Assert.StartsWith(args.Length == 1 ? "servicemodel [command]" : "servicemodel " + args[0] + " <PATH>...", usage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("check", "<CIDR[,CIDR]>", "<FIRST-LAST>", "<FILE|N>", "Exit code 0: no error finding")]
    [InlineData("explain", "<CIDR[,CIDR]>", "<NAME>", "<NS>", "1: the Service is not stored")]
    public void Command_help_shows_value_shapes_and_exit_codes(string command, params string[] expected)
    {
        var (_, text, _) = CheckCommandTests.Run(command, "--help");

        Assert.All(expected, e => Assert.Contains(e, text, StringComparison.Ordinal));
        Assert.Contains("- reads standard input", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("servicemodel check --help", "check")]
    [InlineData("servicemodel check --help", "check", "x", "--frobnicate")]
    [InlineData("servicemodel explain --help", "explain", "x")]
    [InlineData("servicemodel --help")]
    public void A_parse_error_says_which_help_to_read_and_an_unknown_option_is_named_as_one(string help, params string[] args)
    {
        var (exit, _, err) = CheckCommandTests.Run([.. args.Select(a => a == "x" ? Data("invalid-service", "pass") : a)]);

        Assert.Equal(2, exit);
        Assert.EndsWith($"servicemodel: run '{help}' for usage\n", err.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.DoesNotContain("cannot read --frobnicate", err, StringComparison.Ordinal);
        if (args.Contains("--frobnicate"))
        {
            Assert.Contains("servicemodel: Unrecognized option '--frobnicate'.", err, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_dash_reads_manifests_from_standard_input_and_findings_name_it_stdin()
    {
        var manifests = File.ReadAllText(Data("node-port-conflict", "fail", "manifests.yaml"));

        var (exit, json, err) = RunWithInput(manifests, "check", "-", "--format", "json");

        Assert.Equal(1, exit);
        Assert.Equal("", err);
        var finding = Assert.Single(JsonDocument.Parse(json).RootElement.GetProperty("findings").EnumerateArray());
        Assert.Equal(("node-port-conflict", "stdin"), (finding.GetProperty("rule").GetString(), finding.GetProperty("file").GetString()));
        Assert.True(finding.GetProperty("line").GetInt32() > 1);
    }

    [Fact]
    public void Standard_input_is_read_once_however_often_the_dash_is_given_and_comes_first_in_path_order()
    {
        const string Earlier = "apiVersion: v1\nkind: Service\nmetadata:\n  name: zero\nspec:\n  type: NodePort\n  ports:\n    - port: 80\n      nodePort: 30080\n";

        var (exit, json, _) = RunWithInput(Earlier, "check", Data("node-port-conflict", "pass"), "-", "-", "--format", "json");

        // "-" sorts before the fixture's path: stdin's Service holds 30080 first, so the fixture's "first" is refused.
        Assert.Equal(1, exit);
        var finding = Assert.Single(JsonDocument.Parse(json).RootElement.GetProperty("findings").EnumerateArray());
        Assert.Equal(("node-port-conflict", "Service/default/first"), (finding.GetProperty("rule").GetString(), finding.GetProperty("object").GetString()));
        Assert.EndsWith("node-port-conflict/pass/manifests.yaml", finding.GetProperty("file").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_without_manifest_files_exits_2_naming_it_and_the_other_paths_are_still_checked()
    {
        InTempFolder(folder =>
        {
            File.WriteAllText(Path.Combine(folder, "notes.txt"), "not a manifest");

            var (exit, json, err) = CheckCommandTests.Run("check", folder, Data("invalid-service", "fail"), "--format", "json");

            Assert.Equal(2, exit);
            Assert.Contains($"servicemodel: cannot read {folder}: no .yaml, .yml or .json file in this folder", err, StringComparison.Ordinal);
            Assert.Single(JsonDocument.Parse(json).RootElement.GetProperty("findings").EnumerateArray());
        });
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n---\n---\n")]
    public void Input_without_any_object_exits_2_as_kubectl_refuses_to_apply_nothing(string content)
    {
        InTempFolder(folder =>
        {
            File.WriteAllText(Path.Combine(folder, "empty.yaml"), content);

            var fromFile = CheckCommandTests.Run("check", folder);
            var fromStdin = RunWithInput(content, "check", "-");

            Assert.Equal((2, 2), (fromFile.Exit, fromStdin.Exit));
            Assert.Contains("servicemodel: no objects found in 1 file(s)", fromFile.Err, StringComparison.Ordinal);
            Assert.Contains("servicemodel: no objects found in 1 file(s)", fromStdin.Err, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void A_file_holding_only_an_unreadable_document_is_an_error_finding_not_an_empty_input()
    {
        var (exit, _, err) = RunWithInput("apiVersion: v1\nkind: Service\nmetadata: {name: [\n", "check", "-");

        Assert.Equal(1, exit);
        Assert.DoesNotContain("no objects found", err, StringComparison.Ordinal);
    }

    [Fact]
    public void A_nodes_value_that_is_neither_a_count_nor_a_file_says_what_is_allowed()
    {
        var (exit, _, err) = CheckCommandTests.Run("check", Data("invalid-service", "pass"), "--nodes", "three");

        Assert.Equal(2, exit);
        Assert.Equal("servicemodel: --nodes: Invalid value: \"three\": must be a node count (1 or more) or a file of Node objects: no such file or directory\n", err.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Explain_of_a_path_that_cannot_be_read_exits_2_with_the_reason_not_just_service_not_found()
    {
        var (exit, _, err) = CheckCommandTests.Run("explain", "/no/such/path", "--service", "web");

        Assert.Equal(2, exit);
        Assert.Contains("servicemodel: cannot read /no/such/path: no such file or directory", err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("json")]
    [InlineData("sarif")]
    public void Json_and_sarif_keep_quotes_in_messages_readable(string format)
    {
        var (_, output, _) = CheckCommandTests.Run("check", Data("manifest-error", "fail"), "--format", format);

        Assert.Contains("Unsupported value: \\\"Servcie\\\"", output, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u0022", output, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u0027", output, StringComparison.Ordinal);
        using var parsed = JsonDocument.Parse(output); // still valid JSON
    }

    [Fact]
    public void A_folder_walk_leaves_out_kustomize_build_files_but_a_file_named_explicitly_is_read()
    {
        InTempFolder(folder =>
        {
            File.Copy(Data("invalid-service", "pass", "manifests.yaml"), Path.Combine(folder, "service.yaml"));
            var kustomization = Path.Combine(folder, "kustomization.yaml");
            File.WriteAllText(kustomization, "resources:\n  - service.yaml\n");

            var walked = CheckCommandTests.Run("check", folder, "--format", "json");
            var named = CheckCommandTests.Run("check", kustomization, "--format", "json");

            Assert.Equal((0, ""), (walked.Exit, walked.Err));
            Assert.Empty(JsonDocument.Parse(walked.Out).RootElement.GetProperty("findings").EnumerateArray());
            Assert.Equal(1, named.Exit);
            Assert.Equal("manifest-error", JsonDocument.Parse(named.Out).RootElement.GetProperty("findings")[0].GetProperty("rule").GetString());
        });
    }

    [Fact]
    public void Sarif_escapes_paths_into_uri_references_and_json_and_text_keep_the_path_as_given()
    {
        InTempFolder(folder =>
        {
            var spaced = Path.Combine(folder, "my manifests #1");
            Directory.CreateDirectory(spaced);
            File.Copy(Data("invalid-service", "fail", "manifests.yaml"), Path.Combine(spaced, "a.yaml"));

            var sarif = CheckCommandTests.Run("check", spaced, "--format", "sarif").Out;
            var json = CheckCommandTests.Run("check", spaced, "--format", "json").Out;
            var text = CheckCommandTests.Run("check", spaced).Out;

            var uri = JsonDocument.Parse(sarif).RootElement.GetProperty("runs")[0].GetProperty("results")[0]
                .GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString()!;
            Assert.EndsWith("/my%20manifests%20%231/a.yaml", uri, StringComparison.Ordinal);
            Assert.True(Uri.IsWellFormedUriString(uri, UriKind.RelativeOrAbsolute), uri);
            Assert.Equal(Path.Combine(spaced, "a.yaml"), JsonDocument.Parse(json).RootElement.GetProperty("findings")[0].GetProperty("file").GetString());
            Assert.StartsWith(Path.Combine(spaced, "a.yaml") + ":", text, StringComparison.Ordinal);
        });
    }
}
