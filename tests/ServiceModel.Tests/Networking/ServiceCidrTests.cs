using System.Net;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ServiceModel.Networking;
using ServiceModel.Tests.Properties;

namespace ServiceModel.Tests.Networking;

public class ServiceCidrTests
{
    [Theory]
    // Kubernetes' own examples: /12 is the benchmark range, /24 the test range.
    [InlineData("10.0.0.0/12", 1_048_574)]
    [InlineData("10.96.0.0/12", 1_048_574)]
    [InlineData("10.0.0.0/24", 254)]
    [InlineData("192.168.1.0/30", 2)]
    [InlineData("192.168.1.0/31", 0)]
    [InlineData("192.168.1.1/32", 0)]
    [InlineData("0.0.0.0/1", 0)]
    [InlineData("0.0.0.0/0", 0)]
    [InlineData("128.0.0.0/2", 1_073_741_822)]
    [InlineData("2001:db8::/64", 65_535)]
    [InlineData("2001:db8::/112", 65_535)]
    [InlineData("2001:db8::/113", 32_767)]
    [InlineData("2001:db8::/120", 255)]
    [InlineData("2001:db8::/126", 3)]
    [InlineData("2001:db8::/127", 1)]
    [InlineData("2001:db8::1/128", 0)]
    [InlineData("::/1", 0)]
    [InlineData("::/2", 65_535)]
    public void Size_follows_upstream_exclusions_and_IPv6_cap(string text, long size)
        => Assert.Equal(size, ServiceCidr.Parse(text).Size);

    [Fact]
    public void Offsets_start_after_the_network_address_and_stop_before_the_broadcast()
    {
        var cidr = ServiceCidr.Parse("10.0.0.0/24");
        Assert.Equal(IPAddress.Parse("10.0.0.1"), cidr.AddressAt(0));
        Assert.Equal(IPAddress.Parse("10.0.0.254"), cidr.AddressAt(253));
        Assert.Equal(0, cidr.OffsetOf(IPAddress.Parse("10.0.0.1")));
        Assert.Equal(253, cidr.OffsetOf(IPAddress.Parse("10.0.0.254")));
        Assert.Equal(-1, cidr.OffsetOf(IPAddress.Parse("10.0.0.0")));
        Assert.Equal(-1, cidr.OffsetOf(IPAddress.Parse("10.0.0.255")));
        Assert.Equal(-1, cidr.OffsetOf(IPAddress.Parse("10.0.1.1")));
        Assert.Equal(-1, cidr.OffsetOf(IPAddress.Parse("::1")));
        Assert.False(cidr.Contains(IPAddress.Parse("10.0.0.255")));
        Assert.True(cidr.Contains(IPAddress.Parse("10.0.0.17")));
        Assert.Throws<ArgumentOutOfRangeException>(() => cidr.AddressAt(254));
        Assert.Throws<ArgumentOutOfRangeException>(() => cidr.AddressAt(-1));
    }

    [Fact]
    public void IPv6_keeps_the_last_address_and_caps_the_count()
    {
        var small = ServiceCidr.Parse("fd00::/126");
        Assert.Equal(IPAddress.Parse("fd00::3"), small.AddressAt(2));
        var large = ServiceCidr.Parse("fd00::/64");
        Assert.Equal(IPAddress.Parse("fd00::ffff"), large.AddressAt(65_534));
        Assert.Equal(-1, large.OffsetOf(IPAddress.Parse("fd00::1:0")));
        Assert.Equal(IPFamily.IPv6, large.Family);
    }

    [Theory]
    [InlineData("10.96.0.0/12")]
    [InlineData("0.0.0.0/0")]
    [InlineData("fd00:10:96::/108")]
    [InlineData("2001:db8::/64")]
    [InlineData("::/0")]
    public void Canonical_text_round_trips(string text)
    {
        var cidr = ServiceCidr.Parse(text);
        Assert.Equal(text, cidr.ToString());
        Span<char> buffer = stackalloc char[64];
        Assert.True(cidr.TryFormat(buffer, out var written, default, null));
        Assert.Equal(text, buffer[..written].ToString());
        Assert.False(cidr.TryFormat(buffer[..3], out _, default, null));
    }

    [Fact]
    public void IPv6_text_is_printed_in_RFC_5952_form()
        => Assert.Equal("fd00::/108", ServiceCidr.Parse("FD00:0:0::0/108").ToString());

