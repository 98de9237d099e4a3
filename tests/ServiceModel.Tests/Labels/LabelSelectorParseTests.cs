using ServiceModel.Labels;

namespace ServiceModel.Tests.Labels;

// Cases from apimachinery pkg/labels/selector_test.go (TestSelectorParse, TestSetSelectorParser,
// TestLexer*) plus the exact messages Parse returns for them.
public class LabelSelectorParseTests
{
    [Theory]
    [InlineData("x=a,y=b,z=c")]
    [InlineData("")]
    [InlineData("x!=a,y=b")]
    [InlineData("x=")]
    [InlineData("x= ")]
    [InlineData("x=,z= ")]
    [InlineData("x= ,z= ")]
    [InlineData("!x")]
    [InlineData("x>1")]
    [InlineData("x>1,z<5")]
    public void Upstream_good_strings_print_back_without_spaces(string text)
        => Assert.Equal(text.Replace(" ", "", StringComparison.Ordinal), LabelSelector.Parse(text).ToString());

    [Theory]
    [InlineData("x=a||y=b")]
    [InlineData("x==a==b")]
    [InlineData("!x=a")]
    [InlineData("x<a")]
    [InlineData("x,,y")]
    [InlineData(",x,y")]
    [InlineData("x nott in (y)")]
    [InlineData("a in (xyz),")]
    [InlineData("a in (xyz)b notin ()")]
    [InlineData("a in (xyz abc)")]
    [InlineData("a notin(")]
    [InlineData("a (")]
    [InlineData("(")]
    [InlineData("x<+5")]
    [InlineData("x>99999999999999999999")]
    public void Upstream_bad_strings_are_rejected(string text)
    {
        Assert.Throws<FormatException>(() => LabelSelector.Parse(text));
        Assert.False(LabelSelector.TryParse(text, out var selector));
        Assert.Null(selector);
    }

    [Theory]
    [InlineData("\rx", "x")]
    [InlineData("this-is-a-dns.domain.com/key-with-dash", "this-is-a-dns.domain.com/key-with-dash")]
    [InlineData("this-is-another-dns.domain.com/key-with-dash in (so,what)", "this-is-another-dns.domain.com/key-with-dash in (so,what)")]
    [InlineData("0.1.2.domain/99 notin (10.10.100.1, tick.tack.clock)", "0.1.2.domain/99 notin (10.10.100.1,tick.tack.clock)")]
    [InlineData("foo  in\t (abc)", "foo in (abc)")]
    [InlineData("x notin\n (abc)", "x notin (abc)")]
    [InlineData("x  notin\t\t\t(abc,def)", "x notin (abc,def)")]
    [InlineData("x in (abc,def)", "x in (abc,def)")]
    [InlineData("x in (abc,)", "x in (,abc)")]
    [InlineData("x in ()", "x in ()")]
    [InlineData("x notin (abc,def),bar,z in (),w", "bar,w,x notin (abc,def),z in ()")]
    [InlineData("x,y in (a)", "x,y in (a)")]
    [InlineData("x,y", "x,y")]
    [InlineData("x=a", "x=a")]
    [InlineData("x>1", "x>1")]
    [InlineData("x<7", "x<7")]
    [InlineData("x=a,y!=b,z in (h,i,j)", "x=a,y!=b,z in (h,i,j)")]
    [InlineData("x notin ( )", "x notin ()")]
    [InlineData("x notin (, a)", "x notin (,a)")]
    [InlineData("a ", "a")]
    [InlineData("a in (x,y,notin, z,in)", "a in (in,notin,x,y,z)")]
    [InlineData("notin=in", "notin=in")]
    [InlineData("in in (in)", "in in (in)")]
    [InlineData("x in (b,a,b,a)", "x in (a,b)")]
    [InlineData("x in (a,,b)", "x in (,a,b)")]
    [InlineData("x==a", "x==a")]
    [InlineData("z=1,a=2,m=3", "a=2,m=3,z=1")]
    [InlineData("b!=1,a,b=2", "a,b!=1,b=2")]
    [InlineData("   ", "")]
    public void Upstream_set_selectors_parse_to_canonical_text(string text, string canonical)
        => Assert.Equal(canonical, LabelSelector.Parse(text).ToString());

    [Fact]
    public void Parse_is_deterministic_in_order()
        => Assert.Equal(LabelSelector.Parse("x=a,a=x"), LabelSelector.Parse("a=x,x=a"));

