using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using ServiceModel.Configuration;
using ServiceModel.Discovery;
using ServiceModel.KubernetesClient;
using ServiceModel.Services;

namespace ServiceModel.Benchmarks;

/// <summary>
/// What <c>servicemodel check</c> does with a large repository of manifests: 10,000 Deployments of
/// 10 replicas (100,000 pods) and 10,000 Services (one per Deployment, every tenth a NodePort) in 20
/// namespaces, generated in memory as 10,000 "files" of two documents each (a repository's layout;
/// the client's loader refuses a single text of more than 100,000 YAML parser events). "Read":
/// ManifestReader against the official client's own loader of the same texts
/// (<c>k8s.KubernetesYaml.LoadAllFromString</c>, the baseline; the goal is within 1.3× of it). "Check": apply everything to a ServiceCluster
/// (defaulting, validation, allocation, pods from templates) and run the queries the tool's rules
/// make (every Service's EndpointSlices, pods assigned through one ServiceIndex, named target ports,
/// Local-policy coverage); the goal is 1 s. Pod-to-Service matching is never Services × pods.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class ManifestBenchmarks
{
    private const int Workloads = 10_000;
    private const int Replicas = 10;
    private const int Namespaces = 20;
    private const int Workers = 500;

    private string[] _files = [];
    private ManifestSet[] _sets = [];

    [GlobalSetup]
    public void Setup()
    {
        _files = [.. Enumerable.Range(0, Workloads).Select(File)];
        _sets = Read();
        if (_sets.Any(set => set.HasErrors || set.Services.Length != 1 || set.Other.Length != 1))
        {
            throw new InvalidOperationException("the generated manifests do not read back");
        }

        var (pods, slices, findings) = Check();
        Console.WriteLine($"// manifests: {_files.Sum(f => Encoding.UTF8.GetByteCount(f)):N0} B of YAML; {pods:N0} pods, {slices:N0} EndpointSlices, {findings} findings");
    }

    [Benchmark(Baseline = true, Description = "KubernetesClient k8s.KubernetesYaml.LoadAllFromString")]
    [BenchmarkCategory("Read")]
    public int ClientLoader()
    {
        var objects = 0;
        foreach (var file in _files)
        {
            objects += k8s.KubernetesYaml.LoadAllFromString(file).Count;
        }

        return objects;
    }

    [Benchmark(Description = "ours, ManifestReader.ReadText")]
    [BenchmarkCategory("Read")]
    public ManifestSet[] Read() => [.. _files.Select((file, i) => ManifestReader.ReadText(file, "f" + i.ToString(CultureInfo.InvariantCulture)))];

    [Benchmark(Description = "ServiceCluster apply + the check's queries")]
    [BenchmarkCategory("Check")]
    public (int Pods, int Slices, int Findings) Check()
    {
        var nodes = Enumerable.Range(0, Workers + 1)
            .Select(i => i == 0 ? ServiceCluster.DefaultNodes[0] : new Node { Name = "worker-" + i.ToString(CultureInfo.InvariantCulture) });
        var options = new ServiceModelOptions { ServiceClusterIPRange = "10.96.0.0/12", AllocatorSeed = 1 };
        var cluster = new ServiceCluster(options, nodes) { PodCidr = "172.16.0.0/12" };
        foreach (var set in _sets)
        {
            cluster.Apply(set.Other[0].Value);
            cluster.Apply(set.Services[0].Value);
        }

        var slices = cluster.EndpointSlices;
        var assigned = cluster.SelectedPods;
        var findings = 0;
        foreach (var service in cluster.Services)
        {
            var selected = assigned[service].ToList();
            if (selected.Count == 0)
            {
                findings++;
                continue;
            }

            foreach (var port in service.Spec.Ports)
            {
                if (port.TargetPort.StringValue is { Length: > 0 } target
                    && !selected.Any(pod => pod.ContainerPorts.Any(c => c.Name == target && c.Protocol == port.Protocol)))
                {
                    findings++;
                }
            }

            if (service.Spec.ExternalTrafficPolicy == TrafficPolicy.Local)
            {
                var covered = selected.Where(p => p.Ready && p.NodeName is not null).Select(p => p.NodeName!).ToHashSet(StringComparer.Ordinal);
                findings += cluster.Nodes.Count(n => !covered.Contains(n.Name));
            }
        }

        return (cluster.Pods.Length, slices.Values.Sum(s => s.Length), findings);
    }

    private static string File(int i)
    {
        var ns = "team-" + (i % Namespaces).ToString(CultureInfo.InvariantCulture);
        var app = "app-" + i.ToString(CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture, $"""
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: {app}
              namespace: {ns}
              labels:
                app.kubernetes.io/part-of: shop
            spec:
              replicas: {Replicas}
              selector:
                matchLabels:
                  app.kubernetes.io/name: {app}
              template:
                metadata:
                  labels:
                    app.kubernetes.io/name: {app}
                    tier: backend
                spec:
                  containers:
                    - name: server
                      image: registry.example.com/{app}:1.0
                      ports:
                        - name: http
                          containerPort: 8080
                        - name: metrics
                          containerPort: 9090
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: {app}
              namespace: {ns}
            spec:
              type: {(i % 10 == 0 ? "NodePort" : "ClusterIP")}
              selector:
                app.kubernetes.io/name: {app}
              ports:
                - name: http
                  port: 80
                  targetPort: http
                - name: metrics
                  port: 9090
                  targetPort: 9090

            """);
    }
}
