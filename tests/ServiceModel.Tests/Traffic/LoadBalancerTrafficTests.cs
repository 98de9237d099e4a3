using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ServiceModel.Discovery;
using ServiceModel.Services;
using ServiceModel.Tests.Properties;
using ServiceModel.Traffic;
using static ServiceModel.Tests.Traffic.TrafficFixtures;

namespace ServiceModel.Tests.Traffic;

// kube-proxy's handling of load balancer IPs (pkg/proxy/serviceport.go, iptables/nftables proxier at
// v1.35): rules only for VIP-mode ingress IPs of the family, firewall by spec.loadBalancerSourceRanges.
public class LoadBalancerTrafficTests
{
    private static readonly EndpointSlice[] s_slices = [FromSpec("0RL,1R")];

    private static Service Balancer(TrafficPolicy external = TrafficPolicy.Cluster, string? ipMode = null, string? ip = "203.0.113.7", params string[] ranges)
        => Web(ServiceType.LoadBalancer, external: external) with
        {
            Spec = Web(ServiceType.LoadBalancer, external: external).Spec with { LoadBalancerSourceRanges = [.. ranges] },
            Status = new ServiceStatus { LoadBalancer = new LoadBalancerStatus { Ingress = [new LoadBalancerIngress { IP = ip, Hostname = ip is null ? "lb.example.com" : null, IPMode = ipMode }] } },
        };

    private static TrafficRequest FromOutside(string? client) => new() { NodeName = LocalNode, Entry = TrafficEntry.LoadBalancer, ClientIP = client };