    [Theory]
    [InlineData(",x,y", "found ',', expected: !, identifier, or 'end of string'")]
    [InlineData("x,,y", "found ',', expected: identifier after ','")]
    [InlineData("a in (xyz),", "found '', expected: identifier after ','")]
    [InlineData("a in (xyz)b notin ()", "found 'b', expected: ',' or 'end of string'")]
    [InlineData("!x=a", "found '=', expected: ',' or 'end of string'")]
    [InlineData("x==a==b", "found '==', expected: ',' or 'end of string'")]
    [InlineData("x nott in (y)", "unable to parse requirement: found 'nott', expected: in, notin, =, ==, !=, gt, lt")]
    [InlineData("a in (xyz abc)", "unable to parse requirement: found 'abc', expected: ',' or ')'")]
    [InlineData("a notin(", "unable to parse requirement: found '', expected: ',', ')' or identifier")]
    [InlineData("a (", "unable to parse requirement: found '(', expected: in, notin, =, ==, !=, gt, lt")]
    [InlineData("(", "found '(', expected: !, identifier, or 'end of string'")]
    [InlineData("x in a", "unable to parse requirement: found 'a' expected: '('")]
    [InlineData("x in (a,=)", "unable to parse requirement: found '=', expected: ',', or identifier")]
    [InlineData("!", "unable to parse requirement: found '', expected: identifier")]
    [InlineData("!=", "found '!=', expected: !, identifier, or 'end of string'")]
    [InlineData("x=(", "unable to parse requirement: found '(', expected: identifier")]
    [InlineData("x<a", "unable to parse requirement: values[0]: Invalid value: \"a\": for 'Gt', 'Lt' operators, the value must be an integer")]
    [InlineData("x>", "unable to parse requirement: values[0]: Invalid value: \"\": for 'Gt', 'Lt' operators, the value must be an integer")]
    [InlineData("a/b/c", "unable to parse requirement: <nil>: Invalid value: \"a/b/c\": a valid label key must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')")]
    [InlineData("x=a||y=b", "unable to parse requirement: values[0][x]: Invalid value: \"a||y\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')")]
    [InlineData("x>-1", "unable to parse requirement: values[0][x]: Invalid value: \"-1\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')")]
    [InlineData("x>a-", "unable to parse requirement: [values[0]: Invalid value: \"a-\": for 'Gt', 'Lt' operators, the value must be an integer, values[0][x]: Invalid value: \"a-\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')]")]
    public void Errors_carry_upstreams_message(string text, string message)
        => Assert.Equal(message, Assert.Throws<FormatException>(() => LabelSelector.Parse(text)).Message);

    [Fact]
    public void Key_quoting_follows_go()
        => Assert.StartsWith(
            "unable to parse requirement: <nil>: Invalid value: \"a\\\"\\\\\\x01\u00e9\\u00a0\": ",
            Assert.Throws<FormatException>(() => LabelSelector.Parse("a\"\\\u0001\u00e9\u00a0")).Message);

    [Theory]
    [InlineData("a\0", "a")]
    [InlineData("\0a=b", "")]
    [InlineData("a=\0b", "a=b")]
    [InlineData("a!=\0b", "a!=b")]
    public void Nul_reads_as_upstream_reads_it(string text, string canonical)
        => Assert.Equal(canonical, LabelSelector.Parse(text).ToString());

    [Theory]
    [InlineData("x==", "x==")]
    [InlineData("x!=", "x!=")]
    [InlineData("x=,y", "x=,y")]
    [InlineData("x in (in,notin)", "x in (in,notin)")]
    [InlineData("in=notin", "in=notin")]
    [InlineData("x>007", "x>007")]
    public void Keywords_and_empty_values(string text, string canonical)
        => Assert.Equal(canonical, LabelSelector.Parse(text).ToString());

    [Fact]
    public void Empty_text_is_everything()
    {
        Assert.Same(LabelSelector.Everything, LabelSelector.Parse(""));
        Assert.True(LabelSelector.Parse(" \t").IsEverything);
    }

    [Fact]
    public void Null_text()
    {
        Assert.Throws<ArgumentNullException>(() => LabelSelector.Parse(null!));
        Assert.False(LabelSelector.TryParse(null, out _));
    }
}
