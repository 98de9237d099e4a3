using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ServiceModel.Networking;

namespace ServiceModel.Tests.Networking;

// Text that is almost a CIDR or a port range: Parse fails only with FormatException (never another
// exception), agrees with TryParse, and whatever it accepts prints in the canonical form that parses
// back to the same value.
public class NetworkingTextProperties
{
    private static Gen<string> Near(params string[] parts)
        => from count in Gen.Choose(0, 10)
           from chosen in Gen.ArrayOf(Gen.Elements(parts), count)
           select string.Concat(chosen);

    private static readonly Gen<string> CidrText = Gen.OneOf(
        Near("10", "0", "255", "256", "00", ".", ":", "::", "ffff", "FFFF", "fd00", "/", "/8", "/32", "/33", "/128", "/0", "/-1", "%", "%eth0", " ", "1.2.3.4", "::ffff:", "+", "\u0661"),
        Gen.Elements("10.96.0.0/12", "fd00::/108", "::ffff:10.0.0.0/104", "0.0.0.0/0", "::/0", "10.0.0.1/32", "FD00:0::/64"));

    private static readonly Gen<string> PortRangeText = Gen.OneOf(
        Near("0", "1", "30000", "32767", "65535", "65536", "99999999999", "-", "+", " ", "\t", "00", "-1", "\u0661"),
        Gen.Elements("30000-32767", "30000+2767", "30000", " 1-2 ", "0-65535"));

    [Property(MaxTest = 500)]
    public Property Service_cidr_text_fails_only_with_FormatException_and_what_parses_round_trips()
        => Prop.ForAll(CidrText.ToArbitrary(), text =>
        {
            var accepted = ServiceCidr.TryParse(text, out var viaTry);
            try
            {
                var cidr = ServiceCidr.Parse(text);
                return accepted && cidr == viaTry && ServiceCidr.Parse(cidr.ToString()) == cidr
                    && ServiceCidr.Parse(cidr.ToString()).ToString() == cidr.ToString();
            }
            catch (FormatException error)
            {
                return !accepted && error.Message.Length is > 0 and < 2_000;
            }
        });

    [Property(MaxTest = 500)]
    public Property Port_range_text_fails_only_with_FormatException_and_what_parses_round_trips()
        => Prop.ForAll(PortRangeText.ToArbitrary(), text =>
        {
            var accepted = PortRange.TryParse(text, out var viaTry);
            try
            {
                var range = PortRange.Parse(text);
                return accepted && range == viaTry && PortRange.Parse(range.ToString()) == range
                    && range.Size >= 1 && range.Last <= PortRange.MaxPort;
            }
            catch (FormatException error)
            {
                return !accepted && error.Message.Length is > 0 and < 2_000;
            }
        });
}
