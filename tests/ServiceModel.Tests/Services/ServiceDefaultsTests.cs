using System.Collections.Immutable;
using ServiceModel.Networking;
using ServiceModel.Services;

namespace ServiceModel.Tests.Services;

public class ServiceDefaultsTests
{
    private static readonly IPFamily[] s_v4 = [IPFamily.IPv4];
    private static readonly IPFamily[] s_v4v6 = [IPFamily.IPv4, IPFamily.IPv6];
    private static readonly IPFamily[] s_v6v4 = [IPFamily.IPv6, IPFamily.IPv4];
    private static readonly ImmutableDictionary<string, string> s_selector = ImmutableDictionary<string, string>.Empty.Add("app", "web");

    private static Service Submit(ServiceSpec spec) => new() { Name = "web", Spec = spec with { Ports = spec.Ports.IsEmpty ? [new ServicePort { Port = 80 }] : spec.Ports } };

    [Fact]
    public void ClusterIP_service_gets_upstream_defaults()
    {
        var spec = ServiceDefaults.Apply(Submit(new ServiceSpec { Selector = s_selector }), s_v4).Spec;
        Assert.Equal(ServiceType.ClusterIP, spec.Type);
        Assert.Equal(Protocol.TCP, spec.Ports[0].Protocol);
        Assert.Equal(PortNumberOrName.FromInt32(80), spec.Ports[0].TargetPort);
        Assert.Equal(SessionAffinity.None, spec.SessionAffinity);
        Assert.Null(spec.SessionAffinityConfig);
        Assert.Null(spec.ExternalTrafficPolicy);
        Assert.Equal(TrafficPolicy.Cluster, spec.InternalTrafficPolicy);
        Assert.Null(spec.AllocateLoadBalancerNodePorts);
        Assert.Equal(IPFamilyPolicy.SingleStack, spec.IPFamilyPolicy);
        Assert.Equal([IPFamily.IPv4], spec.IPFamilies.ToArray());
    }

    [Fact]
    public void Empty_named_target_port_becomes_the_port_and_names_are_kept()
    {
        var spec = ServiceDefaults.Apply(Submit(new ServiceSpec { Ports = [new ServicePort { Name = "a", Port = 80, TargetPort = "" }, new ServicePort { Name = "b", Port = 81, TargetPort = "http" }] })).Spec;
        Assert.Equal(PortNumberOrName.FromInt32(80), spec.Ports[0].TargetPort);
        Assert.Equal(PortNumberOrName.FromString("http"), spec.Ports[1].TargetPort);
    }

    [Theory]
    [InlineData(ServiceType.NodePort, null)]
    [InlineData(ServiceType.LoadBalancer, true)]
    public void Externally_accessible_types_get_Cluster_policy(ServiceType type, bool? allocate)
    {
        var spec = ServiceDefaults.Apply(Submit(new ServiceSpec { Type = type })).Spec;
        Assert.Equal(TrafficPolicy.Cluster, spec.ExternalTrafficPolicy);
        Assert.Equal(allocate, spec.AllocateLoadBalancerNodePorts);
    }

    [Fact]
    public void ClusterIP_with_external_IPs_gets_an_external_policy()
        => Assert.Equal(TrafficPolicy.Cluster, ServiceDefaults.Apply(Submit(new ServiceSpec { ExternalIPs = ["192.0.2.1"] })).Spec.ExternalTrafficPolicy);

    [Fact]
    public void ClientIP_affinity_gets_three_hours_and_None_drops_the_config()
    {
        var clientIP = ServiceDefaults.Apply(Submit(new ServiceSpec { SessionAffinity = SessionAffinity.ClientIP })).Spec;
        Assert.Equal(10800, clientIP.SessionAffinityConfig?.ClientIP?.TimeoutSeconds);
        var kept = ServiceDefaults.Apply(Submit(new ServiceSpec { SessionAffinity = SessionAffinity.ClientIP, SessionAffinityConfig = new() { ClientIP = new() { TimeoutSeconds = 60 } } })).Spec;
        Assert.Equal(60, kept.SessionAffinityConfig?.ClientIP?.TimeoutSeconds);
        Assert.Null(ServiceDefaults.Apply(Submit(new ServiceSpec { SessionAffinityConfig = new() })).Spec.SessionAffinityConfig);
    }

    [Fact]
    public void Singular_clusterIP_fills_clusterIPs()
        => Assert.Equal(["10.0.0.10"], ServiceDefaults.Apply(Submit(new ServiceSpec { ClusterIP = "10.0.0.10" })).Spec.ClusterIPs.ToArray());

    [Fact]
    public void ExternalName_gets_no_ip_fields_nor_internal_policy()
    {
        var spec = ServiceDefaults.Apply(new Service { Name = "x", Spec = new ServiceSpec { Type = ServiceType.ExternalName, ExternalName = "a.example" } }, s_v4v6).Spec;
        Assert.Null(spec.IPFamilyPolicy);
        Assert.True(spec.IPFamilies.IsEmpty);
        Assert.Null(spec.InternalTrafficPolicy);
    }

