using System.Text;
using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ServiceModel.Labels;

namespace ServiceModel.Tests.Labels;

// The validators check characters with a table for short texts and a vectorized search for long
// ones; both must agree with upstream's regular expressions at every length around the switch.
public partial class LabelValidationProperties
{
    // Mostly valid characters with an occasional invalid one, at every length up to past the limit;
    // a third of the texts are "prefix/name" with a mostly lowercase prefix.
    private static readonly Gen<string> s_names = Texts(70, "AZ_");

    private static readonly Gen<string> s_texts = Gen.Frequency(
        (2, s_names),
        (1, from prefix in Texts(20, "A_") from name in s_names select prefix + "/" + name));

    [Property(MaxTest = 1000)]
    public Property Values_are_valid_exactly_when_upstreams_regex_accepts_them()
        => Prop.ForAll(s_texts.ToArbitrary(), text =>
            LabelValidation.IsValidValue(text) == (Encoding.UTF8.GetByteCount(text) <= 63 && ValueRegex().IsMatch(text)));

    [Fact]
    public void The_generator_makes_valid_and_invalid_texts_of_every_length_class()
    {
        var sample = s_texts.Sample(2000);
        Assert.Contains(sample, t => t.Length > 16 && LabelValidation.IsValidValue(t));
        Assert.Contains(sample, t => t.Length is > 1 and <= 16 && LabelValidation.IsValidValue(t));
        Assert.Contains(sample, t => t.Contains('/', StringComparison.Ordinal) && LabelValidation.IsValidKey(t));
        Assert.Contains(sample, t => t.Length > 16 && !LabelValidation.IsValidValue(t));
    }

    [Property(MaxTest = 1000)]
    public Property Keys_are_valid_exactly_when_upstreams_regexes_accept_them()
        => Prop.ForAll(s_texts.ToArbitrary(), text => LabelValidation.IsValidKey(text) == IsQualifiedName(text));

    private static bool IsQualifiedName(string text)
    {
        var parts = text.Split('/');
        return parts.Length switch
        {
            1 => IsName(parts[0]),
            2 => parts[0].Length is > 0 and <= 253 && SubdomainRegex().IsMatch(parts[0]) && IsName(parts[1]),
            _ => false,
        };
    }

    private static bool IsName(string name) => name.Length is > 0 and <= 63 && ValueRegex().IsMatch(name);

    [GeneratedRegex("^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$")]
    private static partial Regex ValueRegex();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex SubdomainRegex();

    private static Gen<string> Texts(int maxLength, string otherValidChars) =>
        from length in Gen.Choose(0, maxLength)
        from chars in Gen.ArrayOf(
            Gen.Frequency(
                (40, Gen.Elements("az09.-".ToCharArray())),
                (10, Gen.Elements(otherValidChars.ToCharArray())),
                (1, Gen.Elements("/@ é\0,`[{:".ToCharArray()))),
            length)
        select new string(chars);
}
