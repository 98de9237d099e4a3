using System.Collections.Immutable;
using ServiceModel.Networking;
using ServiceModel.Validation;

namespace ServiceModel.Tests.Networking;

/// <summary>ServiceCIDR and IPAddress validation with the API server's field paths and texts.</summary>
public class NetworkingValidatorTests
{
    private static ServiceCidrObject Cidr(string name, params string[] cidrs) => new() { Name = name, Cidrs = [.. cidrs] };

    private static string[] Texts(ImmutableArray<ValidationError> errors) => [.. errors.Select(e => e.ToString())];

    [Fact]
    public void AValidSingleAndDualStackServiceCidrHasNoError()
    {
        Assert.Empty(NetworkingValidator.ValidateServiceCidr(Cidr("kubernetes", "10.96.0.0/12")));
        Assert.Empty(NetworkingValidator.ValidateServiceCidr(Cidr("extra", "10.96.0.0/12", "fd00:10:96::/112")));
    }

    [Theory]
    [InlineData("10.0.0.0/8x", "spec.cidrs[0]: Invalid value: \"10.0.0.0/8x\": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)")]
    [InlineData("10.0.0.1/24", "spec.cidrs[0]: Invalid value: \"10.0.0.1/24\": must not have bits set beyond the prefix length")]
    [InlineData("010.0.0.0/24", "spec.cidrs[0]: Invalid value: \"010.0.0.0/24\": must not have leading 0s in IP or prefix length")]
    [InlineData("10.0.0.0/024", "spec.cidrs[0]: Invalid value: \"10.0.0.0/024\": must not have leading 0s in IP or prefix length")]
    [InlineData("::ffff:10.0.0.0/104", "spec.cidrs[0]: Invalid value: \"::ffff:10.0.0.0/104\": must not have an IPv4-mapped IPv6 address")]
    [InlineData("FD00::/64", "spec.cidrs[0]: Invalid value: \"FD00::/64\": must be in canonical form (\"fd00::/64\")")]
    [InlineData("10.0.0.0/33", "spec.cidrs[0]: Invalid value: \"10.0.0.0/33\": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)")]
    public void InvalidCidrsAreReportedWithUpstreamTexts(string cidr, string expected)
        => Assert.Equal([expected], Texts(NetworkingValidator.ValidateServiceCidr(Cidr("x", cidr))));

    [Fact]
    public void CidrCountFamilyAndNameRulesUseUpstreamTexts()
    {
        Assert.Equal(["spec.cidrs: Required value: at least one CIDR required"], Texts(NetworkingValidator.ValidateServiceCidr(Cidr("x"))));
        Assert.Equal(
            // The bad value is the whole spec, marshalled from the untagged internal type.
            ["spec.cidrs: Invalid value: {\"CIDRs\":[\"10.0.0.0/24\",\"10.1.0.0/24\",\"fd00::/64\"]}: may only hold up to 2 values"],
            Texts(NetworkingValidator.ValidateServiceCidr(Cidr("x", "10.0.0.0/24", "10.1.0.0/24", "fd00::/64"))));
        Assert.Equal(
            ["spec.cidrs: Invalid value: [\"10.0.0.0/24\",\"10.1.0.0/24\"]: may specify no more than one IP for each IP family, i.e 192.168.0.0/24 and 2001:db8::/64"],
            Texts(NetworkingValidator.ValidateServiceCidr(Cidr("x", "10.0.0.0/24", "10.1.0.0/24"))));
        Assert.Equal(["metadata.name: Required value: name or generateName is required"], Texts(NetworkingValidator.ValidateServiceCidr(Cidr("", "10.0.0.0/24"))));
        Assert.StartsWith("metadata.name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain", Texts(NetworkingValidator.ValidateServiceCidr(Cidr("Bad_Name", "10.0.0.0/24")))[0], StringComparison.Ordinal);
    }

    [Fact]
    public void DefaultArraysCountAsEmpty()
    {
        var cidr = new ServiceCidrObject { Name = "x", Cidrs = default, Conditions = default, Finalizers = default };
        Assert.True(cidr.Cidrs.IsEmpty && cidr.Conditions.IsEmpty && cidr.Finalizers.IsEmpty);
        Assert.Equal(["spec.cidrs: Required value: at least one CIDR required"], Texts(NetworkingValidator.ValidateServiceCidr(cidr)));
    }

    [Fact]
    public void CidrsAreImmutableExceptTheSingleToDualStackUpgrade()
    {
        var old = Cidr("kubernetes", "10.96.0.0/12");
        Assert.Empty(NetworkingValidator.ValidateServiceCidrUpdate(Cidr("kubernetes", "10.96.0.0/12", "fd00::/108"), old));
        Assert.Equal(
            ["spec.cidrs[0]: Invalid value: \"10.96.0.0/16\": field is immutable"],
            Texts(NetworkingValidator.ValidateServiceCidrUpdate(Cidr("kubernetes", "10.96.0.0/16"), old)));
        Assert.Equal(
            ["spec.cidrs[0]: Invalid value: \"10.0.0.0/16\": field is immutable"],
            Texts(NetworkingValidator.ValidateServiceCidrUpdate(Cidr("kubernetes", "10.0.0.0/16", "fd00::/108"), old)));
        Assert.Equal(
            ["spec.cidrs: Invalid value: [\"10.96.0.0/12\"]: field is immutable"],
            Texts(NetworkingValidator.ValidateServiceCidrUpdate(old, Cidr("kubernetes", "10.96.0.0/12", "fd00::/108"))));
    }

