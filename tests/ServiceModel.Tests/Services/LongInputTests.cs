using System.Collections.Immutable;
using ServiceModel.Internal;
using ServiceModel.Services;
using ServiceModel.Validation;

namespace ServiceModel.Tests.Services;

// A 1 MB value in any validated Service field yields errors whose text stays bounded: the value is
// printed cut to GoText.MaxShownLength characters (plus a marker with its length), never whole.
public class LongInputTests
{
    private const int Megabyte = 1 << 20;

    // The longest an error may print: a cut value fully escaped (\U0001xxxx is 10 characters per
    // character at worst), its marker, the field path and the longest upstream detail.
    private const int MaxErrorLength = (GoText.MaxShownLength * 10) + 1024;

    private static readonly string s_long = new('a', Megabyte);
    private static readonly string s_longInvalid = new('-', Megabyte);

    public static TheoryData<string, Func<string, Service>> Fields => new()
    {
        { "metadata.name", v => Svc() with { Name = v } },
        { "metadata.namespace", v => Svc() with { Namespace = v } },
        { "metadata.labels key", v => Svc() with { Labels = ImmutableDictionary<string, string>.Empty.Add(v, "x") } },
        { "metadata.labels value", v => Svc() with { Labels = ImmutableDictionary<string, string>.Empty.Add("app", v) } },
        { "spec.selector", v => Svc() with { Spec = Svc().Spec with { Selector = ImmutableDictionary<string, string>.Empty.Add(v, v) } } },
        { "spec.externalName", v => Svc() with { Spec = new ServiceSpec { Type = ServiceType.ExternalName, ExternalName = v } } },
        { "spec.ports[0].name", v => WithPort(new ServicePort { Name = v, Port = 80 }) },
        { "spec.ports[0].targetPort", v => WithPort(new ServicePort { Port = 80, TargetPort = v }) },
        { "spec.ports[0].appProtocol", v => WithPort(new ServicePort { Port = 80, AppProtocol = v }) },
        { "spec.clusterIPs", v => Svc() with { Spec = Svc().Spec with { ClusterIP = v, ClusterIPs = [v, v, v] } } },
        { "spec.externalIPs", v => Svc() with { Spec = Svc().Spec with { ExternalIPs = [v] } } },
        { "spec.loadBalancerSourceRanges", v => Svc() with { Spec = Svc().Spec with { LoadBalancerSourceRanges = [v] } } },
        { "spec.loadBalancerClass", v => Svc() with { Spec = Svc().Spec with { Type = ServiceType.LoadBalancer, LoadBalancerClass = v } } },
    };

    private static Service Svc() => new() { Name = "web", Spec = new ServiceSpec { Ports = [new ServicePort { Port = 80 }] } };

    private static Service WithPort(ServicePort port) => Svc() with { Spec = Svc().Spec with { Ports = [port] } };

    [Theory]
    [MemberData(nameof(Fields))]
    public void A_megabyte_value_yields_bounded_errors(string field, Func<string, Service> build)
    {
        foreach (var value in new[] { s_long, s_longInvalid })
        {
            var errors = ServiceValidator.Validate(ServiceDefaults.Apply(build(value)));
            Assert.NotEmpty(errors);
            Assert.All(errors, e => Assert.True(e.ToString().Length <= MaxErrorLength, $"{field}: {e.ToString().Length} characters"));
            var ex = new ServiceValidationException("web", errors);
            Assert.True(ex.Message.Length <= errors.Length * (MaxErrorLength + 2) + 64, $"{field}: message of {ex.Message.Length} characters");
        }
    }

    [Fact]
    public void A_long_value_is_printed_cut_with_its_length()
    {
        var error = ValidationError.Invalid("metadata.name", s_long, "must be no more than 63 characters");
        Assert.Equal(
            "metadata.name: Invalid value: \"" + new string('a', GoText.MaxShownLength) + "\"... (" + (Megabyte - GoText.MaxShownLength) + " more characters omitted): must be no more than 63 characters",
            error.ToString());
    }

    [Fact]
    public void A_value_up_to_the_bound_is_printed_whole_as_upstream_does()
    {
        var value = new string('a', GoText.MaxShownLength);
        Assert.Equal("x: Invalid value: \"" + value + "\": d", ValidationError.Invalid("x", value, "d").ToString());
    }

    [Fact]
    public void A_cut_never_splits_a_surrogate_pair()
    {
        var value = new string('a', GoText.MaxShownLength - 1) + "😀" + s_long;
        var text = ValidationError.Invalid("x", value, "d").ToString();
        Assert.DoesNotContain('\uD83D', text);
        Assert.Contains("\"... (", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_list_is_printed_cut()
    {
        var list = Enumerable.Range(0, 100_000).Select(i => "10.0.0." + (i % 250)).ToImmutableArray();
        var text = ValidationError.Invalid("spec.clusterIPs", list, "may only hold up to 2 values").ToString();
        Assert.True(text.Length < GoText.MaxShownLength * 2, text.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.EndsWith($",... ({list.Length - text.Count(c => c == ',')} more items omitted)]: may only hold up to 2 values", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_exceptions_header_quotes_a_megabyte_name_bounded()
    {
        // errors.NewInvalid prints the name with %q: bounded here like every quoted value.
        var error = Assert.Throws<ServiceValidationException>(() => ServiceValidator.EnsureValid(Svc() with { Name = s_longInvalid }));
        Assert.StartsWith("Service \"----", error.Message, StringComparison.Ordinal);
        Assert.InRange(error.Message.Length, 1, 2 * MaxErrorLength);
        Assert.Equal(s_longInvalid, error.ServiceName);
    }
}
