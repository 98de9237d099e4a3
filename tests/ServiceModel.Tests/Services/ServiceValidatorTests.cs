using System.Collections.Immutable;
using ServiceModel.Networking;
using ServiceModel.Services;
using ServiceModel.Validation;

namespace ServiceModel.Tests.Services;

public class ServiceValidatorTests
{
    private static readonly IPFamily[] s_v4 = [IPFamily.IPv4];

    internal static Service Valid(ServiceType type = ServiceType.ClusterIP, params ServicePort[] ports)
    {
        var service = new Service
        {
            Name = "web",
            Spec = new ServiceSpec
            {
                Type = type,
                Selector = ImmutableDictionary<string, string>.Empty.Add("app", "web"),
                Ports = ports.Length == 0 ? [new ServicePort { Name = "http", Port = 80 }] : [.. ports],
                ExternalName = type == ServiceType.ExternalName ? "db.example.com" : null,
            },
        };
        return ServiceDefaults.Apply(service, s_v4);
    }

    private static string[] Errors(Service service) => [.. ServiceValidator.Validate(service).Select(e => e.ToString())];

    private static Service WithSpec(Service s, Func<ServiceSpec, ServiceSpec> change) => s with { Spec = change(s.Spec) };

    [Theory]
    [InlineData(ServiceType.ClusterIP)]
    [InlineData(ServiceType.NodePort)]
    [InlineData(ServiceType.LoadBalancer)]
    [InlineData(ServiceType.ExternalName)]
    public void Defaulted_services_of_every_type_are_valid(ServiceType type) => Assert.Empty(Errors(Valid(type)));

    [Fact]
    public void Port_zero_is_reported_with_upstream_text()
    {
        var svc = Valid(ServiceType.ClusterIP, new ServicePort { Port = 0, TargetPort = 80 });
        Assert.Equal(["spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive"], Errors(svc));
    }

    [Fact]
    public void Ports_are_required_unless_headless_or_ExternalName()
    {
        var svc = WithSpec(Valid(), s => s with { Ports = [] });
        Assert.Equal(["spec.ports: Required value"], Errors(svc));
        Assert.Empty(Errors(WithSpec(svc, s => s with { ClusterIP = "None", ClusterIPs = ["None"] })));
    }

    [Fact]
    public void Port_names_are_required_when_several_and_unique()
    {
        var svc = Valid(ServiceType.ClusterIP, new ServicePort { Port = 80 }, new ServicePort { Name = "a", Port = 81 }, new ServicePort { Name = "a", Port = 82 });
        Assert.Equal(["spec.ports[0].name: Required value", "spec.ports[2].name: Duplicate value: \"a\""], Errors(svc));
    }

