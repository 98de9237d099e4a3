using ServiceModel.Services;
using ServiceModel.Traffic;

namespace ServiceModel.Tests.Traffic;

public class ServiceProxyPathTests
{
    // apimachinery port_split_test.go: input, scheme, name, port, valid, normalized (JoinSchemeNamePort gives the input back).
    [Theory]
    [InlineData("aoeu:asdf", ServiceProxyScheme.Unspecified, "aoeu", "asdf", true, true)]
    [InlineData("http:aoeu:asdf", ServiceProxyScheme.Http, "aoeu", "asdf", true, true)]
    [InlineData("https:aoeu:", ServiceProxyScheme.Https, "aoeu", "", true, true)]
    [InlineData("https:aoeu:asdf", ServiceProxyScheme.Https, "aoeu", "asdf", true, true)]
    [InlineData("aoeu:", ServiceProxyScheme.Unspecified, "aoeu", "", true, false)]
    [InlineData(":asdf", ServiceProxyScheme.Unspecified, "", "", false, false)]
    [InlineData("aoeu:asdf:htns", ServiceProxyScheme.Unspecified, "", "", false, false)]
    [InlineData("aoeu", ServiceProxyScheme.Unspecified, "aoeu", "", true, true)]
    [InlineData("", ServiceProxyScheme.Unspecified, "", "", false, false)]
    [InlineData("http::80", ServiceProxyScheme.Unspecified, "", "", false, false)]
    [InlineData("a:b:c:d", ServiceProxyScheme.Unspecified, "", "", false, false)]
    public void Splits_the_service_segment_like_SplitSchemeNamePort(string input, ServiceProxyScheme scheme, string name, string port, bool valid, bool normalized)
    {
        Assert.Equal(valid, ServiceProxyPath.TrySplitServiceSegment(input, out var s, out var n, out var p));
        Assert.Equal((scheme, name, port), (s, n, p));
        if (valid)
        {
            var path = new ServiceProxyPath("default", n, p, s);
            Assert.Equal(normalized, path.ServiceSegment == input);
            Assert.True(ServiceProxyPath.TrySplitServiceSegment(path.ServiceSegment, out var s2, out var n2, out var p2));
            Assert.Equal((s, n, p), (s2, n2, p2));
        }
    }

    [Theory]
    [InlineData("default", "web", null, ServiceProxyScheme.Unspecified, "/", "/api/v1/namespaces/default/services/web/proxy/")]
    [InlineData("default", "web", "8080", ServiceProxyScheme.Unspecified, "/", "/api/v1/namespaces/default/services/web:8080/proxy/")]
    [InlineData("kube-system", "kube-dns", "dns", ServiceProxyScheme.Unspecified, "", "/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy/")]
    [InlineData("default", "web", null, ServiceProxyScheme.Https, "/", "/api/v1/namespaces/default/services/https:web:/proxy/")]
    [InlineData("default", "web", "443", ServiceProxyScheme.Https, "healthz", "/api/v1/namespaces/default/services/https:web:443/proxy/healthz")]
    [InlineData("default", "web", "http", ServiceProxyScheme.Http, "/a b/ü?x#y", "/api/v1/namespaces/default/services/http:web:http/proxy/a%20b/%C3%BC%3Fx%23y")]
    [InlineData("default", "web", null, ServiceProxyScheme.Unspecified, "/100%/:@!$&'()*+,;=~", "/api/v1/namespaces/default/services/web/proxy/100%25/:@!$&'()*+,;=~")]
    public void Builds_the_path_with_upstream_segment_rules_and_escaping(string ns, string name, string? port, ServiceProxyScheme scheme, string path, string expected)
    {
        var built = new ServiceProxyPath(ns, name, port, scheme, path);
        Assert.Equal(expected, built.ToString());
        Assert.Equal(built, ServiceProxyPath.Parse(expected));
    }

    [Fact]
    public void Parses_kubectl_cluster_info_urls_and_a_bare_proxy_suffix()
    {
        var parsed = ServiceProxyPath.Parse("https://10.0.0.1:6443/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy");
        Assert.Equal(("kube-system", "kube-dns", "dns", ServiceProxyScheme.Unspecified, "/"), (parsed.Namespace, parsed.ServiceName, parsed.Port, parsed.Scheme, parsed.Path));
        Assert.Null(parsed.PortNumber);
        Assert.True(parsed.HasPort);

        var escaped = ServiceProxyPath.Parse("/api/v1/namespaces/default/services/https%3Aweb%3A443/proxy/x%2Fy");
        Assert.Equal((ServiceProxyScheme.Https, "web", 443, "/x/y"), (escaped.Scheme, escaped.ServiceName, escaped.PortNumber, escaped.Path));
    }

