using ServiceModel.Validation;
using System.Collections.Immutable;
using ServiceModel.Services;

namespace ServiceModel.Tests.Services;

// ValidateService's source-range checks and ValidateLoadBalancerStatus (pkg/apis/core/validation at v1.35).
public class LoadBalancerValidationTests
{
    private const string Cidr = "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)";
    private const string AnnotationPath = "metadata.annotations[service.beta.kubernetes.io/load-balancer-source-ranges]";

    private static Service Svc(ServiceType type, ImmutableArray<string> ranges = default, string? annotation = null, params LoadBalancerIngress[] ingress)
    {
        var service = ServiceDefaults.Apply(new Service
        {
            Name = "lb",
            Spec = new ServiceSpec
            {
                Type = type,
                Selector = ImmutableDictionary<string, string>.Empty.Add("app", "x"),
                Ports = [new ServicePort { Port = 80, NodePort = type == ServiceType.ClusterIP ? 0 : 30080 }],
                ClusterIP = "10.96.0.10",
                LoadBalancerSourceRanges = ranges,
            },
            Status = new ServiceStatus { LoadBalancer = new LoadBalancerStatus { Ingress = [.. ingress] } },
        });
        return annotation is null ? service : service with { Annotations = service.Annotations.Add(ServiceValidator.LoadBalancerSourceRangesAnnotation, annotation) };
    }

    private static string[] Texts(ImmutableArray<ValidationError> errors) => [.. errors.Select(e => e.ToString())];

    [Fact]
    public void Padded_valid_ranges_pass_and_bad_ones_are_reported_trimmed_at_their_index()
    {
        Assert.Empty(ServiceValidator.Validate(Svc(ServiceType.LoadBalancer, [" 10.0.0.0/8", "2001:db8::/64 ", "10.1.2.3/24"])));
        Assert.Equal(
            [$"spec.LoadBalancerSourceRanges[1]: Invalid value: \"10.0.0.0\": {Cidr}", $"spec.LoadBalancerSourceRanges[2]: Invalid value: \"\": {Cidr}"],
            Texts(ServiceValidator.Validate(Svc(ServiceType.LoadBalancer, ["10.0.0.0/8", " 10.0.0.0 ", " "]))));
    }

    [Fact]
    public void Ranges_on_a_non_load_balancer_are_forbidden()
        => Assert.Equal(
            ["spec.LoadBalancerSourceRanges: Forbidden: may only be used when `type` is 'LoadBalancer'"],
            Texts(ServiceValidator.Validate(Svc(ServiceType.NodePort, ["10.0.0.0/8"]))));

    [Fact]
    public void The_annotation_is_validated_per_comma_separated_range_at_its_own_path()
    {
        Assert.Empty(ServiceValidator.Validate(Svc(ServiceType.LoadBalancer, annotation: " 10.0.0.0/8 , 192.168.0.0/16")));
        Assert.Empty(ServiceValidator.Validate(Svc(ServiceType.LoadBalancer, annotation: "   ")));
        Assert.Equal(
            [$"{AnnotationPath}: Invalid value: \"1.2.3.4\": {Cidr}", $"{AnnotationPath}: Invalid value: \"\": {Cidr}"],
            Texts(ServiceValidator.Validate(Svc(ServiceType.LoadBalancer, annotation: "10.0.0.0/8, 1.2.3.4,"))));
        Assert.Equal(
            [$"{AnnotationPath}: Forbidden: may only be used when `type` is 'LoadBalancer'"],
            Texts(ServiceValidator.Validate(Svc(ServiceType.ClusterIP, annotation: ""))));
    }

    [Fact]
    public void The_annotation_is_not_read_when_the_field_is_set()
        => Assert.Empty(ServiceValidator.Validate(Svc(ServiceType.LoadBalancer, ["10.0.0.0/8"], annotation: "not a cidr")));

