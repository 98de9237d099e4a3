using System.Collections.Immutable;
using ServiceModel.Networking;
using ServiceModel.Services;

namespace ServiceModel.Tests.Services;

// Type transitions and immutability, through the same pipeline as the API server: update defaults,
// then ValidateUpdate. "Stored" Services carry the cluster IPs and node ports an allocator assigned.
public class ServiceUpdateTests
{
    private static readonly IPFamily[] s_v4 = [IPFamily.IPv4];
    private static readonly IPFamily[] s_v4v6 = [IPFamily.IPv4, IPFamily.IPv6];

    private static Service Stored(ServiceType type, bool local = false)
    {
        var submitted = new Service
        {
            Name = "web",
            Spec = new ServiceSpec
            {
                Type = type,
                Selector = ImmutableDictionary<string, string>.Empty.Add("app", "web"),
                Ports = [new ServicePort { Name = "http", Port = 80, NodePort = type.MayCarryNodePorts() ? 30080 : 0 }],
                ClusterIP = "10.0.0.10",
                ExternalTrafficPolicy = local ? TrafficPolicy.Local : null,
                HealthCheckNodePort = local ? 30999 : 0,
            },
        };
        var stored = ServiceDefaults.Apply(submitted, s_v4);
        Assert.Empty(ServiceValidator.Validate(stored));
        return stored;
    }

    private static string[] Update(Service old, Func<ServiceSpec, ServiceSpec> change, IPFamily[]? cluster = null)
    {
        var updated = ServiceDefaults.ApplyForUpdate(old, old with { Spec = change(old.Spec) }, cluster ?? s_v4);
        return [.. ServiceValidator.ValidateUpdate(old, updated).Select(e => e.ToString())];
    }

    [Theory]
    [InlineData(ServiceType.ClusterIP, ServiceType.NodePort)]
    [InlineData(ServiceType.NodePort, ServiceType.LoadBalancer)]
    [InlineData(ServiceType.ClusterIP, ServiceType.LoadBalancer)]
    [InlineData(ServiceType.LoadBalancer, ServiceType.NodePort)]
    [InlineData(ServiceType.NodePort, ServiceType.ClusterIP)]
    [InlineData(ServiceType.LoadBalancer, ServiceType.ClusterIP)]
    public void Moving_along_the_layers_is_valid(ServiceType from, ServiceType to)
        => Assert.Empty(Update(Stored(from), s => s with { Type = to }));

    [Fact]
    public void Going_down_to_ClusterIP_drops_node_ports_policies_and_load_balancer_state()
    {
        var old = Stored(ServiceType.LoadBalancer, local: true) with
        {
            Status = new ServiceStatus { LoadBalancer = new LoadBalancerStatus { Ingress = [new LoadBalancerIngress { IP = "203.0.113.1" }] } },
        };
        var updated = ServiceDefaults.ApplyForUpdate(old, old with { Spec = old.Spec with { Type = ServiceType.ClusterIP } }, s_v4);
        Assert.Equal(0, updated.Spec.Ports[0].NodePort);
        Assert.Equal(0, updated.Spec.HealthCheckNodePort);
        Assert.Null(updated.Spec.ExternalTrafficPolicy);
        Assert.Null(updated.Spec.AllocateLoadBalancerNodePorts);
        Assert.True(updated.Status.LoadBalancer.Ingress.IsEmpty);
        Assert.Equal(LoadBalancerState.NotApplicable, updated.LoadBalancerState);
        Assert.Equal(["10.0.0.10"], updated.Spec.ClusterIPs.ToArray());
    }

    [Theory]
    [InlineData(ServiceType.ClusterIP)]
    [InlineData(ServiceType.NodePort)]
    [InlineData(ServiceType.LoadBalancer)]
    public void To_ExternalName_releases_the_cluster_IP(ServiceType from)
    {
        var old = Stored(from);
        var updated = ServiceDefaults.ApplyForUpdate(old, old with { Spec = old.Spec with { Type = ServiceType.ExternalName, ExternalName = "db.example.com" } }, s_v4);
        Assert.Null(updated.Spec.ClusterIP);
        Assert.True(updated.Spec.ClusterIPs.IsEmpty);
        Assert.True(updated.Spec.IPFamilies.IsEmpty);
        Assert.Null(updated.Spec.IPFamilyPolicy);
        Assert.Empty(ServiceValidator.ValidateUpdate(old, updated));
    }