    [Theory]
    [InlineData("/api/v1/namespaces/default/pods/web/proxy/", "is not a service proxy path: expected /api/v1/namespaces/{namespace}/services/")]
    [InlineData("/api/v1/namespaces/default/services/web/", "is not a service proxy path: expected")]
    [InlineData("/api/v1/namespaces/default/services/web/proxyx", "is not a service proxy path: expected")]
    [InlineData("/api/v1/namespaces/default/services/ftp:web:21/proxy/", "invalid service request \"ftp:web:21\": expected name, name:port or scheme:name:port with scheme http or https")]
    [InlineData("/api/v1/namespaces/default/services/web:a:b:c/proxy/", "invalid service request \"web:a:b:c\"")]
    [InlineData("/api/v1/namespaces/default/services/:80/proxy/", "invalid service request \":80\"")]
    [InlineData("/api/v1/namespaces/Default/services/web/proxy/", "namespace \"Default\": a lowercase RFC 1123 label must consist of")]
    [InlineData("/api/v1/namespaces/default/services/web_1/proxy/", "service name \"web_1\": a lowercase RFC 1123 label must consist of")]
    [InlineData("/api/v1/namespaces/default/services/web:70000/proxy/", "port \"70000\": must be between 1 and 65535, inclusive")]
    [InlineData("/api/v1/namespaces/default/services/web:my--port/proxy/", "port \"my--port\": must not contain consecutive hyphens")]
    [InlineData("/api/v1/namespaces/default/services/web:Http/proxy/", "port \"Http\": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)")]
    [InlineData("/api/v1/namespaces/default/services/web:averyveryverylongname/proxy/", "port \"averyveryverylongname\": must be no more than 15 characters")]
    [InlineData("/api/v1/namespaces/default/services/web/proxy/a?b=c", "a query or fragment ('?', '#') is not part of it")]
    [InlineData("/api/v1/namespaces/default/services/web/proxy/%zz", "'%' must be followed by two hex digits")]
    [InlineData("/api/v1/namespaces/default/services/web/proxy/%FF", "percent-escapes must encode UTF-8 text")]
    public void Bad_text_says_what_is_wrong_and_what_is_allowed(string text, string message)
    {
        var error = Assert.Throws<FormatException>(() => ServiceProxyPath.Parse(text));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.False(ServiceProxyPath.TryParse(text, out var result));
        Assert.Null(result);
    }

