using ServiceModel.Validation;
using System.Collections.Immutable;
using System.Globalization;
using k8s;
using k8s.Models;
using ServiceModel.Allocation;
using ServiceModel.Discovery;
using ServiceModel.KubernetesClient;
using ServiceModel.Services;

namespace ServiceModel.Tool;

/// <summary>
/// Reads manifests, applies them to a <see cref="ServiceCluster"/> in a stable order (files sorted
/// by path, documents in file order) and runs the rules. Pod-to-Service matching goes through the
/// cluster's one <see cref="ServiceIndex"/> (<see cref="ServiceCluster.SelectedPods"/>), never every
/// Service against every pod.
/// </summary>
internal static class Checker
{
    /// <summary>The path that stands for standard input, as in <c>kubectl apply -f -</c>.</summary>
    public const string StandardInput = "-";

    /// <summary>How findings and messages name standard input.</summary>
    public const string StandardInputName = "stdin";

    public static IReadOnlyList<string> FindFiles(IEnumerable<string> paths, List<string> failures)
    {
        var files = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            if (path == StandardInput)
            {
                files.Add(path);
            }
            else if (Directory.Exists(path))
            {
                var found = false;
                foreach (var file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories))
                {
                    if (ManifestReader.Extensions.Any(e => file.EndsWith(e, StringComparison.OrdinalIgnoreCase)) && !IsKustomization(file))
                    {
                        files.Add(file);
                        found = true;
                    }
                }

                // A folder that holds no manifest is almost always a wrong path in a CI script; passing it silently would hide that.
                if (!found)
                {
                    failures.Add(path + ": no .yaml, .yml or .json file in this folder");
                }
            }
            else if (File.Exists(path))
            {
                files.Add(path);
            }
            else
            {
                failures.Add(path + ": no such file or directory");
            }
        }

        return [.. files];
    }

    public static CheckResult Check(IReadOnlyList<string> files, ServiceCluster cluster, List<string> failures, TextReader? stdin = null)
    {
        var findings = new List<Finding>();
        var entries = new List<(ManifestLocation Location, string Kind, object Value)>();
        var documents = 0;
        foreach (var path in files)
        {
            var file = DisplayName(path);
            ManifestSet set;
            try
            {
                set = path == StandardInput
                    ? ManifestReader.ReadText((stdin ?? Console.In).ReadToEnd(), file)
                    : ManifestReader.ReadFile(path);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                failures.Add(file + ": " + ex.Message);
                continue;
            }

            documents += set.Services.Length + set.Pods.Length + set.Other.Length + set.Errors.Length;

            findings.AddRange(set.Errors.Select(e => new Finding(Rule.ManifestError, "", e.Location.File ?? file, e.Location.Line, e.Message)));
            entries.AddRange(set.Services.Select(e => (e.Location, "Service", (object)e.Value)));
            entries.AddRange(set.Pods.Select(e => (e.Location, "Pod", (object)e.Source)));
            entries.AddRange(set.Other.Select(e => (e.Location, e.Source.Kind ?? "", (object)e.Value)));
        }

        // Each file's entries arrive grouped by kind; the API server sees them in document order.
        var fileOrder = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            fileOrder.TryAdd(DisplayName(file), fileOrder.Count);
        }

        var ordered = entries.Select((e, i) => (e, i))
            .OrderBy(x => fileOrder.GetValueOrDefault(x.e.Location.File ?? "", -1))
            .ThenBy(x => x.e.Location.DocumentIndex).ThenBy(x => x.e.Location.ItemIndex ?? -1).ThenBy(x => x.i)
            .Select(x => x.e);
        var serviceLocations = new Dictionary<(string, string), ManifestLocation>();
        var declared = new Dictionary<string, ManifestLocation>(StringComparer.Ordinal);
        foreach (var (location, kind, value) in ordered)
        {
            var name = NameOf(kind, value);
            if (!name.EndsWith('/') && !declared.TryAdd(name, location))
            {
                var first = declared[name];
                findings.Add(new Finding(Rule.DuplicateObject, name, location.File, location.Line, string.Create(CultureInfo.InvariantCulture,
                    $"{name} is declared again (first at {first.File}:{first.Line}): applied in order, this document updates that object and the last one wins")));
            }

            try
            {
                var applied = cluster.Apply(value);
                if (applied.Service is { } stored)
                {
                    serviceLocations.TryAdd((stored.Namespace, stored.Name), location);
                }
            }
            catch (ServiceValidationException ex)
            {
                var headless = IsHeadless(value);
                findings.AddRange(ex.Errors.Select(error => new Finding(Classify(error, headless), name, location.File, location.Line, error.ToString())));
            }
            catch (AllocationException ex)
            {
                findings.Add(new Finding(ex.Error == AllocationError.AlreadyAllocated ? Rule.NodePortConflict : Rule.InvalidService, name, location.File, location.Line, ex.Message));
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException)
            {
                findings.Add(new Finding(Rule.ManifestError, name, location.File, location.Line, ex.Message));
            }
        }

        Analyze(cluster, serviceLocations, findings);
        var sorted = findings.Select((f, i) => (f, i))
            .OrderBy(x => x.f.File ?? "", StringComparer.Ordinal).ThenBy(x => x.f.Line).ThenBy(x => x.i)
            .Select(x => x.f).ToList();
        return new CheckResult(sorted, failures, files.Count, cluster) { DocumentCount = documents };
    }

    // kustomize's build file describes how to make objects, it is none itself (often without apiVersion
    // and kind): a folder walk leaves it out, as kustomize itself never applies it.
    private static bool IsKustomization(string file)
        => Path.GetFileName(file) is "kustomization.yaml" or "kustomization.yml";

    private static string DisplayName(string path) => path == StandardInput ? StandardInputName : path;

    private static void Analyze(ServiceCluster cluster, Dictionary<(string, string), ManifestLocation> locations, List<Finding> findings)
    {
        var services = cluster.Services;
        var pods = cluster.Pods;
        var assigned = cluster.SelectedPods;
        PodsByLabel? byLabel = null;
        foreach (var service in services)
        {
            if (!service.Spec.HasSelector)
            {
                continue;
            }

            var location = locations[(service.Namespace, service.Name)];
            var name = "Service/" + service.Namespace + "/" + service.Name;
            void Add(Rule rule, string message) => findings.Add(new Finding(rule, name, location.File, location.Line, message));

            var selected = assigned[service].ToList();
            if (selected.Count == 0)
            {
                byLabel ??= new PodsByLabel(pods);
                var elsewhere = byLabel.Namespaces(service.Spec.Selector!, except: service.Namespace);
                if (elsewhere.Count > 0)
                {
                    Add(Rule.SelectorOtherNamespace, string.Create(CultureInfo.InvariantCulture,
                        $"spec.selector {Selector(service)} matches no pod in namespace \"{service.Namespace}\" but matches pods in namespace {string.Join(", ", elsewhere.Select(n => "\"" + n + "\""))}: a Service selects pods of its own namespace only, so it has no endpoints"));
                    continue;
                }

                Add(Rule.DanglingService, string.Create(CultureInfo.InvariantCulture,
                    $"spec.selector {Selector(service)} matches no pod and no pod template in namespace \"{service.Namespace}\": the Service has no endpoints"));
                continue;
            }

            var ports = service.Spec.Ports;
            for (var i = 0; i < ports.Length; i++)
            {
                var port = ports[i];
                if (port.TargetPort.StringValue is { Length: > 0 } target
                    && !selected.Any(pod => pod.ContainerPorts.Any(c => c.Name == target && c.Protocol == port.Protocol)))
                {
                    Add(Rule.TargetPortNotFound, string.Create(CultureInfo.InvariantCulture,
                        $"spec.ports[{i}].targetPort: no container of the {selected.Count} selected pod(s) declares a {port.Protocol} port named \"{target}\": they get no endpoint for this port"));
                }
            }

            if (service.Spec.ExternalTrafficPolicy == TrafficPolicy.Local && service.Spec.Type is ServiceType.NodePort or ServiceType.LoadBalancer)
            {
                var covered = selected.Where(p => p.Ready && p.NodeName is not null && !p.PodIPs.IsEmpty).Select(p => p.NodeName!).ToHashSet(StringComparer.Ordinal);
                var uncovered = cluster.Nodes.Select(n => n.Name).Where(n => !covered.Contains(n)).ToList();
                if (uncovered.Count > 0)
                {
                    var nodePorts = string.Join(", ", ports.Where(p => p.NodePort != 0).Select(p => p.NodePort.ToString(CultureInfo.InvariantCulture)));
                    Add(Rule.LocalPolicyUncoveredNodes, string.Create(CultureInfo.InvariantCulture,
                        $"externalTrafficPolicy: Local: no ready endpoint on node(s) {string.Join(", ", uncovered)}; connections arriving there (node port {nodePorts}) are dropped"));
                }
            }
        }
    }

    private static Rule Classify(ValidationError error, bool headless)
    {
        // The API server's two refusals of a headless Service that asks for node ports: the type
        // (clusterIPs[0] may not be None for NodePort/LoadBalancer) or a nodePort on a ClusterIP Service.
        if (headless && (error.Detail.StartsWith("may not be set to 'None'", StringComparison.Ordinal)
            || (error.Type == ValidationErrorType.Forbidden && error.Field.EndsWith(".nodePort", StringComparison.Ordinal))))
        {
            return Rule.HeadlessNodePorts;
        }

        if (!error.Detail.Contains("already allocated", StringComparison.Ordinal))
        {
            return Rule.InvalidService;
        }

        return error.Field.StartsWith("spec.clusterIP", StringComparison.Ordinal) ? Rule.ClusterIPConflict : Rule.NodePortConflict;
    }

    private static bool IsHeadless(object value) => value switch
    {
        Service s => s.Spec.IsHeadless || (!s.Spec.ClusterIPs.IsDefaultOrEmpty && s.Spec.ClusterIPs[0] == ServiceSpec.ClusterIPNone),
        V1Service s => s.Spec?.ClusterIP == ServiceSpec.ClusterIPNone || s.Spec?.ClusterIPs?.FirstOrDefault() == ServiceSpec.ClusterIPNone,
        _ => false,
    };

    private static string Selector(Service service)
        => "{" + string.Join(",", service.Spec.Selector!.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value)) + "}";

    private static string NameOf(string kind, object value) => value switch
    {
        Service s => "Service/" + s.Namespace + "/" + s.Name,
        IKubernetesObject<V1ObjectMeta> o => kind + "/" + (string.IsNullOrEmpty(o.Metadata?.NamespaceProperty) ? "default" : o.Metadata.NamespaceProperty) + "/" + o.Metadata?.Name,
        _ => kind,
    };

    public static ImmutableArray<Node> ParseNodes(string text)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            if (count < 1)
            {
                throw new FormatException($"--nodes: Invalid value: {count}: must be at least 1");
            }

            // One node is both control plane and worker (untainted, as kind or minikube run it).
            return count == 1
                ? [new Node { Name = "node-1" }]
                : [ServiceCluster.DefaultNodes[0], .. Enumerable.Range(1, count - 1).Select(i => new Node { Name = "worker-" + i.ToString(CultureInfo.InvariantCulture) })];
        }

        ManifestSet set;
        try
        {
            set = ManifestReader.Read(text);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            var reason = File.Exists(text) || Directory.Exists(text) ? ex.Message : "no such file or directory";
            throw new FormatException($"--nodes: Invalid value: \"{text}\": must be a node count (1 or more) or a file of Node objects: {reason}", ex);
        }

        if (set.HasErrors)
        {
            throw new FormatException("--nodes: " + set.Errors[0]);
        }

        var nodes = set.OtherOfType<V1Node>()
            .Select(e => new Node { Name = e.Value.Metadata?.Name ?? "", Labels = (e.Value.Metadata?.Labels ?? new Dictionary<string, string>()).ToImmutableDictionary() })
            .ToImmutableArray();
        return nodes.IsEmpty ? throw new FormatException($"--nodes: {text} holds no Node") : nodes;
    }
}