    [Fact]
    public void To_ExternalName_without_update_defaults_keeps_forbidden_fields()
    {
        var old = Stored(ServiceType.ClusterIP);
        var raw = old with { Spec = old.Spec with { Type = ServiceType.ExternalName, ExternalName = "db.example.com" } };
        var errors = ServiceValidator.ValidateUpdate(old, raw).Select(e => e.ToString()).ToArray();
        Assert.Contains("spec.clusterIPs: Forbidden: may not be set for ExternalName services", errors);
    }

    [Fact]
    public void From_ExternalName_gets_a_new_cluster_IP_request()
    {
        var old = ServiceDefaults.Apply(new Service { Name = "web", Spec = new ServiceSpec { Type = ServiceType.ExternalName, ExternalName = "db.example.com" } }, s_v4);
        var updated = ServiceDefaults.ApplyForUpdate(old, old with { Spec = old.Spec with { Type = ServiceType.ClusterIP, ExternalName = null, Ports = [new ServicePort { Port = 80 }] } }, s_v4);
        Assert.Equal(IPFamilyPolicy.SingleStack, updated.Spec.IPFamilyPolicy);
        Assert.Equal([IPFamily.IPv4], updated.Spec.IPFamilies.ToArray());
        Assert.Empty(ServiceValidator.ValidateUpdate(old, updated));
    }

    [Fact]
    public void Cluster_IP_is_immutable()
        => Assert.Equal(
            ["spec.clusterIPs[0]: Invalid value: [\"10.0.0.11\"]: may not change once set"],
            Update(Stored(ServiceType.ClusterIP), s => s with { ClusterIP = "10.0.0.11", ClusterIPs = ["10.0.0.11"] }));

    [Fact]
    public void A_ClusterIP_service_cannot_become_headless()
        => Assert.Contains(
            "spec.clusterIPs[0]: Invalid value: [\"None\"]: may not change once set",
            Update(Stored(ServiceType.ClusterIP), s => s with { ClusterIP = "None", ClusterIPs = ["None"] }));

    [Fact]
    public void Headless_services_may_change_families()
    {
        var old = ServiceDefaults.Apply(new Service { Name = "web", Spec = new ServiceSpec { ClusterIP = "None" } }, s_v4v6);
        Assert.Empty(Update(old, s => s with { IPFamilies = [IPFamily.IPv6], IPFamilyPolicy = IPFamilyPolicy.SingleStack }, s_v4v6));
    }

    [Fact]
    public void Upgrading_to_dual_stack_adds_the_secondary_family()
    {
        var old = Stored(ServiceType.ClusterIP);
        var updated = ServiceDefaults.ApplyForUpdate(old, old with { Spec = old.Spec with { IPFamilyPolicy = IPFamilyPolicy.PreferDualStack } }, s_v4v6);
        Assert.Equal([IPFamily.IPv4, IPFamily.IPv6], updated.Spec.IPFamilies.ToArray());
        Assert.Empty(ServiceValidator.ValidateUpdate(old, updated));
    }

    [Fact]
    public void Downgrading_requires_SingleStack()
    {
        var dual = ServiceDefaults.Apply(
            new Service { Name = "web", Spec = new ServiceSpec { Ports = [new ServicePort { Port = 80 }], ClusterIP = "10.0.0.10", ClusterIPs = ["10.0.0.10", "fd00::10"], IPFamilyPolicy = IPFamilyPolicy.RequireDualStack } },
            s_v4v6);
        Assert.Empty(ServiceValidator.Validate(dual));
        var oneIP = dual with { Spec = dual.Spec with { ClusterIPs = ["10.0.0.10"], IPFamilies = [IPFamily.IPv4] } };
        Assert.False(ServiceDefaults.TryApplyForUpdate(dual, oneIP, s_v4v6, out _, out var errors));
        Assert.Equal(
            [
                "spec.ipFamilyPolicy: Invalid value: \"RequireDualStack\": must be 'SingleStack' to release the secondary cluster IP",
                "spec.ipFamilyPolicy: Invalid value: \"RequireDualStack\": must be 'SingleStack' to release the secondary IP family",
            ],
            errors.Select(e => e.ToString()).ToArray());
        Assert.Contains(
            "spec.ipFamilyPolicy: Invalid value: \"RequireDualStack\": must be set to 'SingleStack' when releasing the secondary clusterIP",
            ServiceValidator.ValidateUpdate(dual, oneIP).Select(e => e.ToString()));

        var single = ServiceDefaults.ApplyForUpdate(dual, dual with { Spec = dual.Spec with { IPFamilyPolicy = IPFamilyPolicy.SingleStack } }, s_v4v6);
        Assert.Equal(["10.0.0.10"], single.Spec.ClusterIPs.ToArray());
        Assert.Empty(ServiceValidator.ValidateUpdate(dual, single));
    }

