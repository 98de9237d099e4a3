using System.Net;
using ServiceModel.Internal;
using ServiceModel.Networking;

namespace ServiceModel.Tests.Internal;

public class IPTextTests
{
    // netutils.ParseIPSloppy (the Service fields' reading in v1.35): leading zeros read as decimal,
    // in any number, as Go's pre-1.17 net.ParseIP did.
    [Theory]
    [InlineData("10.0.0.1", "10.0.0.1")]
    [InlineData("010.001.002.003", "10.1.2.3")]
    [InlineData("0000010.0.0.1", "10.0.0.1")]
    [InlineData("::ffff:1.2.3.4", "::ffff:1.2.3.4")]
    [InlineData("FD00::0A", "fd00::a")]
    public void Legacy_field_reading_accepts_what_ParseIPSloppy_accepts(string text, string expected)
    {
        Assert.True(IPText.TryParse(text, out var address));
        Assert.Equal(IPAddress.Parse(expected), address);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1")]
    [InlineData("0x7f.0.0.1")]
    [InlineData("1.2.3")]
    [InlineData("1.2.3.4.")]
    [InlineData("256.0.0.1")]
    [InlineData("0256.0.0.1")]
    [InlineData("+1.2.3.4")]
    [InlineData(" 1.2.3.4")]
    [InlineData("::1%eth0")]
    [InlineData("[::1]")]
    [InlineData("::1/128")]
    [InlineData(":: 1")]
    [InlineData("fe80::1%1")]
    public void Legacy_field_reading_refuses_what_Kubernetes_refuses(string text)
        => Assert.False(IPText.TryParse(text, out _));

    [Fact]
    public void Null_is_not_an_address()
        => Assert.False(IPText.TryParse(null, out _));

    [Theory]
    [InlineData("010.0.0.1", false, true)]
    [InlineData("10.0.0.01", false, true)]
    [InlineData("0.0.0.0", true, true)]
    [InlineData("10.0.0.1", true, true)]
    public void Strict_reading_differs_from_the_legacy_one_only_in_leading_zeros(string text, bool strict, bool legacy)
    {
        Assert.Equal(strict, IPText.TryParse(text, IPTextRule.Strict, out _, out _));
        Assert.Equal(legacy, IPText.TryParse(text, IPTextRule.LegacyField, out _, out _));
    }

    // netutils.ParseCIDRSloppy: host bits allowed, leading zeros in the address and prefix allowed.
    [Theory]
    [InlineData("10.0.0.1/24", true)]
    [InlineData("010.0.0.0/024", true)]
    [InlineData("fd00::/64", true)]
    [InlineData("10.0.0.0/33", false)]
    [InlineData("fd00::/129", false)]
    [InlineData("10.0.0.0", false)]
    [InlineData("10.0.0.0/", false)]
    [InlineData("10.0.0.0/+8", false)]
    [InlineData("10.0.0.0/8/8", false)]
    public void Legacy_cidr_check_follows_ParseCIDRSloppy(string text, bool valid)
        => Assert.Equal(valid, IPText.IsValidCidr(text));

    [Fact]
    public void A_megabyte_of_text_is_refused_in_one_pass()
    {
        var zeros = new string('0', 1 << 20);
        Assert.True(IPText.TryParse(zeros + "1.2.3.4", out var address));
        Assert.Equal(IPAddress.Parse("1.2.3.4"), address);
        Assert.False(IPText.TryParse(new string(':', 1 << 20), out _));
        Assert.True(IPText.IsValidCidr("10.0.0.0/" + zeros + "9"));
    }

    [Fact]
    public void IPv4_mapped_addresses_count_as_IPv4_like_Go()
    {
        Assert.True(IPText.TryParse("::ffff:10.0.0.1", out var mapped));
        Assert.Equal(IPFamily.IPv4, IPFamilies.FamilyOf(mapped));
        Assert.Equal(IPAddress.Parse("10.0.0.1"), IPText.AsComparable(mapped));
    }

    // Go's ParseIPSloppy(x).String(), which the endpoint controllers apply to pod IPs since v1.33
    // (kubernetes#130101): these are the values net.IP.String prints.
    [Theory]
    [InlineData("10.0.0.1", "10.0.0.1")]
    [InlineData("010.000.000.001", "10.0.0.1")]
    [InlineData("::ffff:1.2.3.4", "1.2.3.4")]
    [InlineData("::FFFF:0102:0304", "1.2.3.4")]
    [InlineData("::1.2.3.4", "::102:304")]
    [InlineData("FD00:0:0:0:0:0:0:0A", "fd00::a")]
    [InlineData("2001:db8:0:1:0:0:0:1", "2001:db8:0:1::1")]
    [InlineData("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1")]
    [InlineData("2001:0:0:1:2:3:4:5", "2001::1:2:3:4:5")]
    [InlineData("2001:db8:1:2:3:4:0:5", "2001:db8:1:2:3:4:0:5")]
    [InlineData("0:0:0:0:0:0:0:0", "::")]
    [InlineData("1:0:0:0:0:0:0:0", "1::")]
    [InlineData("not-an-ip", "not-an-ip")]
    public void Canonical_text_is_what_Go_prints(string text, string expected)
        => Assert.Equal(expected, IPText.ToCanonical(text));

    [Fact]
    public void Canonical_text_is_shared_not_copied()
    {
        var text = new string("10.1.2.3".AsSpan());
        Assert.Same(text, IPText.ToCanonical(text));
        var v6 = new string("fd00::1:2".AsSpan());
        Assert.Same(v6, IPText.ToCanonical(v6));
    }

    // Every IPv6 address .NET prints without a dotted quad is already RFC 5952, so the two agree
    // there; the canonical text always reads back as the same address.
    [FsCheck.Xunit.Property(MaxTest = 500)]
    public bool Canonical_IPv6_text_agrees_with_RFC_5952(ulong high, ulong low, byte zeroMask)
    {
        Span<byte> bytes = stackalloc byte[16];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(bytes, high);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(bytes[8..], low);
        for (var group = 0; group < 8; group++)
        {
            if ((zeroMask & (1 << group)) != 0)
            {
                bytes[2 * group] = bytes[(2 * group) + 1] = 0;
            }
        }

        var address = new IPAddress(bytes);
        var canonical = IPText.ToCanonical(address.ToString());
        var dotted = address.ToString().Contains('.', StringComparison.Ordinal);
        return IPText.TryParse(canonical, out var back)
               && IPText.AsComparable(back).Equals(IPText.AsComparable(address))
               && (dotted || canonical == address.ToString());
    }

    // netip.Addr.String: unlike IPAddress.ToString, no dotted quad inside IPv6 except the mapped form.
    [Theory]
    [InlineData("10.96.0.1", "10.96.0.1")]
    [InlineData("::1.2.3.4", "::102:304")]
    [InlineData("::ffff:1.2.3.4", "::ffff:1.2.3.4")]
    [InlineData("64:ff9b::1.2.3.4", "64:ff9b::102:304")]
    [InlineData("fd00::", "fd00::")]
    [InlineData("::", "::")]
    public void Addresses_print_as_Go_prints_them(string text, string expected)
    {
        Assert.Equal(expected, IPText.Format(IPAddress.Parse(text)));
        Span<char> small = stackalloc char[1];
        Assert.False(IPText.TryFormat(IPAddress.Parse(text), small, out var written));
        Assert.Equal(0, written);
    }
}
