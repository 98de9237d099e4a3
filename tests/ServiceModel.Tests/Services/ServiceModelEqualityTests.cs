using System.Collections.Immutable;
using ServiceModel.Networking;
using ServiceModel.Services;

namespace ServiceModel.Tests.Services;

public class ServiceModelEqualityTests
{
    private static Service Build() => new()
    {
        Name = "web",
        Labels = ImmutableDictionary<string, string>.Empty.Add("app", "web"),
        Spec = new ServiceSpec
        {
            Type = ServiceType.LoadBalancer,
            Selector = ImmutableDictionary<string, string>.Empty.Add("app", "web").Add("tier", "front"),
            Ports = [new ServicePort { Name = "http", Port = 80, TargetPort = "http" }, new ServicePort { Name = "dns", Protocol = Protocol.UDP, Port = 53 }],
            ClusterIPs = ["10.0.0.10", "fd00::10"],
            IPFamilies = [IPFamily.IPv4, IPFamily.IPv6],
            ExternalIPs = ["1.2.3.4"],
            LoadBalancerSourceRanges = ["10.0.0.0/8"],
            SessionAffinityConfig = new SessionAffinityConfig { ClientIP = new ClientIPConfig { TimeoutSeconds = 10 } },
        },
        Status = new ServiceStatus { LoadBalancer = new LoadBalancerStatus { Ingress = [new LoadBalancerIngress { IP = "5.6.7.8" }] } },
    };

    [Fact]
    public void Separately_built_equal_services_are_equal_and_hash_equally()
    {
        var a = Build();
        var b = Build();
        Assert.False(a.Spec.Ports == b.Spec.Ports); // distinct backing arrays: reference equality would fail
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
    }

    [Fact]
    public void Selector_insertion_order_does_not_matter()
    {
        var a = Build();
        var b = a with { Spec = a.Spec with { Selector = ImmutableDictionary<string, string>.Empty.Add("tier", "front").Add("app", "web") } };
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
    }

    [Fact]
    public void Null_and_empty_selector_both_mean_no_selector()
    {
        var a = new ServiceSpec { Selector = null };
        var b = new ServiceSpec { Selector = ImmutableDictionary<string, string>.Empty };
        Assert.False(a.HasSelector);
        Assert.False(b.HasSelector);
        Assert.Equal(a, b);
    }

    public static TheoryData<string> Mutations() => ["labels", "selector", "port", "clusterIPs", "families", "externalIPs", "ranges", "timeout", "ingress"];

    [Theory]
    [MemberData(nameof(Mutations))]
    public void Any_collection_difference_breaks_equality(string what)
    {
        var a = Build();
        var s = a.Spec;
        var b = what switch
        {
            "labels" => a with { Labels = a.Labels.SetItem("app", "other") },
            "selector" => a with { Spec = s with { Selector = s.Selector!.Remove("tier") } },
            "port" => a with { Spec = s with { Ports = s.Ports.SetItem(1, s.Ports[1] with { Port = 54 }) } },
            "clusterIPs" => a with { Spec = s with { ClusterIPs = ["10.0.0.10"] } },
            "families" => a with { Spec = s with { IPFamilies = [IPFamily.IPv6, IPFamily.IPv4] } },
            "externalIPs" => a with { Spec = s with { ExternalIPs = ["1.2.3.5"] } },
            "ranges" => a with { Spec = s with { LoadBalancerSourceRanges = [] } },
            "timeout" => a with { Spec = s with { SessionAffinityConfig = new SessionAffinityConfig { ClientIP = new ClientIPConfig { TimeoutSeconds = 11 } } } },
            _ => a with { Status = new ServiceStatus() },
        };
        Assert.NotEqual(a, b);
    }

    [Theory]
    [InlineData(ServiceType.ClusterIP, "ClusterIP")]
    [InlineData(ServiceType.NodePort, "NodePort")]
    [InlineData(ServiceType.LoadBalancer, "LoadBalancer")]
    [InlineData(ServiceType.ExternalName, "ExternalName")]
    public void Service_types_print_API_spellings(ServiceType type, string expected) => Assert.Equal(expected, type.ToString());

    [Fact]
    public void Enums_print_API_spellings()
    {
        Assert.Equal("SCTP", Protocol.SCTP.ToString());
        Assert.Equal("PreferDualStack", IPFamilyPolicy.PreferDualStack.ToString());
        Assert.Equal("Local", TrafficPolicy.Local.ToString());
        Assert.Equal("ClientIP", SessionAffinity.ClientIP.ToString());
    }

    [Fact]
    public void Defaults_of_a_new_spec_are_documented_values()
    {
        var spec = new ServiceSpec();
        Assert.Equal(ServiceType.ClusterIP, spec.Type);
        Assert.Equal(SessionAffinity.None, spec.SessionAffinity);
        Assert.True(spec.Ports.IsEmpty);
        Assert.False(spec.IsHeadless);
        Assert.True((spec with { ClusterIP = ServiceSpec.ClusterIPNone }).IsHeadless);
        Assert.Equal(Protocol.TCP, new ServicePort { Port = 1 }.Protocol);
        Assert.Equal("default", new Service { Name = "x" }.Namespace);
    }

    [Fact]
    public void PortNumberOrName_distinguishes_kind()
    {
        PortNumberOrName number = 80;
        PortNumberOrName name = "80";
        Assert.NotEqual(number, name);
        Assert.Equal("80", number.ToString());
        Assert.True(name.IsString);
        Assert.True(default(PortNumberOrName).IsUnset);
        Assert.True(PortNumberOrName.FromString("").IsUnset);
        Assert.False(number.IsUnset);
    }
}