    [Fact]
    public void Port_names_must_be_DNS_1123_labels()
    {
        var svc = Valid(ServiceType.ClusterIP, new ServicePort { Name = "Http", Port = 80 });
        var error = Assert.Single(ServiceValidator.Validate(svc));
        Assert.Equal("spec.ports[0].name", error.Field);
        Assert.Equal(ValidationErrorType.Invalid, error.Type);
        Assert.StartsWith("spec.ports[0].name: Invalid value: \"Http\": a lowercase RFC 1123 label must consist of", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http-web-frontend", "must be no more than 15 characters")]
    [InlineData("80", "must contain at least one letter (a-z)")]
    [InlineData("a--b", "must not contain consecutive hyphens")]
    [InlineData("-ab", "must not begin or end with a hyphen")]
    [InlineData("Ab", "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)")]
    public void Named_target_ports_follow_IANA_service_name_rules(string name, string message)
    {
        var svc = Valid(ServiceType.ClusterIP, new ServicePort { Port = 80, TargetPort = name });
        Assert.Contains($"spec.ports[0].targetPort: Invalid value: \"{name}\": {message}", Errors(svc));
    }

    [Fact]
    public void Numeric_target_port_out_of_range()
    {
        var svc = Valid(ServiceType.ClusterIP, new ServicePort { Port = 80, TargetPort = 70000 });
        Assert.Equal(["spec.ports[0].targetPort: Invalid value: 70000: must be between 1 and 65535, inclusive"], Errors(svc));
    }

    [Fact]
    public void Unknown_protocol_is_not_supported()
    {
        var svc = Valid(ServiceType.ClusterIP, new ServicePort { Port = 80, Protocol = (Protocol)9 });
        Assert.Contains("spec.ports[0].protocol: Unsupported value: \"9\": supported values: \"SCTP\", \"TCP\", \"UDP\"", Errors(svc));
    }

    [Fact]
    public void Duplicate_port_and_protocol_reports_the_key_as_upstream_marshals_it()
    {
        var svc = Valid(ServiceType.ClusterIP, new ServicePort { Name = "a", Port = 80 }, new ServicePort { Name = "b", Port = 80 }, new ServicePort { Name = "c", Port = 80, Protocol = Protocol.UDP });
        Assert.Equal(
            ["spec.ports[1]: Duplicate value: {\"Name\":\"\",\"Protocol\":\"TCP\",\"AppProtocol\":null,\"Port\":80,\"TargetPort\":0,\"NodePort\":0}"],
            Errors(svc));
    }

    [Fact]
    public void NodePort_is_forbidden_for_ClusterIP()
    {
        var svc = Valid(ServiceType.ClusterIP, new ServicePort { Port = 80, NodePort = 30080 });
        Assert.Equal(["spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"], Errors(svc));
    }

    [Fact]
    public void Duplicate_node_ports_per_protocol()
    {
        var svc = Valid(ServiceType.NodePort, new ServicePort { Name = "a", Port = 80, NodePort = 30080 }, new ServicePort { Name = "b", Port = 81, NodePort = 30080 }, new ServicePort { Name = "c", Port = 82, NodePort = 30080, Protocol = Protocol.UDP });
        Assert.Equal(["spec.ports[1].nodePort: Duplicate value: 30080"], Errors(svc));
    }

    [Fact]
    public void Headless_NodePort_and_LoadBalancer_are_invalid()
    {
        var np = WithSpec(Valid(ServiceType.NodePort), s => s with { ClusterIP = "None", ClusterIPs = ["None"] });
        Assert.Contains("spec.clusterIPs[0]: Invalid value: \"None\": may not be set to 'None' for NodePort services", Errors(np));
        var lb = WithSpec(Valid(ServiceType.LoadBalancer), s => s with { ClusterIP = "None", ClusterIPs = ["None"] });
        Assert.Contains("spec.clusterIPs[0]: Invalid value: \"None\": may not be set to 'None' for LoadBalancer services", Errors(lb));
    }

    [Fact]
    public void ExternalName_requires_a_DNS_name_and_no_cluster_IP_fields()
    {
        var svc = WithSpec(Valid(ServiceType.ExternalName), s => s with { ExternalName = null, ClusterIPs = ["10.0.0.1"], IPFamilies = [IPFamily.IPv4], IPFamilyPolicy = IPFamilyPolicy.SingleStack });
        Assert.Equal(
            [
                "spec.clusterIPs: Forbidden: may not be set for ExternalName services",
                "spec.ipFamilies: Forbidden: may not be set for ExternalName services",
                "spec.ipFamilyPolicy: Forbidden: may not be set for ExternalName services",
                "spec.externalName: Required value",
            ],
            Errors(svc));
    }

    [Fact]
    public void ExternalName_may_end_with_one_dot()
    {
        Assert.Empty(Errors(WithSpec(Valid(ServiceType.ExternalName), s => s with { ExternalName = "db.example.com." })));
        var bad = WithSpec(Valid(ServiceType.ExternalName), s => s with { ExternalName = "Db_Example" });
        Assert.StartsWith("spec.externalName: Invalid value: \"Db_Example\": a lowercase RFC 1123 subdomain", Assert.Single(Errors(bad)), StringComparison.Ordinal);
    }

    [Fact]
    public void Selector_keys_and_values_use_label_rules()
    {
        var svc = WithSpec(Valid(), s => s with { Selector = ImmutableDictionary<string, string>.Empty.Add("a/b/c", "ok").Add("app", "-bad") });
        var errors = Errors(svc);
        Assert.Equal(2, errors.Length);
        Assert.StartsWith("spec.selector: Invalid value: \"a/b/c\": ", errors[0], StringComparison.Ordinal);
        // ValidateLabels reports a bad value at the map's path, not at its key.
        Assert.StartsWith("spec.selector: Invalid value: \"-bad\": ", errors[1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(86401)]
    public void ClientIP_timeout_must_be_in_1_to_86400(int timeout)
    {
        var svc = WithSpec(Valid(), s => s with { SessionAffinity = SessionAffinity.ClientIP, SessionAffinityConfig = new SessionAffinityConfig { ClientIP = new ClientIPConfig { TimeoutSeconds = timeout } } });
        Assert.Equal([$"spec.sessionAffinityConfig.clientIP.timeoutSeconds: Invalid value: {timeout}: must be greater than 0 and less than 86400"], Errors(svc));
    }

    [Fact]
    public void ClientIP_timeout_86400_is_valid_and_config_is_required()
    {
        Assert.Empty(Errors(WithSpec(Valid(), s => s with { SessionAffinity = SessionAffinity.ClientIP, SessionAffinityConfig = new SessionAffinityConfig { ClientIP = new ClientIPConfig { TimeoutSeconds = 86400 } } })));
        Assert.Equal(
            ["spec.sessionAffinityConfig: Required value: when session affinity type is ClientIP"],
            Errors(WithSpec(Valid(), s => s with { SessionAffinity = SessionAffinity.ClientIP })));
        Assert.Equal(
            ["spec.sessionAffinityConfig.clientIP: Required value: when session affinity type is ClientIP"],
            Errors(WithSpec(Valid(), s => s with { SessionAffinity = SessionAffinity.ClientIP, SessionAffinityConfig = new SessionAffinityConfig() })));
        Assert.Equal(
            ["spec.sessionAffinityConfig: Forbidden: must not be set when session affinity is None"],
            Errors(WithSpec(Valid(), s => s with { SessionAffinityConfig = new SessionAffinityConfig() })));
    }

    [Fact]
    public void ClusterIP_and_ClusterIPs_must_agree()
    {
        Assert.Equal(
            ["spec.clusterIPs: Invalid value: [\"10.0.0.2\"]: first value must match `clusterIP`"],
            Errors(WithSpec(Valid(), s => s with { ClusterIP = "10.0.0.1", ClusterIPs = ["10.0.0.2"] })));
        Assert.Equal(
            ["spec.clusterIPs: Required value"],
            Errors(WithSpec(Valid(), s => s with { ClusterIP = "10.0.0.1", ClusterIPs = [] })));
        Assert.Equal(
            ["spec.clusterIPs: Invalid value: [\"10.0.0.1\"]: must be empty when `clusterIP` is not specified"],
            Errors(WithSpec(Valid(), s => s with { ClusterIP = null, ClusterIPs = ["10.0.0.1"] })));
    }

    [Fact]
    public void ClusterIPs_must_be_IPs_one_per_family_matching_ipFamilies()
    {
        Assert.Equal(
            ["spec.clusterIPs[0]: Invalid value: \"10.0.0.300\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"],
            Errors(WithSpec(Valid(), s => s with { ClusterIP = "10.0.0.300", ClusterIPs = ["10.0.0.300"] })));
        Assert.Contains(
            "spec.clusterIPs: Invalid value: [\"10.0.0.1\",\"10.0.0.2\"]: may specify no more than one IP for each IP family",
            Errors(WithSpec(Valid(), s => s with { ClusterIP = "10.0.0.1", ClusterIPs = ["10.0.0.1", "10.0.0.2"], IPFamilyPolicy = IPFamilyPolicy.PreferDualStack })));
        Assert.Equal(
            ["spec.clusterIPs[0]: Invalid value: \"fd00::1\": expected an IPv4 value as indicated by `ipFamilies[0]`"],
            Errors(WithSpec(Valid(), s => s with { ClusterIP = "fd00::1", ClusterIPs = ["fd00::1"] })));
        Assert.Equal(
            ["spec.clusterIPs: Invalid value: [\"None\",\"10.0.0.1\"]: 'None' must be the first and only value"],
            Errors(WithSpec(Valid(), s => s with { ClusterIP = "None", ClusterIPs = ["None", "10.0.0.1"] })));
        Assert.Contains(
            "spec.clusterIPs: Invalid value: [\"10.0.0.1\",\"fd00::1\",\"10.0.0.2\"]: may only hold up to 2 values",
            Errors(WithSpec(Valid(), s => s with { ClusterIP = "10.0.0.1", ClusterIPs = ["10.0.0.1", "fd00::1", "10.0.0.2"] })));
    }

    [Fact]
    public void Duplicate_ip_families()
        => Assert.Equal(
            ["spec.ipFamilies[1]: Duplicate value: \"IPv4\""],
            Errors(WithSpec(Valid(), s => s with { IPFamilies = [IPFamily.IPv4, IPFamily.IPv4], IPFamilyPolicy = IPFamilyPolicy.PreferDualStack })));

    [Theory]
    [InlineData("1.2.3", "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)")]
    [InlineData("0.0.0.0", "may not be unspecified (0.0.0.0)")]
    [InlineData("127.0.0.1", "may not be in the loopback range (127.0.0.0/8, ::1/128)")]
    [InlineData("::1", "may not be in the loopback range (127.0.0.0/8, ::1/128)")]
    [InlineData("169.254.1.1", "may not be in the link-local range (169.254.0.0/16, fe80::/10)")]
    [InlineData("fe80::1", "may not be in the link-local range (169.254.0.0/16, fe80::/10)")]
    [InlineData("224.0.0.5", "may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)")]
    public void External_IPs_must_be_valid_and_not_special(string ip, string message)
    {
        var svc = WithSpec(Valid(), s => s with { ExternalIPs = [ip], ExternalTrafficPolicy = TrafficPolicy.Cluster });
        Assert.Equal([$"spec.externalIPs[0]: Invalid value: \"{ip}\": {message}"], Errors(svc));
    }

    [Fact]
    public void External_traffic_policy_only_for_externally_accessible_services()
    {
        Assert.Equal(
            ["spec.externalTrafficPolicy: Invalid value: \"Local\": may only be set for externally-accessible services"],
            Errors(WithSpec(Valid(), s => s with { ExternalTrafficPolicy = TrafficPolicy.Local })));
        Assert.Equal(
            ["spec.externalTrafficPolicy: Required value"],
            Errors(WithSpec(Valid(ServiceType.NodePort), s => s with { ExternalTrafficPolicy = null })));
    }

    [Fact]
    public void Health_check_node_port_rules()
    {
        var lb = Valid(ServiceType.LoadBalancer);
        Assert.Equal(
            ["spec.healthCheckNodePort: Invalid value: 30000: may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'"],
            Errors(WithSpec(lb, s => s with { HealthCheckNodePort = 30000 })));
        Assert.Equal(["spec.healthCheckNodePort: Required value"], Errors(WithSpec(lb, s => s with { ExternalTrafficPolicy = TrafficPolicy.Local })));
        Assert.Empty(Errors(WithSpec(lb, s => s with { ExternalTrafficPolicy = TrafficPolicy.Local, HealthCheckNodePort = 30000 })));
        Assert.Equal(
            ["spec.healthCheckNodePort: Invalid value: 70000: must be between 1 and 65535, inclusive"],
            Errors(WithSpec(lb, s => s with { ExternalTrafficPolicy = TrafficPolicy.Local, HealthCheckNodePort = 70000 })));
    }

    [Fact]
    public void LoadBalancer_only_fields()
    {
        var svc = WithSpec(Valid(), s => s with { LoadBalancerSourceRanges = ["10.0.0.0/8"], AllocateLoadBalancerNodePorts = true, LoadBalancerClass = "example.com/lb" });
        Assert.Equal(
            [
                "spec.LoadBalancerSourceRanges: Forbidden: may only be used when `type` is 'LoadBalancer'",
                "spec.allocateLoadBalancerNodePorts: Forbidden: may only be used when `type` is 'LoadBalancer'",
                "spec.loadBalancerClass: Forbidden: may only be used when `type` is 'LoadBalancer'",
            ],
            Errors(svc));
    }

    [Fact]
    public void Source_ranges_must_be_CIDRs_and_LoadBalancer_requires_allocate_flag()
    {
        var lb = Valid(ServiceType.LoadBalancer);
        Assert.Empty(Errors(WithSpec(lb, s => s with { LoadBalancerSourceRanges = [" 10.0.0.0/8 ", "2001:db8::/64"] })));
        Assert.Equal(
            ["spec.LoadBalancerSourceRanges[0]: Invalid value: \"10.0.0.0/33\": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)"],
            Errors(WithSpec(lb, s => s with { LoadBalancerSourceRanges = ["10.0.0.0/33"] })));
        Assert.Equal(["allocateLoadBalancerNodePorts: Required value"], Errors(WithSpec(lb, s => s with { AllocateLoadBalancerNodePorts = null })));
    }

    [Fact]
    public void Internal_traffic_policy_is_required_except_for_ExternalName()
    {
        Assert.Equal(["spec.internalTrafficPolicy: Required value"], Errors(WithSpec(Valid(), s => s with { InternalTrafficPolicy = null })));
        Assert.Empty(Errors(WithSpec(Valid(ServiceType.ExternalName), s => s with { InternalTrafficPolicy = null })));
    }

    [Fact]
    public void Service_name_is_a_DNS_1035_label()
    {
        Assert.Equal(["metadata.name: Required value: name or generateName is required"], Errors(Valid() with { Name = "" }));
        Assert.Equal(
            ["metadata.name: Invalid value: \"1web\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')"],
            Errors(Valid() with { Name = "1web" }));
        var tooLong = new string('a', 64);
        Assert.Equal([$"metadata.name: Invalid value: \"{tooLong}\": must be no more than 63 characters"], Errors(Valid() with { Name = tooLong }));
        Assert.Empty(Errors(Valid() with { Name = new string('a', 63) }));
    }

    [Fact]
    public void AppProtocol_and_LoadBalancerClass_are_qualified_names()
    {
        Assert.Empty(Errors(Valid(ServiceType.ClusterIP, new ServicePort { Port = 80, AppProtocol = "kubernetes.io/h2c" })));
        Assert.Contains(
            Errors(Valid(ServiceType.ClusterIP, new ServicePort { Port = 80, AppProtocol = "a/b/c" })),
            e => e.StartsWith("spec.ports[0].appProtocol: Invalid value: \"a/b/c\": ", StringComparison.Ordinal));
        Assert.Contains(
            Errors(WithSpec(Valid(ServiceType.LoadBalancer), s => s with { LoadBalancerClass = "-x" })),
            e => e.StartsWith("spec.loadBalancerClass: Invalid value: \"-x\": ", StringComparison.Ordinal));
    }

    [Fact]
    public void Undefined_enum_values_are_not_supported()
    {
        Assert.Contains(
            "spec.type: Unsupported value: \"7\": supported values: \"ClusterIP\", \"ExternalName\", \"LoadBalancer\", \"NodePort\"",
            Errors(WithSpec(Valid(), s => s with { Type = (ServiceType)7 })));
        Assert.Contains(
            "spec.sessionAffinity: Unsupported value: \"5\": supported values: \"ClientIP\", \"None\"",
            Errors(WithSpec(Valid(), s => s with { SessionAffinity = (SessionAffinity)5 })));
        Assert.Equal(
            ["spec.internalTrafficPolicy: Unsupported value: \"4\": supported values: \"Cluster\", \"Local\""],
            Errors(WithSpec(Valid(), s => s with { InternalTrafficPolicy = (TrafficPolicy)4 })));
        Assert.Equal(
            ["spec.externalTrafficPolicy: Unsupported value: \"4\": supported values: \"Cluster\", \"Local\""],
            Errors(WithSpec(Valid(ServiceType.NodePort), s => s with { ExternalTrafficPolicy = (TrafficPolicy)4 })));
        Assert.Equal(
            ["spec.ipFamilyPolicy: Unsupported value: \"9\": supported values: \"PreferDualStack\", \"RequireDualStack\", \"SingleStack\""],
            Errors(WithSpec(Valid(), s => s with { IPFamilyPolicy = (IPFamilyPolicy)9 })));
    }

    [Fact]
    public void Metadata_namespace_and_labels_are_checked()
    {
        Assert.Equal(["metadata.namespace: Required value"], Errors(Valid() with { Namespace = "" }));
        Assert.StartsWith(
            "metadata.namespace: Invalid value: \"Prod\": a lowercase RFC 1123 label",
            Assert.Single(Errors(Valid() with { Namespace = "Prod" })),
            StringComparison.Ordinal);
        Assert.StartsWith(
            "metadata.labels: Invalid value: \"front end\": ",
            Assert.Single(Errors(Valid() with { Labels = ImmutableDictionary<string, string>.Empty.Add("tier", "front end") })),
            StringComparison.Ordinal);
    }

    [Fact]
    public void Headless_ClusterIP_needs_no_ports_and_keeps_other_rules()
    {
        var headless = ServiceDefaults.Apply(new Service { Name = "db", Spec = new ServiceSpec { ClusterIP = "None", Selector = ImmutableDictionary<string, string>.Empty.Add("app", "db") } }, s_v4);
        Assert.Empty(Errors(headless));
        Assert.Equal(["spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive"], Errors(WithSpec(headless, s => s with { Ports = [new ServicePort { Port = 70000, TargetPort = 80 }] })));
    }

    [Fact]
    public void IPv4_mapped_IPv6_cluster_IP_counts_as_IPv4_and_dual_stack_pairs_are_valid()
    {
        Assert.Empty(Errors(WithSpec(Valid(), s => s with { ClusterIP = "::ffff:10.0.0.1", ClusterIPs = ["::ffff:10.0.0.1"] })));
        Assert.Empty(Errors(WithSpec(Valid(), s => s with
        {
            ClusterIP = "10.0.0.1",
            ClusterIPs = ["10.0.0.1", "fd00::1"],
            IPFamilies = [IPFamily.IPv4, IPFamily.IPv6],
            IPFamilyPolicy = IPFamilyPolicy.RequireDualStack,
        })));
    }

    [Fact]
    public void EnsureValid_throws_with_every_error_and_the_API_server_message()
    {
        var svc = Valid(ServiceType.ClusterIP, new ServicePort { Port = 0, TargetPort = 80, NodePort = 30000 });
        var ex = Assert.Throws<ServiceValidationException>(() => ServiceValidator.EnsureValid(svc));
        Assert.Equal(2, ex.Errors.Length);
        Assert.Equal(
            "Service \"web\" is invalid: [spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive, spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP']",
            ex.Message);
        ServiceValidator.EnsureValid(Valid());
    }
}

public class ValidationErrorTests
{
    [Fact]
    public void Errors_holding_equal_lists_in_distinct_collections_are_equal()
    {
        ImmutableArray<string> a = ["10.0.0.1", "10.0.0.2"];
        ImmutableArray<string> b = ["10.0.0.1", "10.0.0.2"];
        var left = ValidationError.Invalid("spec.clusterIPs", a, "may only hold up to 2 values");
        var right = ValidationError.Invalid("spec.clusterIPs", b, "may only hold up to 2 values");
        Assert.Equal(left, right);
        Assert.Equal(left.GetHashCode(), right.GetHashCode());
        Assert.NotEqual(left, ValidationError.Invalid("spec.clusterIPs", ImmutableArray.Create("10.0.0.1"), "may only hold up to 2 values"));
        Assert.NotEqual(ValidationError.Invalid("x", 1, "d"), ValidationError.Invalid("x", "1", "d"));
        Assert.NotEqual(left, left with { Field = "spec.clusterIP" });
        Assert.NotEqual(left, left with { Detail = "" });
    }

    [Theory]
    [InlineData("a\"b", "x: Invalid value: \"a\\\"b\": d")]
    [InlineData("tab\there", "x: Invalid value: \"tab\\there\": d")]
    [InlineData("bell\a", "x: Invalid value: \"bell\\a\": d")]
    public void String_values_are_quoted_like_Go(string value, string expected)
        => Assert.Equal(expected, ValidationError.Invalid("x", value, "d").ToString());

    [Fact]
    public void Lists_and_nulls_print_as_JSON()
    {
        Assert.Equal("x: Invalid value: [\"a<b\",\"c\"]: d", ValidationError.Invalid("x", new[] { "a<b", "c" }, "d").ToString().Replace("\\u003c", "<", StringComparison.Ordinal));
        Assert.Contains("\\u003c", ValidationError.Invalid("x", new[] { "a<b" }, "d").ToString(), StringComparison.Ordinal);
        Assert.Equal("x: Invalid value: null: d", ValidationError.Invalid("x", null, "d").ToString());
        Assert.Equal("x: Invalid value: true: d", ValidationError.Invalid("x", true, "d").ToString());
    }

    [Fact]
    public void Required_and_Forbidden_omit_the_value()
    {
        Assert.Equal("spec.ports: Required value", ValidationError.Required("spec.ports").ToString());
        Assert.Equal("spec.a: Forbidden: no", ValidationError.Forbidden("spec.a", "no").ToString());
        Assert.Equal("spec.t: Unsupported value: \"X\": supported values: \"A\", \"B\"", ValidationError.NotSupported("spec.t", "X", ["A", "B"]).ToString());
        Assert.Equal("spec.d: Duplicate value: 3", ValidationError.Duplicate("spec.d", 3).ToString());
        Assert.Equal("spec.n: Too long: may not be more than 63 bytes", ValidationError.TooLong("spec.n", 63).ToString());
        Assert.Equal("spec.l: Too many: 3: must have at most 2 items", ValidationError.TooMany("spec.l", 3, 2).ToString());
        Assert.Equal("spec.l: Too many: must have at most 1 item", ValidationError.TooMany("spec.l", -1, 1).ToString());
    }

    [Fact]
    public void Exception_needs_errors_and_dedupes_its_message()
    {
        Assert.Throws<ArgumentException>(() => new ServiceValidationException("x", []));
        var e = ValidationError.Required("spec.ports");
        Assert.Equal("Service \"x\" is invalid: spec.ports: Required value", new ServiceValidationException("x", [e, e]).Message);
    }
}
