using ServiceModel.Configuration;
using ServiceModel.Networking;

namespace ServiceModel.Tests.Configuration;

public class ServiceModelOptionsValidatorTests
{
    private static IReadOnlyList<string> Failures(Action<ServiceModelOptions> configure)
    {
        var options = new ServiceModelOptions();
        configure(options);
        var result = new ServiceModelOptionsValidator().Validate(null, options);
        return result.Failed ? [.. result.Failures!] : [];
    }

    [Fact]
    public void Defaults_are_the_api_server_and_controller_manager_defaults_and_valid()
    {
        var options = new ServiceModelOptions();
        Assert.Equal("10.0.0.0/24", options.ServiceClusterIPRange);
        Assert.Equal("30000-32767", options.ServiceNodePortRange);
        Assert.Equal(100, options.MaxEndpointsPerSlice);
        Assert.Null(options.AllocatorSeed);
        Assert.Empty(Failures(_ => { }));
        Assert.Equal(new[] { ServiceCidr.Parse("10.0.0.0/24") }, options.GetServiceClusterIPRanges().ToArray());
        Assert.Equal(PortRange.Default, options.GetServiceNodePortRange());
    }

    [Theory]
    [InlineData("10.96.0.0/12")]
    [InlineData("3000::/108")]
    [InlineData("10.96.0.0/12,fd00:10:96::/108")]
    [InlineData("fd00:10:96::/108,10.96.0.0/12")]
    [InlineData("10.0.0.0/29")]
    public void Accepts_upstream_valid_ranges(string text)
    {
        Assert.Empty(Failures(o => o.ServiceClusterIPRange = text));
    }

    [Theory]
    [InlineData("10.0.0.0/8", "specified --service-cluster-ip-range is too large; for 32-bit addresses, the mask must be >= 12")]
    [InlineData("3000::/64", "specified --service-cluster-ip-range is too large; for 128-bit addresses, the mask must be >= 108")]
    [InlineData("10.0.0.0/24,3000::/64", "specified --service-cluster-ip-range[1] is too large; for 128-bit addresses, the mask must be >= 108")]
    [InlineData("10.0.0.0/24,10.1.0.0/24", "--service-cluster-ip-range[0] and --service-cluster-ip-range[1] must be of different IP family")]
    [InlineData("10.0.0.0/30", "error determining service IP ranges for primary service cidr: the service cluster IP range must be at least 8 IP addresses")]
    [InlineData("", "--service-cluster-ip-range must contain at least one valid cidr")]
    public void Rejects_ranges_with_upstream_messages(string text, string message)
    {
        Assert.Equal([message], Failures(o => o.ServiceClusterIPRange = text));
    }

    [Fact]
    public void Three_entries_are_rejected_even_when_each_is_valid()
    {
        Assert.Equal(
            ["--service-cluster-ip-range must not contain more than two entries"],
            Failures(o => o.ServiceClusterIPRange = "10.0.0.0/24,fd00::/120,10.1.0.0/24"));
    }

    [Fact]
    public void Same_family_and_too_large_secondary_are_both_reported_in_upstream_order()
    {
        Assert.Equal(
            [
                "--service-cluster-ip-range[0] and --service-cluster-ip-range[1] must be of different IP family",
                "specified --service-cluster-ip-range[1] is too large; for 32-bit addresses, the mask must be >= 12",
            ],
            Failures(o => o.ServiceClusterIPRange = "10.0.0.0/24,11.0.0.0/8"));
    }

    [Theory]
    [InlineData("nonsense", "service-cluster-ip-range[0] is not a valid cidr: ")]
    [InlineData("10.0.0.1/24", "service-cluster-ip-range[0] is not a valid cidr: ")]
    [InlineData("10.0.0.0/24,", "service-cluster-ip-range[1] is not an ip net: ")]
    [InlineData("10.0.0.0/24,fd00::1/120", "service-cluster-ip-range[1] is not an ip net: ")]
    public void Unparsable_entries_use_upstream_texts_then_say_why(string text, string prefix)
    {
        var failure = Assert.Single(Failures(o => o.ServiceClusterIPRange = text));
        Assert.StartsWith(prefix, failure, StringComparison.Ordinal);
        Assert.True(failure.Length > prefix.Length, "the reason follows the upstream text");
        var ex = Assert.Throws<FormatException>(() => new ServiceModelOptions { ServiceClusterIPRange = text }.GetServiceClusterIPRanges());
        Assert.Equal(failure, ex.Message);
    }

    [Fact]
    public void A_bad_node_port_range_names_the_flag_and_the_reason()
    {
        var failure = Assert.Single(Failures(o => o.ServiceNodePortRange = "32767-30000"));
        Assert.StartsWith("invalid argument \"32767-30000\" for \"--service-node-port-range\" flag: ", failure, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => new ServiceModelOptions { ServiceNodePortRange = "" }.GetServiceNodePortRange());
    }

    [Theory]
    [InlineData(0, "max-endpoints-per-slice must not be less than 1, but got 0")]
    [InlineData(1001, "max-endpoints-per-slice must not be more than 1000, but got 1001")]
    public void Max_endpoints_per_slice_follows_the_controller_manager(int value, string message)
    {
        Assert.Equal([message], Failures(o => o.MaxEndpointsPerSlice = value));
        Assert.Empty(Failures(o => o.MaxEndpointsPerSlice = 1000));
        Assert.Empty(Failures(o => o.MaxEndpointsPerSlice = 1));
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var failures = Failures(o =>
        {
            o.ServiceClusterIPRange = "10.0.0.0/8";
            o.ServiceNodePortRange = "x";
            o.MaxEndpointsPerSlice = -1;
        });
        Assert.Equal(3, failures.Count);
    }

    [Fact]
    public void Dual_stack_ranges_come_back_primary_first()
    {
        var options = new ServiceModelOptions { ServiceClusterIPRange = "fd00:10:96::/108,10.96.0.0/12" };
        var ranges = options.GetServiceClusterIPRanges();
        Assert.Equal([IPFamily.IPv6, IPFamily.IPv4], ranges.Select(r => r.Family));
    }
}