    [Theory]
    [InlineData("10.0.0.1", null)]
    [InlineData("2001:db8::1", null)]
    [InlineData("2001:DB8::1", "metadata.name: Invalid value: \"2001:DB8::1\": must be in canonical form (\"2001:db8::1\")")]
    [InlineData("2001:db8:0::1", "metadata.name: Invalid value: \"2001:db8:0::1\": must be in canonical form (\"2001:db8::1\")")]
    [InlineData("10.0.0.01", "metadata.name: Invalid value: \"10.0.0.01\": must not have leading 0s")]
    [InlineData("::ffff:10.0.0.1", "metadata.name: Invalid value: \"::ffff:10.0.0.1\": must not be an IPv4-mapped IPv6 address")]
    [InlineData("::102:304", null)]
    [InlineData("::1.2.3.4", "metadata.name: Invalid value: \"::1.2.3.4\": must be in canonical form (\"::102:304\")")]
    [InlineData("10.0.0.0/24", "metadata.name: Invalid value: \"10.0.0.0/24\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)")]
    public void IPAddressNamesMustBeCanonicalAddresses(string name, string? expected)
    {
        var errors = Texts(NetworkingValidator.ValidateIPAddress(new IPAddressObject { Name = name, ParentRef = ParentReference.ForService("default", "web") }));
        Assert.Equal(expected is null ? [] : [expected], errors);
    }

    [Fact]
    public void ParentReferenceRulesUseUpstreamTexts()
    {
        Assert.Equal(["spec.parentRef: Required value"], Texts(NetworkingValidator.ValidateIPAddress(new IPAddressObject { Name = "10.0.0.1" })));
        Assert.Equal(
            ["spec.parentRef.resource: Required value", "spec.parentRef.name: Required value"],
            Texts(NetworkingValidator.ValidateIPAddress(new IPAddressObject { Name = "10.0.0.1", ParentRef = new ParentReference() })));
        Assert.Equal(
            ["spec.parentRef.name: Invalid value: \"a/b\": may not contain '/'", "spec.parentRef.namespace: Invalid value: \"..\": may not be '..'"],
            Texts(NetworkingValidator.ValidateIPAddress(new IPAddressObject
            {
                Name = "10.0.0.1",
                ParentRef = new ParentReference { Resource = "services", Name = "a/b", Namespace = ".." },
            })));
        var old = new IPAddressObject { Name = "10.0.0.1", ParentRef = ParentReference.ForService("default", "web") };
        var moved = old with { ParentRef = ParentReference.ForService("default", "api") };
        Assert.Equal(
            ["spec.parentRef: Invalid value: {\"Group\":\"\",\"Resource\":\"services\",\"Namespace\":\"default\",\"Name\":\"api\"}: field is immutable"],
            Texts(NetworkingValidator.ValidateIPAddressUpdate(moved, old)));
        Assert.Equal(
            ["spec.parentRef: Required value", "spec.parentRef: Invalid value: null: field is immutable"],
            Texts(NetworkingValidator.ValidateIPAddressUpdate(old with { ParentRef = null }, old)));
        Assert.Empty(NetworkingValidator.ValidateIPAddressUpdate(old with { }, old));
    }

    [Fact]
    public void TheDefaultObjectIsNamedKubernetesAndReadyUntilToldOtherwise()
    {
        var single = ServiceCidrObject.CreateDefault(ServiceCidr.Parse("10.96.0.0/12"));
        var dual = ServiceCidrObject.CreateDefault(ServiceCidr.Parse("10.96.0.0/12"), ServiceCidr.Parse("fd00::/108"));
        Assert.Equal("kubernetes", single.Name);
        Assert.Equal(["10.96.0.0/12"], single.Cidrs.ToArray());
        Assert.Equal(["10.96.0.0/12", "fd00::/108"], dual.Cidrs.ToArray());
        Assert.True(single.IsReady);
        Assert.False((single with { Conditions = [new ServiceCidrCondition { Type = "Ready", Status = "False" }] }).IsReady);
        Assert.False((single with { DeletionTimestamp = DateTimeOffset.UnixEpoch }).IsReady);
        Assert.Equal(single, ServiceCidrObject.CreateDefault(ServiceCidr.Parse("10.96.0.0/12")));
        Assert.Equal(single.GetHashCode(), ServiceCidrObject.CreateDefault(ServiceCidr.Parse("10.96.0.0/12")).GetHashCode());
    }
}