    [Theory]
    [InlineData("Default", "web", null, "namespace \"Default\"")]
    [InlineData("default", "", null, "service name \"\": must be no more than|service name \"\"")]
    [InlineData("default", "web", "-a", "port \"-a\": must not begin or end with a hyphen")]
    [InlineData("default", "web", "0", "port \"0\": must be between 1 and 65535, inclusive")]
    public void Constructor_rejects_invalid_parts_with_ArgumentException(string ns, string name, string? port, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => new ServiceProxyPath(ns, name, port));
        Assert.Contains(message.Split('|')[^1], error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new ServiceProxyPath("default", "web", scheme: (ServiceProxyScheme)7));
    }

    private static readonly Service s_web = new()
    {
        Name = "web",
        Spec = new ServiceSpec
        {
            Ports = [new ServicePort { Name = "http", Port = 80 }, new ServicePort { Name = "metrics", Port = 9090 }],
        },
    };

    [Fact]
    public void A_port_number_resolves_to_the_declared_port_and_its_name()
    {
        var port = ServiceProxyPath.For(s_web, "9090").ResolvePort(s_web);
        Assert.Equal("metrics", port.Name);
        Assert.Equal(80, ServiceProxyPath.For(s_web, "http").ResolvePort(s_web).Port);
    }

    [Fact]
    public void Unknown_ports_fail_with_the_api_servers_text()
    {
        var byNumber = Assert.Throws<ArgumentException>(() => ServiceProxyPath.For(s_web, "8080").ResolvePort(s_web));
        Assert.StartsWith("no service port 8080 found for service \"web\"", byNumber.Message, StringComparison.Ordinal);

        var byName = Assert.Throws<ArgumentException>(() => ServiceProxyPath.For(s_web, "grpc", ServiceProxyScheme.Https).ResolvePort(s_web));
        Assert.StartsWith("no endpoints available for service \"https:web:grpc\": the service has no port named \"grpc\"", byName.Message, StringComparison.Ordinal);

        // Upstream matches an absent port against the empty port name: a Service whose only port is named needs the name.
        Assert.False(ServiceProxyPath.For(s_web).TryResolvePort(s_web, out var none));
        Assert.Null(none);
        var single = s_web with { Spec = new ServiceSpec { Ports = [new ServicePort { Port = 80 }] } };
        Assert.True(ServiceProxyPath.For(single).TryResolvePort(single, out var unnamed));
        Assert.Equal(80, unnamed.Port);

        var other = Assert.Throws<ArgumentException>(() => new ServiceProxyPath("prod", "web").ResolvePort(s_web));
        Assert.Contains("the path names service \"prod/web\", not \"default/web\"", other.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Equality_compares_every_part()
    {
        Assert.Equal(new ServiceProxyPath("default", "web", "80"), new ServiceProxyPath("default", "web", "80", path: ""));
        Assert.NotEqual(new ServiceProxyPath("default", "web", "80"), new ServiceProxyPath("default", "web", "80", ServiceProxyScheme.Http));
        Assert.NotEqual(new ServiceProxyPath("default", "web"), new ServiceProxyPath("default", "web", path: "/x"));
        Assert.Equal(new ServiceProxyPath("default", "web", string.Empty), new ServiceProxyPath("default", "web"));
    }

    // A lone surrogate has no UTF-8 form: before, ToString escaped it as U+FFFD and Parse read back a different path.
    // The surrogates come as numbers: test arguments travel as UTF-8, which would turn a lone surrogate into U+FFFD.
    [Theory]
    [InlineData("/a", 0xD800, "", 2)]
    [InlineData("/", 0xDC00, "b", 1)]
    [InlineData("/b", 0xDE00, "", 2)]
    [InlineData("x", 0xD83D, "", 1)]
    public void A_path_that_is_not_valid_UTF16_is_refused_where_it_is_built_and_where_it_is_parsed(string before, int surrogate, string after, int index)
    {
        var path = before + (char)surrogate + after;
        var built = Assert.Throws<ArgumentException>(() => new ServiceProxyPath("default", "web", path: path));
        Assert.Contains("not valid UTF-16", built.Message, StringComparison.Ordinal);
        Assert.Contains($"at index {index}", built.Message, StringComparison.Ordinal);

        var text = "/api/v1/namespaces/default/services/web/proxy" + (path[0] == '/' ? path : "/" + path);
        var parsed = Assert.Throws<FormatException>(() => ServiceProxyPath.Parse(text));
        Assert.Contains("not valid UTF-16", parsed.Message, StringComparison.Ordinal);
        Assert.False(ServiceProxyPath.TryParse(text, out _));
        Assert.False(ServiceProxyPath.TryParse(text.AsSpan(), out _));
    }

    [Fact]
    public void A_surrogate_pair_is_text_and_round_trips()
    {
        var path = new ServiceProxyPath("default", "web", path: "/\uD83D\uDE00");
        Assert.Equal("/api/v1/namespaces/default/services/web/proxy/%F0%9F%98%80", path.ToString());
        Assert.Equal(path, ServiceProxyPath.Parse(path.ToString()));
    }

    [Fact]
    public void An_error_quotes_at_most_a_bounded_part_of_a_huge_input()
    {
        var huge = "/api/v1/namespaces/" + new string('x', 1_000_000) + "?";
        var error = Assert.Throws<FormatException>(() => ServiceProxyPath.Parse(huge));
        Assert.InRange(error.Message.Length, 1, 400);
    }

    [Theory]
    [InlineData("namespace")]
    [InlineData("service")]
    [InlineData("port")]
    public void An_invalid_part_of_a_megabyte_gives_a_short_message_from_the_constructor_and_from_Parse(string part)
    {
        var huge = new string('X', 1_000_000);
        var (ns, name, port) = part switch
        {
            "namespace" => (huge, "web", (string?)null),
            "service" => ("default", huge, null),
            _ => ("default", "web", huge),
        };

        var constructed = Assert.Throws<ArgumentException>(() => new ServiceProxyPath(ns, name, port));
        Assert.InRange(constructed.Message.Length, 1, 2_000);

        var text = "/api/v1/namespaces/" + ns + "/services/" + name + (port is null ? "" : ":" + port) + "/proxy/";
        var parsed = Assert.Throws<FormatException>(() => ServiceProxyPath.Parse(text));
        Assert.InRange(parsed.Message.Length, 1, 2_000);
    }

    [Fact]
    public void Resolving_against_another_service_named_by_a_megabyte_gives_a_short_message()
    {
        var other = new Service { Name = new string('o', 1_000_000), Spec = new ServiceSpec { Ports = [new ServicePort { Port = 80 }] } };
        var error = Assert.Throws<ArgumentException>(() => new ServiceProxyPath("default", "web").ResolvePort(other));
        Assert.StartsWith("the path names service \"default/web\", not \"default/oooo", error.Message, StringComparison.Ordinal);
        Assert.InRange(error.Message.Length, 1, 2_000);
    }

    [Fact]
    public void No_with_expression_can_change_a_validated_part()
    {
        // Every member is get-only, so a copy is the only thing `with` can make.
        Assert.All(typeof(ServiceProxyPath).GetProperties(), p => Assert.False(p.SetMethod?.IsPublic ?? false, p.Name));
        var path = new ServiceProxyPath("default", "web", "8080");
        Assert.Equal(path, path with { });
    }

    [Fact]
    public void A_service_whose_ports_are_a_default_array_resolves_no_port()
    {
        var service = new Service { Name = "web", Spec = new ServiceSpec { Ports = default } };
        var error = Assert.Throws<ArgumentException>(() => ServiceProxyPath.For(service, "80").ResolvePort(service));
        Assert.Contains("no service port 80", error.Message, StringComparison.Ordinal);
        Assert.False(ServiceProxyPath.For(service).TryResolvePort(service, out _));
    }
}
