using System.Collections.Immutable;
using k8s.Models;
using ServiceModel.Discovery;
using ServiceModel.Services;
using ServiceModel.Tests.Shared;
using ServiceModel.Traffic;

namespace ServiceModel.KubernetesClient.Tests.Samples;

/// <summary>
/// The README's second example (manifests and the official client), compiled and run; a second fact
/// keeps the README's text and this copy identical. The file imports both <c>k8s.Models</c> and
/// <c>ServiceModel.Services</c>, as the README says a user's file does.
/// </summary>
public class ReadmeAdapterExampleTests
{
    private const string BeginMarker = "// README adapter example: begin";
    private const string EndMarker = "// README adapter example: end";

    [Fact]
    public void The_readme_adapter_example_runs_and_says_what_its_comments_say()
    {
        Assert.True(File.Exists("cluster.json"), $"cluster.json is not in the working folder {Environment.CurrentDirectory}");

        // README adapter example: begin
        // `kubectl get svc,pods -o json > cluster.json` (or a folder of YAML manifests).
        ManifestSet cluster = ManifestReader.Read("cluster.json");
        foreach (ManifestError error in cluster.Errors)
        {
            Console.WriteLine(error);   // file:line:column (document N): what is wrong, naming the field
        }

        Pod[] pods = [.. cluster.Pods.Select(entry => entry.Value)];
        foreach (Service service in cluster.Services.Select(entry => entry.Value))
        {
            // The EndpointSlices the controller writes for the Service, as the client's objects.
            ImmutableArray<EndpointSlice> slices = EndpointSliceReconciler.Default.Compute(service, pods);
            foreach (V1EndpointSlice slice in slices.Select(slice => slice.ToV1()))
            {
                Console.WriteLine($"{slice.Metadata.Name}: {string.Join(", ", slice.Endpoints.Select(e => $"{e.Addresses[0]} ready={e.Conditions.Ready}"))}");
            }

            // Where kube-proxy on node-b sends a connection to the cluster IP: for web, 10.244.1.5:8080 (the ready pod).
            Console.WriteLine(TrafficRouter.Route(service, slices, "node-b", TrafficEntry.ClusterIP).Message);
        }
        // README adapter example: end

        Assert.Empty(cluster.Errors);
        Assert.Equal(["kubernetes", "web"], cluster.Services.Select(s => s.Value.Name));
        var web = cluster.Services[1].Value;
        var webSlices = EndpointSliceReconciler.Default.Compute(web, pods);
        var endpoints = Assert.Single(webSlices).ToV1().Endpoints;
        Assert.Equal([("10.244.1.5", true), ("10.244.2.7", false)], endpoints.Select(e => (e.Addresses[0], e.Conditions.Ready!.Value)));
        var route = TrafficRouter.Route(web, webSlices, "node-b", TrafficEntry.ClusterIP);
        var only = Assert.Single(route.Candidates);
        Assert.Equal(("10.244.1.5:8080", 1.0), (only.Endpoint, only.Probability));
        Assert.Empty(EndpointSliceReconciler.Default.Compute(cluster.Services[0].Value, pods));
    }

    [Fact]
    public void The_readme_shows_exactly_the_code_of_this_test()
    {
        var shown = ReadmeSample.ShownUnder("## Example: manifests and the official client");

        Assert.True(shown is not null, "README.md has no ```csharp block under '## Example: manifests and the official client'.");
        Assert.Equal(shown, ReadmeSample.Tested(Path.Combine("tests", "ServiceModel.KubernetesClient.Tests", "Samples", "ReadmeAdapterExampleTests.cs"), BeginMarker, EndMarker));
    }
}
