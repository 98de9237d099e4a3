using System.Reflection;
using System.Text.RegularExpressions;

namespace ServiceModel.Tool.Tests;

/// <summary>
/// <c>servicemodel explain samples/manifests</c> tells the quickstart's story: the same ClusterIP,
/// slice, endpoints (addresses, conditions, nodes) and node-port routes with the same probabilities.
/// Pod names differ by design: the quickstart names its two hand-made pods myapp-1 and myapp-2, the
/// cluster names a Deployment's replicas myapp-0 and myapp-1.
/// </summary>
public class ExplainQuickstartTests
{
    private static readonly Lazy<string> s_quickstart = new(RunQuickstart);

    private static string RunQuickstart()
    {
        // The quickstart writes to Console; no other test in this assembly does.
        var entry = Assembly.Load("ServiceModel.Quickstart").EntryPoint!;
        var saved = Console.Out;
        using var output = new StringWriter();
        Console.SetOut(output);
        try
        {
            entry.Invoke(null, entry.GetParameters().Length == 0 ? null : [Array.Empty<string>()]);
        }
        finally
        {
            Console.SetOut(saved);
        }

        return output.ToString();
    }

    private static string Explain()
    {
        var samples = Path.Combine(AppContext.BaseDirectory, "samples", "manifests");
        var (exit, text, _) = CheckCommandTests.Run("explain", samples, "--service-cluster-ip-range", "10.96.0.0/12", "--service-node-port-range", "30000-35999", "--service", "my-service");
        Assert.Equal(0, exit);
        return text;
    }

    private static string Section(string output, int number)
    {
        var start = output.IndexOf($"\n{number}. ", StringComparison.Ordinal);
        var end = output.IndexOf($"\n{number + 1}. ", start + 1, StringComparison.Ordinal);
        return output[start..(end < 0 ? output.Length : end)];
    }

    [Fact]
    public void Explain_stores_the_service_as_the_quickstart_does()
    {
        var quickstart = Section(s_quickstart.Value, 3);
        var clusterIP = Regex.Match(quickstart, @"spec\.clusterIP +(\S+)").Groups[1].Value;
        var port = Regex.Match(quickstart, @"(?m)spec\.ports\[0\] +(.+?)\r?$").Groups[1].Value;

        var explain = Explain();

        Assert.Equal("80/TCP -> targetPort 9376, nodePort 35001", port);
        Assert.Matches($@"spec\.clusterIPs +{Regex.Escape(clusterIP)}\r?\n", explain);
        Assert.Matches($@"spec\.ports\[0\] +{Regex.Escape(port)}\r?\n", explain);
        Assert.Matches(@"spec\.externalTrafficPolicy +Cluster", explain);
    }

    [Fact]
    public void Explain_lists_the_quickstarts_endpoint_slice()
    {
        var quickstart = Section(s_quickstart.Value, 4);
        var name = Regex.Match(quickstart, @"name +(\S+)").Groups[1].Value;
        var endpoints = Regex.Matches(quickstart, @"endpoint (\S+) +(ready: .*?nodeName: \S+),")
            .Select(m => m.Groups[1].Value + " " + m.Groups[2].Value).ToList();

        var explain = Explain();
        var explained = Regex.Matches(explain, @"(?m)^ +(\d+\.\d+\.\d+\.\d+) +(ready: .*?nodeName: \S+),")
            .Select(m => m.Groups[1].Value + " " + m.Groups[2].Value).ToList();

        Assert.Equal(["10.244.1.2", "10.244.2.2"], endpoints.Select(e => e.Split(' ')[0]));
        Assert.Contains($"   {name}  IPv4, ports \"\"=9376/TCP", explain, StringComparison.Ordinal);
        Assert.Equal(endpoints, explained);
    }

    [Fact]
    public void Explain_routes_the_node_port_as_the_quickstart_does_with_the_same_probabilities()
    {
        var quickstart = Section(s_quickstart.Value, 5);
        var rows = Regex.Matches(quickstart, @"(?m)^   (\S+:35001) +(.+?)\r?$").Select(m => (m.Groups[1].Value, m.Groups[2].Value)).ToList();

        var explain = Explain();
        var explained = Regex.Matches(explain, @"(?m)^   (\S+:35001) from \S+ +(.+?)\r?$").Select(m => (m.Groups[1].Value, m.Groups[2].Value)).ToList();

        Assert.Equal(3, rows.Count);
        Assert.Contains(("worker-1:35001", "10.244.1.2:9376 on worker-1 p=1/2, 10.244.2.2:9376 on worker-2 p=1/2"), rows);
        Assert.Equal(rows, explained);
    }
}
