using System.CommandLine;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using ServiceModel.Configuration;
using ServiceModel.KubernetesClient;

namespace ServiceModel.Tool;

/// <summary>The <c>servicemodel</c> command line: <c>check</c> and <c>explain</c>.</summary>
public static class Program
{
    private const int ExitClean = 0;
    private const int ExitFindings = 1;
    private const int ExitUsage = 2;

    /// <summary>Runs the tool on the process's console. Colour only when stdout is a terminal and <c>NO_COLOR</c> is unset.</summary>
    /// <param name="args">The command line.</param>
    /// <returns>0: no error found; 1: at least one error finding; 2: the command line or a file could not be read, or no object was found.</returns>
    public static int Main(string[] args)
    {
        var color = !Console.IsOutputRedirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
        return Run(args, Console.Out, Console.Error, color, Console.In);
    }

    internal static int Run(string[] args, TextWriter stdout, TextWriter stderr, bool color = false, TextReader? stdin = null)
    {
        stderr = TextWriter.Synchronized(stderr);
        var paths = new Argument<string[]>("PATH") { Arity = ArgumentArity.OneOrMore, Description = "Manifest files or folders (.yaml, .yml, .json, recursively); - reads standard input" };
        paths.Validators.Add(result =>
        {
            // The parser hands an unknown option to PATH; name it as the option it was meant to be.
            foreach (var token in result.Tokens)
            {
                if (token.Value.Length > 1 && token.Value[0] == '-' && !File.Exists(token.Value) && !Directory.Exists(token.Value))
                {
                    result.AddError($"Unrecognized option '{token.Value}'.");
                }
            }
        });
        var clusterIPRange = new Option<string>("--service-cluster-ip-range")
        {
            Description = "The API server's --service-cluster-ip-range, one CIDR or two of different families",
            HelpName = "CIDR[,CIDR]",
            DefaultValueFactory = _ => ServiceModelOptions.DefaultServiceClusterIPRange,
        };
        var nodePortRange = new Option<string>("--service-node-port-range")
        {
            Description = "The API server's --service-node-port-range",
            HelpName = "FIRST-LAST",
            DefaultValueFactory = _ => ServiceModelOptions.DefaultServiceNodePortRange,
        };
        var nodes = new Option<string?>("--nodes")
        {
            Description = "A file of Node objects, or a node count N (a control-plane node and N-1 workers; 1: one untainted node). Default: control-plane, worker-1, worker-2",
            HelpName = "FILE|N",
        };
        var format = new Option<string>("--format") { Description = "Output format", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json", "sarif");

        const string ExitCodes = " Exit code 0: no error finding (warnings allowed); 1: at least one error finding; 2: a bad command line, a path or file that cannot be read, or no object found.";
        var check = new Command("check", "Check manifests the way the API server, the EndpointSlice controller and kube-proxy would." + ExitCodes) { paths, clusterIPRange, nodePortRange, nodes, format };
        check.SetAction(parsed =>
        {
            var run = Prepare(parsed.GetValue(paths)!, parsed.GetValue(clusterIPRange)!, parsed.GetValue(nodePortRange)!, parsed.GetValue(nodes), stderr, stdin);
            if (run is null)
            {
                return ExitUsage;
            }

            var result = run.Value.Result;
            switch (parsed.GetValue(format))
            {
                case "json":
                    WriteBytes(stdout, s => Reports.WriteJson(s, result));
                    break;
                case "sarif":
                    WriteBytes(stdout, s => Reports.WriteSarif(s, result));
                    break;
                default:
                    Reports.WriteText(stdout, result, color);
                    break;
            }

            return Exit(result, stderr);
        });

        var serviceName = new Option<string>("--service") { Description = "The Service's name", HelpName = "NAME", Required = true };
        var serviceNamespace = new Option<string>("--namespace") { Description = "The Service's namespace", HelpName = "NS", DefaultValueFactory = _ => "default" };
        var explain = new Command(
            "explain",
            "Show a Service as the API server stores it, its EndpointSlices and where connections to it go. Exit code 0: shown; 1: the Service is not stored (not found, or refused: the reasons on stderr); 2: a bad command line, a path or file that cannot be read, or no object found.")
        {
            paths, clusterIPRange, nodePortRange, nodes, serviceName, serviceNamespace,
        };
        explain.SetAction(parsed =>
        {
            var run = Prepare(parsed.GetValue(paths)!, parsed.GetValue(clusterIPRange)!, parsed.GetValue(nodePortRange)!, parsed.GetValue(nodes), stderr, stdin);
            if (run is null)
            {
                return ExitUsage;
            }

            var (cluster, result) = run.Value;
            var ns = parsed.GetValue(serviceNamespace)!;
            var name = parsed.GetValue(serviceName)!;
            if (cluster.GetService(ns, name) is null)
            {
                foreach (var finding in result.Findings.Where(f => f.Object == "Service/" + ns + "/" + name))
                {
                    stderr.WriteLine($"{finding.File}:{finding.Line}: {finding.Rule.Id}: {finding.Message}");
                }

                stderr.WriteLine($"servicemodel: service \"{name}\" in namespace \"{ns}\" is not stored (not found, or refused)");

                // A path that could not be read may be why: say so, with the exit code that means it.
                return Exit(result, stderr) == ExitUsage ? ExitUsage : ExitFindings;
            }

            Explain.Write(stdout, cluster, ns, name);
            return Exit(result, stderr);
        });

        // Named here, not after the executable: installed as a tool, the process is "dotnet" running ServiceModel.Tool.dll.
        var root = new Command("servicemodel", "Kubernetes Services checked the way the cluster would, before they reach one") { check, explain, new System.CommandLine.Help.HelpOption(), new VersionOption() };
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                stderr.WriteLine("servicemodel: " + error.Message);
            }

            var command = parse.CommandResult.Command == root ? "servicemodel" : "servicemodel " + parse.CommandResult.Command.Name;
            stderr.WriteLine($"servicemodel: run '{command} --help' for usage");
            return ExitUsage;
        }

        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
#pragma warning disable CA1031 // The tool's promise: a reason on stderr and exit code 2, never a stack trace.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            stderr.WriteLine("servicemodel: internal error: " + ex.Message);
            return ExitUsage;
        }
    }

    private static (ServiceCluster Cluster, CheckResult Result)? Prepare(string[] paths, string clusterIPRange, string nodePortRange, string? nodes, TextWriter stderr, TextReader? stdin)
    {
        ServiceCluster cluster;
        try
        {
            var options = new ServiceModelOptions { ServiceClusterIPRange = clusterIPRange, ServiceNodePortRange = nodePortRange, AllocatorSeed = 1 };
            cluster = new ServiceCluster(options, nodes is null ? null : Checker.ParseNodes(nodes));
        }
        catch (OptionsValidationException ex)
        {
            foreach (var failure in ex.Failures)
            {
                stderr.WriteLine("servicemodel: " + failure);
            }

            return null;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine("servicemodel: " + ex.Message);
            return null;
        }

        var failures = new List<string>();
        var files = Checker.FindFiles(paths, failures);

        // A progress line only when reading is slow enough for someone to wonder.
        using var progress = new Timer(_ => stderr.WriteLine(string.Create(CultureInfo.InvariantCulture, $"servicemodel: reading {files.Count} file(s)…")), null, 1000, Timeout.Infinite);
        var result = Checker.Check(files, cluster, failures, stdin);
        return (cluster, result);
    }

    private static int Exit(CheckResult result, TextWriter stderr)
    {
        foreach (var failure in result.ReadFailures)
        {
            stderr.WriteLine("servicemodel: cannot read " + failure);
        }

        // As kubectl apply refuses "no objects passed to apply": a check of nothing is a wrong path, not a pass.
        if (result.DocumentCount == 0 && result.ReadFailures.Count == 0)
        {
            stderr.WriteLine(string.Create(CultureInfo.InvariantCulture, $"servicemodel: no objects found in {result.FileCount} file(s)"));
            return ExitUsage;
        }

        return result.ReadFailures.Count > 0 ? ExitUsage : result.HasErrors ? ExitFindings : ExitClean;
    }

    private static void WriteBytes(TextWriter output, Action<Stream> write)
    {
        using var buffer = new MemoryStream();
        write(buffer);
        output.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
