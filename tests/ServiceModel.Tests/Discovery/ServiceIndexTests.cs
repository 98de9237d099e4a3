using System.Collections.Immutable;
using ServiceModel.Discovery;
using ServiceModel.Services;
using static ServiceModel.Tests.Discovery.EndpointFixtures;

namespace ServiceModel.Tests.Discovery;

public class ServiceIndexTests
{
    private static Service Selecting(string name, string ns = "test", params (string, string)[] selector)
        => new() { Name = name, Namespace = ns, Spec = new ServiceSpec { Selector = selector.Length == 0 ? null : LabelSet(selector) } };

    [Fact]
    public void Finds_every_service_whose_selector_the_pod_satisfies()
    {
        var services = new[]
        {
            Selecting("web", "test", ("app", "foo")),
            Selecting("web-v1", "test", ("app", "foo"), ("version", "v1")),
            Selecting("web-v2", "test", ("app", "foo"), ("version", "v2")),
            Selecting("other-ns", "prod", ("app", "foo")),
            Selecting("db", "test", ("app", "db")),
            Selecting("none", "test"),
            Selecting("empty", "test") with { Spec = new ServiceSpec { Selector = ImmutableDictionary<string, string>.Empty } },
        };
        var index = new ServiceIndex(services);
        var pod = Pod(0) with { Labels = LabelSet(("app", "foo"), ("version", "v1"), ("tier", "x")) };

        Assert.Equal(["web", "web-v1"], index.ServicesFor(pod).Select(s => s.Name));
        Assert.Equal(5, index.Count);
        Assert.Empty(index.ServicesFor(Pod(1) with { Labels = LabelSet(("tier", "x")) }));
        Assert.Equal(["other-ns"], index.ServicesFor(Pod(2, ns: "prod")).Select(s => s.Name));
    }

    [Fact]
    public void Services_sharing_a_common_label_spread_over_their_rarer_labels()
    {
        var services = Enumerable.Range(0, 50).Select(i => Selecting($"s{i:D2}", "test", ("app", "shop"), ("component", $"c{i}"))).ToList();
        var index = new ServiceIndex(services);

        var pod = Pod(0) with { Labels = LabelSet(("app", "shop"), ("component", "c7")) };
        Assert.Equal(["s07"], index.ServicesFor(pod).Select(s => s.Name));
    }
}