    [Fact]
    public void A_client_outside_the_source_ranges_is_dropped_and_one_inside_passes()
    {
        var service = Balancer(ranges: ["10.0.0.0/8", " 192.168.0.0/16 "]);

        var denied = TrafficRouter.Route(service, s_slices, FromOutside("203.0.113.50"));
        Assert.Equal((TrafficOutcome.Dropped, TrafficReason.SourceRangeNotAllowed), (denied.Outcome, denied.Reason));
        Assert.Empty(denied.Candidates);
        Assert.Equal(
            "default/web:http: client 203.0.113.50 is outside the Service's IPv4 loadBalancerSourceRanges (10.0.0.0/8, 192.168.0.0/16), "
            + "so kube-proxy on node-a drops a connection through the load balancer, port 80, arriving at node node-a (the client times out)",
            denied.Message);

        var allowed = TrafficRouter.Route(service, s_slices, FromOutside("192.168.4.2"));
        Assert.Equal((TrafficOutcome.Routed, TrafficReason.ClusterEndpoints, "0,1"), (allowed.Outcome, allowed.Reason, Describe(allowed)));
        Assert.Contains("; client 192.168.4.2 is within loadBalancerSourceRanges", allowed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Source_ranges_filter_pods_too_and_only_the_load_balancer_entry()
    {
        var service = Balancer(ranges: ["192.168.0.0/16"]);
        var fromPod = TrafficRouter.Route(service, s_slices, FromOutside("10.244.1.5") with { Source = TrafficSource.Pod });
        Assert.Equal(TrafficReason.SourceRangeNotAllowed, fromPod.Reason);

        // The node port and the cluster IP of the same Service are not behind the firewall chain.
        Assert.True(TrafficRouter.Route(service, s_slices, FromOutside("203.0.113.50") with { Entry = TrafficEntry.NodePort }).IsRouted);
        Assert.True(TrafficRouter.Route(service, s_slices, FromOutside("203.0.113.50") with { Entry = TrafficEntry.ClusterIP }).IsRouted);
    }

    [Fact]
    public void No_ranges_a_zero_prefix_or_ranges_of_the_other_family_allow_every_client()
    {
        foreach (var ranges in new[] { Array.Empty<string>(), ["10.0.0.0/8", "0.0.0.0/0"], ["2001:db8::/32"] })
        {
            var route = TrafficRouter.Route(Balancer(ranges: ranges), s_slices, FromOutside("203.0.113.50"));
            Assert.Equal((TrafficOutcome.Routed, "0,1"), (route.Outcome, Describe(route)));
            Assert.DoesNotContain("loadBalancerSourceRanges", route.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_annotation_form_is_ignored_by_kube_proxy()
    {
        var service = Balancer() with { Annotations = System.Collections.Immutable.ImmutableDictionary<string, string>.Empty.Add(ServiceValidator.LoadBalancerSourceRangesAnnotation, "10.0.0.0/8") };
        Assert.True(TrafficRouter.Route(service, s_slices, FromOutside("203.0.113.50")).IsRouted);
    }

    [Fact]
    public void Without_a_client_IP_the_ranges_are_not_checked()
    {
        var route = TrafficRouter.Route(Balancer(ranges: ["10.0.0.0/8"]), s_slices, FromOutside(null));
        Assert.True(route.IsRouted);
        Assert.Contains("; loadBalancerSourceRanges apply, but no client IP was given", route.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_endpoints_rejects_before_the_firewall_and_the_firewall_drops_before_the_local_policy()
    {
        var service = Balancer(TrafficPolicy.Local, ranges: ["10.0.0.0/8"]);
        var rejected = TrafficRouter.Route(service, [FromSpec("0")], FromOutside("203.0.113.50"));
        Assert.Equal(TrafficReason.NoEndpoints, rejected.Reason);

        var firewalled = TrafficRouter.Route(service, [FromSpec("1R")], FromOutside("203.0.113.50"));
        Assert.Equal(TrafficReason.SourceRangeNotAllowed, firewalled.Reason);
        Assert.Equal(new HealthCheckResponse { NodePort = 32000, LocalEndpoints = 0 }, firewalled.HealthCheck);

        Assert.Equal(TrafficReason.NoLocalEndpoints, TrafficRouter.Route(service, [FromSpec("1R")], FromOutside("10.1.2.3")).Reason);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("VIP")]
    public void In_cluster_traffic_to_a_VIP_mode_load_balancer_is_short_circuited(string? ipMode)
    {
        var route = TrafficRouter.Route(Balancer(TrafficPolicy.Local, ipMode), s_slices, FromOutside("10.244.1.5") with { Source = TrafficSource.Pod });
        Assert.Equal((TrafficOutcome.Routed, TrafficReason.InClusterSourceUsesClusterEndpoints, "0,1"), (route.Outcome, route.Reason, Describe(route)));
    }

    [Theory]
    [InlineData("Proxy", "203.0.113.7")]
    [InlineData(null, null)]
    public void In_cluster_traffic_to_a_proxy_mode_load_balancer_goes_to_the_load_balancer(string? ipMode, string? ip)
    {
        var service = Balancer(ipMode: ipMode, ip: ip, ranges: ["192.168.0.0/16"]);
        var route = TrafficRouter.Route(service, s_slices, FromOutside("10.244.1.5") with { Source = TrafficSource.Node });
        Assert.Equal((TrafficOutcome.SentToLoadBalancer, TrafficReason.LoadBalancerProxyMode), (route.Outcome, route.Reason));
        Assert.Empty(route.Candidates);
        Assert.Equal(
            "default/web:http: the load balancer has no IPv4 ingress IP in VIP mode (ipMode Proxy, or a hostname only), so kube-proxy on node-a has no rule for "
            + "a connection through the load balancer, port 80, arriving at node node-a from the node itself: it goes out to the load balancer, which sends it back to a node as external traffic",
            route.Message);

        // Traffic the load balancer delivers comes from the load balancer: no firewall here, no client IP at the endpoint.
        var delivered = TrafficRouter.Route(service, s_slices, FromOutside("203.0.113.50"));
        Assert.True(delivered.IsRouted);
        Assert.False(delivered.ClientIPPreserved);
        Assert.Contains("any loadBalancerSourceRanges are its to enforce", delivered.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_VIP_of_the_other_family_does_not_count()
    {
        var route = TrafficRouter.Route(Balancer(ip: "2001:db8::7"), s_slices, FromOutside(null) with { Source = TrafficSource.Pod });
        Assert.Equal(TrafficOutcome.SentToLoadBalancer, route.Outcome);
    }

    private static readonly Gen<(Service Service, EndpointSlice[] Slices, TrafficRequest[] Requests)> s_scenario =
        from s in TrafficGenerators.PreparedScenario
        from ipMode in Gen.Elements<string?>(null, "VIP", "Proxy")
        from ip in Gen.Elements<string?>("203.0.113.7", "2001:db8::7", null)
        from ranges in Gen.Elements<string[]>([], ["192.168.0.0/16"], ["10.0.0.0/8", "2001:db8::/32"], ["0.0.0.0/0", "192.168.0.0/16"], ["::/0"])
        from clients in Gen.ArrayOf(Gen.Elements<string?>(null, "192.168.1.9", "10.1.2.3", "2001:db8::9", "203.0.113.50"), s.Requests.Length)
        let service = s.Service with
        {
            Spec = s.Service.Spec with { LoadBalancerSourceRanges = [.. ranges] },
            Status = new ServiceStatus { LoadBalancer = new LoadBalancerStatus { Ingress = [new LoadBalancerIngress { IP = ip, Hostname = ip is null ? "lb.example.com" : null, IPMode = ipMode }] } },
        }
        select (service, s.Slices, s.Requests.Select((r, i) => r with { ClientIP = clients[i] }).ToArray());

    [Property(MaxTest = 300)]
    public Property A_prepared_table_agrees_with_one_off_routing_for_load_balancers()
        => Prop.ForAll(s_scenario.ToArbitrary(), s =>
        {
            var table = TrafficRouter.Prepare(s.Service, s.Slices);
            return s.Requests.All(r => table.Route(r) is var prepared && prepared.Equals(TrafficRouter.Route(s.Service, s.Slices, r)));
        });

    [Property(MaxTest = 300)]
    public Property Source_ranges_only_ever_drop_and_otherwise_change_nothing_but_the_message()
        => Prop.ForAll(s_scenario.ToArbitrary(), s =>
        {
            var open = s.Service with { Spec = s.Service.Spec with { LoadBalancerSourceRanges = [] } };
            return s.Requests.All(r =>
            {
                var filtered = TrafficRouter.Route(s.Service, s.Slices, r);
                var unfiltered = TrafficRouter.Route(open, s.Slices, r);
                return filtered.Reason == TrafficReason.SourceRangeNotAllowed
                    ? filtered.Outcome == TrafficOutcome.Dropped && unfiltered.Outcome is TrafficOutcome.Routed or TrafficOutcome.Dropped
                    : filtered.Outcome == unfiltered.Outcome && filtered.Reason == unfiltered.Reason
                        && filtered.Candidates.SequenceEqual(unfiltered.Candidates) && filtered.ClientIPPreserved == unfiltered.ClientIPPreserved;
            });
        });
}
