using ServiceModel.Labels;

namespace ServiceModel.Tests.Labels;

// Examples are apimachinery's own (pkg/util/validation/validation_test.go and
// pkg/api/validate/content/kube_test.go, dns_test.go).
public class LabelValidationTests
{
    private const string NameRule =
        "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

    private const string ValueRule =
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

    private const string SubdomainRule =
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

    private const string LabelRule =
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

    public static TheoryData<string> GoodKeys() =>
    [
        "simple", "now-with-dashes", "1-starts-with-num", "1234", "simple/simple", "now-with-dashes/simple",
        "now-with-dashes/now-with-dashes", "now.with.dots/simple", "now-with.dashes-and.dots/simple",
        "1-num.2-num/3-num", "1234/5678", "1.2.3.4/5678", "Uppercase_Is_OK_123", "example.com/Uppercase_Is_OK_123",
        "requests.storage-foo", new string('a', 63), new string('a', 253) + "/" + new string('b', 63),
    ];

    public static TheoryData<string> BadKeys() =>
    [
        "nospecialchars%^=@", "cantendwithadash-", "-cantstartwithadash-", "only/one/slash", "Example.com/abc",
        "example_com/abc", "example.com/", "/simple", new string('a', 64), new string('a', 254) + "/abc", "",
    ];

    [Theory]
    [MemberData(nameof(GoodKeys))]
    public void Upstream_good_keys_are_valid(string key)
    {
        Assert.True(LabelValidation.IsValidKey(key));
        Assert.Empty(LabelValidation.ValidateKey(key));
    }

    [Theory]
    [MemberData(nameof(BadKeys))]
    public void Upstream_bad_keys_are_invalid(string key)
    {
        Assert.False(LabelValidation.IsValidKey(key));
        Assert.NotEmpty(LabelValidation.ValidateKey(key));
    }