    [Fact]
    public void Health_check_node_port_is_immutable_while_needed()
        => Assert.Equal(
            ["spec.healthCheckNodePort: Forbidden: field is immutable"],
            Update(Stored(ServiceType.LoadBalancer, local: true), s => s with { HealthCheckNodePort = 31000 }));

    [Fact]
    public void Load_balancer_class_may_not_change()
    {
        var old = Stored(ServiceType.LoadBalancer);
        Assert.Equal(
            ["spec.loadBalancerClass: Invalid value: \"example.com/other\": may not change once set"],
            Update(old, s => s with { LoadBalancerClass = "example.com/other" }));
    }

    [Fact]
    public void Name_and_namespace_are_immutable()
    {
        var old = Stored(ServiceType.ClusterIP);
        var errors = ServiceValidator.ValidateUpdate(old, old with { Name = "other", Namespace = "prod" }).Select(e => e.ToString()).ToArray();
        Assert.Equal(["metadata.name: Invalid value: \"other\": field is immutable", "metadata.namespace: Invalid value: \"prod\": field is immutable"], errors);
        Assert.Throws<ServiceValidationException>(() => ServiceValidator.EnsureValidUpdate(old, old with { Name = "other" }));
        ServiceValidator.EnsureValidUpdate(old, old);
    }

    [Fact]
    public void Update_checks_labels_after_immutability_and_not_the_name_format()
    {
        // ValidateObjectMetaUpdate: immutable name and namespace, then labels; the name and
        // namespace formats were checked on create and are not reported again.
        var old = Stored(ServiceType.ClusterIP);
        var renamed = old with { Name = "Bad_Name", Namespace = "Prod", Labels = ImmutableDictionary<string, string>.Empty.Add("tier", "front end") };
        var errors = ServiceValidator.ValidateUpdate(old, renamed with { Spec = renamed.Spec with { ClusterIP = "10.0.0.99", ClusterIPs = ["10.0.0.99"] } })
            .Select(e => e.ToString()).ToArray();
        Assert.Equal(4, errors.Length);
        Assert.Equal("metadata.name: Invalid value: \"Bad_Name\": field is immutable", errors[0]);
        Assert.Equal("metadata.namespace: Invalid value: \"Prod\": field is immutable", errors[1]);
        Assert.StartsWith("metadata.labels: Invalid value: \"front end\": a valid label must be", errors[2], StringComparison.Ordinal);
        Assert.StartsWith("spec.clusterIPs[0]: Invalid value: [\"10.0.0.99\"]: may not change once set", errors[3], StringComparison.Ordinal);

        // The create path still checks both formats.
        Assert.Contains(ServiceValidator.Validate(renamed), e => e.Field == "metadata.name");
        Assert.Contains(ServiceValidator.Validate(renamed), e => e.Field == "metadata.namespace");
    }

    [Fact]
    public void Resubmitting_the_original_manifest_keeps_what_was_allocated()
    {
        var old = Stored(ServiceType.LoadBalancer, local: true);
        var manifest = old with
        {
            Spec = old.Spec with
            {
                ClusterIP = null,
                ClusterIPs = [],
                HealthCheckNodePort = 0,
                Ports = [old.Spec.Ports[0] with { NodePort = 0 }],
            },
        };
        var updated = ServiceDefaults.ApplyForUpdate(old, manifest, s_v4);
        Assert.Equal(old, updated);
        Assert.Empty(ServiceValidator.ValidateUpdate(old, updated));
    }

    [Fact]
    public void A_new_node_port_on_the_way_to_ClusterIP_is_kept_for_validation_to_reject()
        => Assert.Equal(
            ["spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"],
            Update(Stored(ServiceType.NodePort), s => s with { Type = ServiceType.ClusterIP, Ports = [s.Ports[0] with { NodePort = 31111 }] }));

    [Fact]
    public void Raw_updates_may_not_unset_the_primary_IP_or_change_families()
    {
        var old = Stored(ServiceType.ClusterIP);
        var unset = ServiceValidator.ValidateUpdate(old, old with { Spec = old.Spec with { ClusterIP = null, ClusterIPs = [] } }).Select(e => e.ToString());
        Assert.Contains("spec.clusterIPs[0]: Invalid value: []: primary clusterIP can not be unset", unset);
        var family = ServiceValidator.ValidateUpdate(old, old with { Spec = old.Spec with { IPFamilies = [IPFamily.IPv6] } }).Select(e => e.ToString());
        Assert.Contains("spec.ipFamilies[0]: Invalid value: [\"IPv6\"]: may not change once set", family);
    }
}
