using System.Collections.Immutable;
using System.Net;
using ServiceModel.Allocation;
using ServiceModel.Discovery;
using ServiceModel.Networking;
using ServiceModel.Services;
using ServiceModel.Tests.Shared;
using ServiceModel.Traffic;

namespace ServiceModel.Tests.Samples;

/// <summary>
/// The README's example, compiled and run; a second fact keeps the README's text and this copy identical.
/// </summary>
public class ReadmeExampleTests
{
    // The markers are searched from the end: these constants name them too.
    private const string BeginMarker = "// README example: begin";
    private const string EndMarker = "// README example: end";

    [Fact]
    public void The_readme_example_runs_and_says_what_its_comments_say()
    {
        // README example: begin
        var apiServer = new ServiceAllocator(new ClusterIPAllocator(ServiceCidr.Parse("10.96.0.0/12")),
                                             new NodePortAllocator(PortRange.Parse("30000-32767")));
        var app = ImmutableDictionary<string, string>.Empty.Add("app", "web");

        // POST the Service: defaults applied, ClusterIP and node port allocated, validated.
        Service web = apiServer.Create(new Service
        {
            Name = "web",
            Uid = "7d3f0c52-1b4e-4a8f-9c61-2e5d8a0b3f47",   // metadata.uid, as the API server stamps it
            Spec = new ServiceSpec
            {
                Type = ServiceType.NodePort,
                Selector = app,
                Ports = [new ServicePort { Port = 80, TargetPort = 8080 }],
            },
        }).Service;

        // What the EndpointSlice controller writes for one ready pod on node-a.
        Pod[] pods = [new("default", "web-1") { Labels = app, PodIPs = ["10.244.1.5"], NodeName = "node-a", Ready = true }];
        ImmutableArray<EndpointSlice> slices = EndpointSliceReconciler.Default.Compute(web, pods);

        // Where kube-proxy on node-b sends a connection to the node port: 10.244.1.5:8080, probability 1.
        TrafficRoute route = TrafficRouter.Route(web, slices, "node-b", TrafficEntry.NodePort);
        Console.WriteLine(route.Message);
        // README example: end

        Assert.True(apiServer.PrimaryClusterIPs.Cidr.Contains(IPAddress.Parse(web.Spec.ClusterIP!)));
        Assert.True(PortRange.Default.Contains(web.Spec.Ports[0].NodePort));
        var only = Assert.Single(route.Candidates);
        Assert.Equal("10.244.1.5:8080", only.Endpoint);
        Assert.Equal(1.0, only.Probability);
        Assert.StartsWith($"default/web: a connection to node port {web.Spec.Ports[0].NodePort} on node node-b", route.Message, StringComparison.Ordinal);
        Assert.Contains("reaches 10.244.1.5:8080 (the only ready endpoint on any node) with probability 1 ", route.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_readme_shows_exactly_the_code_of_this_test()
    {
        var shown = ReadmeSample.ShownUnder("## Example");

        Assert.True(shown is not null, "README.md has no ```csharp block under '## Example'.");
        Assert.Equal(shown, ReadmeSample.Tested(Path.Combine("tests", "ServiceModel.Tests", "Samples", "ReadmeExampleTests.cs"), BeginMarker, EndMarker));
    }
}
