using System.Collections.Immutable;
using ServiceModel.Services;

namespace ServiceModel.Tests.Services;

public class ServiceMetadataTests
{
    private static readonly DateTimeOffset Created = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private static Service Build() => new()
    {
        Name = "web",
        Uid = "6f8e7c1a-0000-4000-8000-000000000001",
        Annotations = ImmutableDictionary<string, string>.Empty.Add("a", "1").Add("b", "2"),
        ResourceVersion = "42",
        CreationTimestamp = Created,
        Spec = new ServiceSpec { TrafficDistribution = "PreferClose" },
        Status = new ServiceStatus { LoadBalancer = new LoadBalancerStatus { Ingress = [new LoadBalancerIngress { IP = "1.2.3.4", IPMode = "Proxy" }] } },
    };

    [Fact]
    public void Defaults_are_empty_metadata()
    {
        var service = new Service { Name = "web" };
        Assert.Equal("", service.Uid);
        Assert.Empty(service.Annotations);
        Assert.Null(service.ResourceVersion);
        Assert.Null(service.CreationTimestamp);
        Assert.Null(service.DeletionTimestamp);
        Assert.Null(service.Spec.TrafficDistribution);
        Assert.Empty((service with { Annotations = null! }).Annotations);
    }

    [Fact]
    public void Equal_metadata_compares_by_content_and_instant()
    {
        var a = Build();
        var b = Build() with
        {
            Annotations = ImmutableDictionary<string, string>.Empty.Add("b", "2").Add("a", "1"),
            CreationTimestamp = Created.ToOffset(TimeSpan.FromHours(2)),
        };
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
    }

    public static TheoryData<string> Mutations() => ["uid", "annotations", "resourceVersion", "created", "deleted", "trafficDistribution", "ipMode"];

    [Theory]
    [MemberData(nameof(Mutations))]
    public void Every_new_member_takes_part_in_equality(string what)
    {
        var a = Build();
        var b = what switch
        {
            "uid" => a with { Uid = "other" },
            "annotations" => a with { Annotations = a.Annotations.SetItem("a", "x") },
            "resourceVersion" => a with { ResourceVersion = "43" },
            "created" => a with { CreationTimestamp = Created.AddSeconds(1) },
            "deleted" => a with { DeletionTimestamp = Created },
            "trafficDistribution" => a with { Spec = a.Spec with { TrafficDistribution = "PreferSameZone" } },
            _ => a with { Status = new ServiceStatus { LoadBalancer = new LoadBalancerStatus { Ingress = [new LoadBalancerIngress { IP = "1.2.3.4", IPMode = "VIP" }] } } },
        };
        Assert.NotEqual(a, b);
    }
}