    [Fact]
    public void An_unchanged_annotation_is_not_parsed_again_on_update()
    {
        // A value an older release accepted (stored before the rule) stays acceptable while unchanged.
        var stored = Svc(ServiceType.LoadBalancer, annotation: "10.0.0.0/8, not-a-cidr");
        var relabelled = stored with { Labels = stored.Labels.Add("tier", "web") };
        Assert.Empty(ServiceValidator.ValidateUpdate(stored, relabelled));

        // Any change, even of padding only, is parsed in full again.
        var changed = stored with { Annotations = stored.Annotations.SetItem(ServiceValidator.LoadBalancerSourceRangesAnnotation, "10.0.0.0/8, not-a-cidr ") };
        Assert.Equal([$"{AnnotationPath}: Invalid value: \"not-a-cidr\": {Cidr}"], Texts(ServiceValidator.ValidateUpdate(stored, changed)));

        // A newly added annotation is parsed; create always parses.
        var without = Svc(ServiceType.LoadBalancer);
        Assert.Equal([$"{AnnotationPath}: Invalid value: \"not-a-cidr\": {Cidr}"], Texts(ServiceValidator.ValidateUpdate(without, stored)));
        Assert.Equal([$"{AnnotationPath}: Invalid value: \"not-a-cidr\": {Cidr}"], Texts(ServiceValidator.Validate(stored)));
    }

    [Fact]
    public void An_unchanged_annotation_is_still_forbidden_off_load_balancer()
    {
        var stored = Svc(ServiceType.LoadBalancer, annotation: "not-a-cidr");
        var nodePort = ServiceDefaults.ApplyForUpdate(stored, stored with { Spec = stored.Spec with { Type = ServiceType.NodePort } }, [ServiceModel.Networking.IPFamily.IPv4]);
        Assert.Equal(
            [$"{AnnotationPath}: Forbidden: may only be used when `type` is 'LoadBalancer'"],
            Texts(ServiceValidator.ValidateUpdate(stored, nodePort)));
    }

    [Fact]
    public void Ip_mode_is_required_with_an_ip_forbidden_without_and_limited_to_VIP_and_Proxy()
    {
        Assert.Empty(ServiceValidator.ValidateStatus(Svc(ServiceType.LoadBalancer, ingress:
            [new() { IP = "203.0.113.7", IPMode = "VIP" }, new() { IP = "203.0.113.8", IPMode = "Proxy" }, new() { Hostname = "lb.example.com" }])));
        Assert.Equal(
            [
                "status.loadBalancer.ingress[0].ipMode: Required value: must be specified when `ip` is set",
                "status.loadBalancer.ingress[1].ipMode: Forbidden: may not be specified when `ip` is not set",
                "status.loadBalancer.ingress[2].ipMode: Unsupported value: \"vip\": supported values: \"Proxy\", \"VIP\"",
            ],
            Texts(ServiceValidator.ValidateStatus(Svc(ServiceType.LoadBalancer, ingress:
                [new() { IP = "203.0.113.7" }, new() { Hostname = "lb.example.com", IPMode = "VIP" }, new() { IP = "203.0.113.9", IPMode = "vip" }]))));
    }

    [Fact]
    public void Ingress_ips_and_hostnames_are_checked_and_ingress_needs_a_load_balancer()
    {
        Assert.Equal(
            [
                "status.loadBalancer.ingress[0].ip: Invalid value: \"300.1.1.1\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)",
                "status.loadBalancer.ingress[0].hostname: Invalid value: \"1.2.3.4\": must be a DNS name, not an IP address",
            ],
            Texts(ServiceValidator.ValidateStatus(Svc(ServiceType.LoadBalancer, ingress: [new() { IP = "300.1.1.1", IPMode = "VIP", Hostname = "1.2.3.4" }]))));
        Assert.Equal(
            ["status.loadBalancer.ingress: Forbidden: may only be used when `spec.type` is 'LoadBalancer'"],
            Texts(ServiceValidator.ValidateStatus(Svc(ServiceType.NodePort, ingress: [new() { IP = "bad" }]))));
        Assert.Empty(ServiceValidator.ValidateStatus(Svc(ServiceType.NodePort)));
    }
}