    [Theory]
    [InlineData(IPFamilyPolicy.PreferDualStack, new[] { IPFamily.IPv4 }, new[] { IPFamily.IPv4 })]
    [InlineData(IPFamilyPolicy.PreferDualStack, new[] { IPFamily.IPv4, IPFamily.IPv6 }, new[] { IPFamily.IPv4, IPFamily.IPv6 })]
    [InlineData(IPFamilyPolicy.PreferDualStack, new[] { IPFamily.IPv6, IPFamily.IPv4 }, new[] { IPFamily.IPv6, IPFamily.IPv4 })]
    [InlineData(IPFamilyPolicy.RequireDualStack, new[] { IPFamily.IPv6, IPFamily.IPv4 }, new[] { IPFamily.IPv6, IPFamily.IPv4 })]
    [InlineData(IPFamilyPolicy.SingleStack, new[] { IPFamily.IPv6, IPFamily.IPv4 }, new[] { IPFamily.IPv6 })]
    public void Families_come_from_the_cluster_primary_first(IPFamilyPolicy policy, IPFamily[] cluster, IPFamily[] expected)
        => Assert.Equal(expected, ServiceDefaults.Apply(Submit(new ServiceSpec { Selector = s_selector, IPFamilyPolicy = policy }), cluster).Spec.IPFamilies.ToArray());

    [Fact]
    public void Families_are_inferred_from_requested_cluster_IPs()
    {
        var spec = ServiceDefaults.Apply(Submit(new ServiceSpec { ClusterIP = "fd00::10", ClusterIPs = ["fd00::10", "10.0.0.10"], IPFamilyPolicy = IPFamilyPolicy.RequireDualStack }), s_v4v6).Spec;
        Assert.Equal([IPFamily.IPv6, IPFamily.IPv4], spec.IPFamilies.ToArray());
    }

    [Fact]
    public void Headless_without_selector_defaults_to_RequireDualStack_even_on_a_single_stack_cluster()
    {
        var spec = ServiceDefaults.Apply(Submit(new ServiceSpec { ClusterIP = "None" }), s_v4).Spec;
        Assert.Equal(IPFamilyPolicy.RequireDualStack, spec.IPFamilyPolicy);
        Assert.Equal([IPFamily.IPv4, IPFamily.IPv6], spec.IPFamilies.ToArray());
        Assert.Empty(ServiceValidator.Validate(new Service { Name = "web", Spec = spec }));
    }

    [Fact]
    public void Headless_with_selector_is_SingleStack_from_the_cluster()
    {
        var spec = ServiceDefaults.Apply(Submit(new ServiceSpec { ClusterIP = "None", Selector = s_selector }), s_v6v4).Spec;
        Assert.Equal(IPFamilyPolicy.SingleStack, spec.IPFamilyPolicy);
        Assert.Equal([IPFamily.IPv6], spec.IPFamilies.ToArray());
    }

    public static TheoryData<ServiceSpec, IPFamily[], string> Refusals() => new()
    {
        { new ServiceSpec { IPFamilyPolicy = IPFamilyPolicy.RequireDualStack }, [IPFamily.IPv4], "spec.ipFamilyPolicy: Invalid value: \"RequireDualStack\": this cluster is not configured for dual-stack services" },
        { new ServiceSpec { IPFamilies = [IPFamily.IPv6] }, [IPFamily.IPv4], "spec.ipFamilies[0]: Invalid value: \"IPv6\": not configured on this cluster" },
        { new ServiceSpec { ClusterIP = "fd00::1" }, [IPFamily.IPv4], "spec.clusterIPs[0]: Invalid value: [\"fd00::1\"]: IPv6 is not configured on this cluster" },
        { new ServiceSpec { IPFamilyPolicy = IPFamilyPolicy.SingleStack, IPFamilies = [IPFamily.IPv4, IPFamily.IPv6] }, [IPFamily.IPv4, IPFamily.IPv6], "spec.ipFamilyPolicy: Invalid value: \"SingleStack\": must be 'RequireDualStack' or 'PreferDualStack' when multiple IP families are specified" },
        { new ServiceSpec { ClusterIP = "10.0.0.300" }, [IPFamily.IPv4], "spec.clusterIPs[0]: Invalid value: \"10.0.0.300\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void Requests_the_cluster_cannot_serve_are_refused(ServiceSpec spec, IPFamily[] cluster, string expected)
    {
        Assert.False(ServiceDefaults.TryApply(Submit(spec), cluster, out var result, out var errors));
        Assert.Null(result);
        Assert.Equal([expected], errors.Select(e => e.ToString()).ToArray());
        var ex = Assert.Throws<ServiceValidationException>(() => ServiceDefaults.Apply(Submit(spec), cluster));
        Assert.Equal("Service \"web\" is invalid: " + expected, ex.Message);
    }

    [Fact]
    public void Cluster_families_must_be_one_or_two_distinct()
    {
        Assert.Throws<ArgumentException>(() => ServiceDefaults.Apply(Submit(new ServiceSpec()), []));
        Assert.Throws<ArgumentException>(() => ServiceDefaults.Apply(Submit(new ServiceSpec()), [IPFamily.IPv4, IPFamily.IPv4]));
        Assert.Throws<ArgumentNullException>(() => ServiceDefaults.Apply(null!));
    }
}