    [Fact]
    public void Key_with_two_slashes_reports_only_the_overall_shape()
        => Assert.Equal(
            ["a valid label key " + NameRule + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"],
            LabelValidation.ValidateKey("only/one/slash"));

    [Fact]
    public void Too_long_name_says_bytes()
        => Assert.Equal(["name part must be no more than 63 bytes"], LabelValidation.ValidateKey(new string('a', 64)));

    [Fact]
    public void Empty_key_reports_empty_and_pattern()
        => Assert.Equal(["name part must be non-empty", "name part " + NameRule], LabelValidation.ValidateKey(""));

    [Fact]
    public void Empty_prefix_and_name_are_both_reported()
        => Assert.Equal(
            ["prefix part must be non-empty", "name part must be non-empty", "name part " + NameRule],
            LabelValidation.ValidateKey("/"));

    [Fact]
    public void Bad_prefix_is_reported_as_a_subdomain()
        => Assert.Equal(["prefix part " + SubdomainRule], LabelValidation.ValidateKey("Example.com/abc"));

    [Fact]
    public void Too_long_prefix_reports_length()
        => Assert.Equal(["prefix part must be no more than 253 bytes"], LabelValidation.ValidateKey(new string('a', 254) + "/abc"));

    [Fact]
    public void Bad_name_characters_are_reported()
        => Assert.Equal(["name part " + NameRule], LabelValidation.ValidateKey("cantendwithadash-"));

    [Fact]
    public void Length_counts_utf8_bytes()
        => Assert.Equal(
            ["name part must be no more than 63 bytes", "name part " + NameRule],
            LabelValidation.ValidateKey(new string('a', 31) + new string('\u00e9', 17)));

    public static TheoryData<string> GoodValues() =>
    [
        "simple", "now-with-dashes", "1-starts-with-num", "end-with-num-1", "1234", new string('a', 63), "",
        "Uppercase_Is_OK_123", "now.with.dots",
    ];

    public static TheoryData<string> BadValues() =>
    [
        "nospecialchars%^=@", "Tama-nui-te-r\u0101.is_M\u0101ori.sun", "\\backslashes\\are\\bad", "-starts-with-dash",
        "ends-with-dash-", ".starts.with.dot", "ends.with.dot.", new string('a', 64), "a b",
    ];

    [Theory]
    [MemberData(nameof(GoodValues))]
    public void Upstream_good_values_are_valid(string value)
    {
        Assert.True(LabelValidation.IsValidValue(value));
        Assert.Empty(LabelValidation.ValidateValue(value));
    }

    [Theory]
    [MemberData(nameof(BadValues))]
    public void Upstream_bad_values_are_invalid(string value)
    {
        Assert.False(LabelValidation.IsValidValue(value));
        Assert.NotEmpty(LabelValidation.ValidateValue(value));
    }

    [Fact]
    public void Value_messages_are_upstreams()
    {
        Assert.Equal(["must be no more than 63 bytes"], LabelValidation.ValidateValue(new string('a', 64)));
        Assert.Equal([ValueRule], LabelValidation.ValidateValue("-starts-with-dash"));
        Assert.Equal(["must be no more than 63 bytes", ValueRule], LabelValidation.ValidateValue(new string('a', 63) + "-"));
    }

    public static TheoryData<string> GoodDns1123Labels() =>
        ["a", "ab", "abc", "a1", "a-1", "a--1--2--b", "0", "01", "012", "1a", "1-a", "1--a--b--2", new string('a', 63)];

    public static TheoryData<string> BadDns1123Labels() =>
    [
        "", "A", "ABC", "aBc", "A1", "A-1", "1-A", "-", "a-", "-a", "1-", "-1", "_", "a_", "_a", "a_b", "1_", "_1",
        "1_2", ".", "a.", ".a", "a.b", "1.", ".1", "1.2", " ", "a ", " a", "a b", "1 ", " 1", "1 2", new string('a', 64),
    ];

    [Theory]
    [MemberData(nameof(GoodDns1123Labels))]
    public void Upstream_good_dns1123_labels_are_valid(string value)
    {
        Assert.True(LabelValidation.IsValidDns1123Label(value));
        Assert.Empty(LabelValidation.ValidateDns1123Label(value));
    }

    [Theory]
    [MemberData(nameof(BadDns1123Labels))]
    public void Upstream_bad_dns1123_labels_are_invalid(string value)
    {
        Assert.False(LabelValidation.IsValidDns1123Label(value));
        Assert.NotEmpty(LabelValidation.ValidateDns1123Label(value));
    }

    [Fact]
    public void Dns1123_label_messages_are_upstreams()
    {
        Assert.Equal(["must not contain dots"], LabelValidation.ValidateDns1123Label("a.b"));
        Assert.Equal([LabelRule], LabelValidation.ValidateDns1123Label("a."));
        Assert.Equal([LabelRule], LabelValidation.ValidateDns1123Label("A"));
        // util/validation still words DNS lengths in characters in v1.35 (content.MaxLenError says bytes).
        Assert.Equal(["must be no more than 63 characters"], LabelValidation.ValidateDns1123Label(new string('a', 64)));
        Assert.Equal(["must be no more than 63 characters"], LabelValidation.ValidateDns1123Label(new string('\u00e9', 32)).Take(1));
    }

    public static TheoryData<string> GoodDns1123Subdomains() =>
    [
        "a", "ab", "abc", "a1", "a-1", "a--1--2--b", "0", "01", "012", "1a", "1-a", "1--a--b--2", "a.a", "ab.a",
        "abc.a", "a1.a", "a-1.a", "a--1--2--b.a", "a.1", "ab.1", "abc.1", "a1.1", "a-1.1", "a--1--2--b.1", "0.a",
        "01.a", "012.a", "1a.a", "1-a.a", "1--a--b--2.a", "0.1", "01.1", "012.1", "1a.1", "1-a.1", "1--a--b--2.1",
        "a.b.c.d.e", "aa.bb.cc.dd.ee", "1.2.3.4.5", "11.22.33.44.55", new string('a', 253),
    ];

    public static TheoryData<string> BadDns1123Subdomains() =>
    [
        "", "A", "ABC", "aBc", "A1", "A-1", "1-A", "-", "a-", "-a", "1-", "-1", "_", "a_", "_a", "a_b", "1_", "_1",
        "1_2", ".", "a.", ".a", "a..b", "1.", ".1", "1..2", " ", "a ", " a", "a b", "1 ", " 1", "1 2", "A.a", "aB.a",
        "ab.A", "A1.a", "a1.A", "A.1", "aB.1", "A1.1", "1A.1", "0.A", "01.A", "012.A", "1A.a", "1a.A", "A.B.C.D.E",
        "AA.BB.CC.DD.EE", "a.B.c.d.e", "aa.bB.cc.dd.ee", "a@b", "a,b", "a;b", "a:b", "a%b", "a?b", "a$b",
        new string('a', 254),
    ];

    [Theory]
    [MemberData(nameof(GoodDns1123Subdomains))]
    public void Upstream_good_dns1123_subdomains_are_valid(string value)
    {
        Assert.True(LabelValidation.IsValidDns1123Subdomain(value));
        Assert.Empty(LabelValidation.ValidateDns1123Subdomain(value));
    }

    [Theory]
    [MemberData(nameof(BadDns1123Subdomains))]
    public void Upstream_bad_dns1123_subdomains_are_invalid(string value)
    {
        Assert.False(LabelValidation.IsValidDns1123Subdomain(value));
        Assert.NotEmpty(LabelValidation.ValidateDns1123Subdomain(value));
    }

    [Fact]
    public void Dns1123_subdomain_messages_are_upstreams()
    {
        Assert.Equal([SubdomainRule], LabelValidation.ValidateDns1123Subdomain("a..b"));
        Assert.Equal(["must be no more than 253 characters"], LabelValidation.ValidateDns1123Subdomain(new string('a', 254)));

        // The same check on a label key's prefix is content.IsDNS1123Subdomain, which says bytes.
        Assert.Equal(["prefix part must be no more than 253 bytes"], LabelValidation.ValidateKey(new string('a', 254) + "/abc"));
    }

    [Fact]
    public void Null_arguments_throw()
    {
        Assert.Throws<ArgumentNullException>(() => LabelValidation.ValidateKey(null!));
        Assert.Throws<ArgumentNullException>(() => LabelValidation.IsValidValue((string)null!));
        Assert.Throws<ArgumentNullException>(() => LabelValidation.ValidateDns1123Label(null!));
    }
}
