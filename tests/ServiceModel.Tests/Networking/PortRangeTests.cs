using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ServiceModel.Networking;
using ServiceModel.Tests.Properties;

namespace ServiceModel.Tests.Networking;

public class PortRangeTests
{
    [Theory]
    // apimachinery port_range_test.go examples.
    [InlineData("100-200", 100, 101)]
    [InlineData(" 100-200 ", 100, 101)]
    [InlineData("0-0", 0, 1)]
    [InlineData("1-65535", 1, 65535)]
    [InlineData("65535-65535", 65535, 1)]
    [InlineData("100+200", 100, 201)]
    [InlineData("10000+0", 10000, 1)]
    [InlineData("8080", 8080, 1)]
    [InlineData("30000-32767", 30000, 2768)]
    [InlineData("30000+2767", 30000, 2768)]
    [InlineData("030000-32767", 30000, 2768)]
    public void Parses_the_three_upstream_notations(string text, int first, int size)
    {
        var range = PortRange.Parse(text);
        Assert.Equal(new PortRange(first, size), range);
        Assert.Equal(first, range.First);
        Assert.Equal(first + size - 1, range.Last);
        Assert.Equal(size, range.Size);
    }

    [Theory]
    [InlineData("", "the text is empty")]
    [InlineData("   ", "the text is empty")]
    [InlineData("100-", "not a number")]
    [InlineData("-100", "not a number")]
    [InlineData("100+", "not a number")]
    [InlineData("+100", "not a number")]
    [InlineData("abc", "not a number")]
    [InlineData("100 - 200", "not a number")]
    [InlineData("1-2+3", "unable to parse port range")]
    [InlineData("1+2-3", "unable to parse port range")]
    [InlineData("200-100", "end port cannot be less than start port")]
    [InlineData("100--1", "end port cannot be less than start port")]
    [InlineData("65536", "the port range cannot be greater than 65535")]
    [InlineData("100-65536", "the port range cannot be greater than 65535")]
    [InlineData("65535+1", "the port range cannot be greater than 65535")]
    [InlineData("99999999999999999999", "not a number")]
    public void Bad_text_says_what_is_wrong_and_what_is_allowed(string text, string reason)
    {
        var error = Assert.Throws<FormatException>(() => PortRange.Parse(text));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Contains("Expected \"first-last\", \"first+offset\" or a single \"port\"", error.Message, StringComparison.Ordinal);
        Assert.False(PortRange.TryParse(text, out var result));
        Assert.Equal(default, result);
    }

    [Fact]
    public void Default_is_the_Kubernetes_NodePort_range()
    {
        Assert.Equal("30000-32767", PortRange.Default.ToString());
        Assert.Equal(2768, PortRange.Default.Size);
        Assert.True(PortRange.Default.Contains(30000));
        Assert.True(PortRange.Default.Contains(32767));
        Assert.False(PortRange.Default.Contains(29999));
        Assert.False(PortRange.Default.Contains(32768));
    }

    [Fact]
    public void A_single_port_prints_as_a_range() => Assert.Equal("80-80", PortRange.Parse("80").ToString());

    [Fact]
    public void The_default_value_is_empty_and_prints_nothing()
    {
        Assert.Equal(string.Empty, default(PortRange).ToString());
        Assert.False(default(PortRange).Contains(0));
        Assert.True(default(PortRange).TryFormat(Span<char>.Empty, out var written, default, null));
        Assert.Equal(0, written);
    }

    [Theory]
    [InlineData(-1, 1)]
    [InlineData(65536, 1)]
    [InlineData(0, 0)]
    [InlineData(65535, 2)]
    public void Constructor_rejects_ranges_outside_the_port_space(int first, int size)
        => Assert.Throws<ArgumentOutOfRangeException>(() => new PortRange(first, size));

    [Fact]
    public void Null_text_is_rejected_without_throwing_by_TryParse()
    {
        Assert.False(PortRange.TryParse(null, out _));
        Assert.Throws<ArgumentNullException>(() => PortRange.Parse(null!));
    }

    [Property(MaxTest = 300)]
    public Property Parse_format_round_trips_in_every_notation()
        => Prop.ForAll(NetworkingGenerators.PortRanges.ToArbitrary(), range =>
        {
            Span<char> buffer = stackalloc char[16];
            var formatted = range.TryFormat(buffer, out var written, default, null)
                && buffer[..written].SequenceEqual(range.ToString());
            return formatted
                && PortRange.Parse(range.ToString()) == range
                && PortRange.Parse($"{range.First}+{range.Size - 1}") == range
                && (range.Size != 1 || PortRange.Parse($" {range.First} ") == range);
        });

    [Property(MaxTest = 200)]
    public Property Contains_matches_the_bounds()
        => Prop.ForAll(NetworkingGenerators.PortRanges.ToArbitrary(), Gen.Choose(-1, 65536).ToArbitrary(), (range, port) =>
            range.Contains(port) == (port >= range.First && port <= range.Last));
}