    [Theory]
    [InlineData("", "the text is empty")]
    [InlineData("10.0.0.0", "no '/'")]
    [InlineData("10.0.0/24", "'10.0.0' is not a valid IP address")]
    [InlineData("010.0.0.0/24", "not a valid IP address")]
    [InlineData("10.0.0.256/24", "not a valid IP address")]
    [InlineData(" 10.0.0.0/24", "not a valid IP address")]
    [InlineData("fe80::%eth0/64", "not a valid IP address")]
    [InlineData("[fd00::]/64", "'[fd00::]' is not a valid IP address")]
    [InlineData("[::1]/128", "not a valid IP address")]
    [InlineData("10.0.0.0/33", "longer than the address (32 bits)")]
    [InlineData("fd00::/129", "longer than the address (128 bits)")]
    [InlineData("10.0.0.0/024", "prefix length '024'")]
    [InlineData("10.0.0.0/", "prefix length ''")]
    [InlineData("10.0.0.0/-1", "prefix length '-1'")]
    [InlineData("10.0.0.1/24", "host bits set; the network address is 10.0.0.0/24")]
    [InlineData("fd00::1/64", "host bits set; the network address is fd00::/64")]
    public void Bad_text_says_what_is_wrong_and_what_is_allowed(string text, string reason)
    {
        var error = Assert.Throws<FormatException>(() => ServiceCidr.Parse(text));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Contains("Expected a CIDR such as", error.Message, StringComparison.Ordinal);
        Assert.False(ServiceCidr.TryParse(text, out var result));
        Assert.Equal(default, result);
    }

    [Fact]
    public void Null_text_is_rejected_without_throwing_by_TryParse()
    {
        Assert.False(ServiceCidr.TryParse(null, out _));
        Assert.Throws<ArgumentNullException>(() => ServiceCidr.Parse(null!));
    }

    [Fact]
    public void Constructor_checks_host_bits_and_prefix()
    {
        Assert.Equal(ServiceCidr.Parse("10.0.0.0/8"), new ServiceCidr(IPAddress.Parse("10.0.0.0"), 8));
        Assert.Throws<ArgumentException>(() => new ServiceCidr(IPAddress.Parse("10.0.0.1"), 8));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ServiceCidr(IPAddress.Parse("10.0.0.0"), 33));
        Assert.Throws<ArgumentException>(() => new ServiceCidr(IPAddress.Parse("fe80::%1"), 64));
    }

    [Fact]
    public void Equality_is_by_value()
    {
        var a = ServiceCidr.Parse("10.0.0.0/24");
        var b = ServiceCidr.Parse("10.0.0.0/24");
        Assert.True(a == b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, ServiceCidr.Parse("10.0.0.0/25"));
        Assert.NotEqual(ServiceCidr.Parse("0.0.0.0/0"), ServiceCidr.Parse("::/0"));
        Assert.True(a != ServiceCidr.Parse("10.0.1.0/24"));
    }

    [Property(MaxTest = 300)]
    public Property Parse_format_round_trips()
        => Prop.ForAll(NetworkingGenerators.ServiceCidrs.ToArbitrary(), cidr =>
            ServiceCidr.Parse(cidr.ToString()) == cidr
            && ServiceCidr.Parse(cidr.ToString(), null).ToString() == cidr.ToString());

    [Property(MaxTest = 300)]
    public Property AddressAt_and_OffsetOf_are_inverse()
        => Prop.ForAll(NetworkingGenerators.ServiceCidrs.ToArbitrary(), Gen.Choose(0, int.MaxValue).ToArbitrary(), (cidr, seed) =>
        {
            if (cidr.Size == 0)
            {
                return cidr.OffsetOf(cidr.NetworkAddress) == -1;
            }

            var offset = seed % cidr.Size;
            var address = cidr.AddressAt(offset);
            return cidr.OffsetOf(address) == offset && cidr.Contains(address)
                && cidr.OffsetOf(cidr.NetworkAddress) == -1;
        });

    [Fact]
    public void Ipv6_text_is_printed_as_Go_prints_it()
    {
        // netip prints no dotted quad inside an IPv6 prefix; RangeAllocation.Range must match byte for byte.
        var cidr = ServiceCidr.Parse("::102:300/120");
        Assert.Equal("::102:300/120", cidr.ToString());
        Span<char> buffer = stackalloc char[64];
        Assert.True(cidr.TryFormat(buffer, out var written, default, null));
        Assert.Equal("::102:300/120", buffer[..written].ToString());
    }
}
