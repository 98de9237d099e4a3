using ServiceModel.Validation;
using ServiceModel.Services;

namespace ServiceModel.Tests.Services;

/// <summary><c>spec.trafficDistribution</c> as v1.35's ValidateService checks it (PreferSameTrafficDistribution GA).</summary>
public class TrafficDistributionValidationTests
{
    private static Service With(string? value)
        => ServiceValidatorTests.Valid() with { Spec = ServiceValidatorTests.Valid().Spec with { TrafficDistribution = value } };

    [Theory]
    [InlineData(null)]
    [InlineData(TrafficDistribution.PreferClose)]
    [InlineData(TrafficDistribution.PreferSameZone)]
    [InlineData(TrafficDistribution.PreferSameNode)]
    public void Unset_and_the_three_v1_35_values_are_accepted(string? value)
    {
        Assert.Empty(ServiceValidator.Validate(With(value)));
        Assert.Empty(ServiceValidator.ValidateUpdate(With(null), With(value)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("preferClose")]
    [InlineData("PreferSameRegion")]
    [InlineData(" PreferClose")]
    public void Anything_else_is_not_supported_with_upstreams_list_in_its_order(string value)
    {
        var error = Assert.Single(ServiceValidator.Validate(With(value)));

        Assert.Equal(ValidationErrorType.NotSupported, error.Type);
        Assert.Equal("spec.trafficDistribution", error.Field);
        Assert.Equal(
            $"spec.trafficDistribution: Unsupported value: \"{value}\": supported values: \"PreferClose\", \"PreferSameZone\", \"PreferSameNode\"",
            error.ToString());
    }

    [Fact]
    public void PreferClose_is_the_deprecated_alias_of_PreferSameZone_and_PreferSameNode_is_not_same_zone()
    {
        Assert.True(TrafficDistribution.IsSameZone(TrafficDistribution.PreferClose));
        Assert.True(TrafficDistribution.IsSameZone(TrafficDistribution.PreferSameZone));
        Assert.False(TrafficDistribution.IsSameZone(TrafficDistribution.PreferSameNode));
        Assert.False(TrafficDistribution.IsSameZone(null));
        Assert.False(TrafficDistribution.IsSupported("preferclose"));
        Assert.False(TrafficDistribution.IsSupported(null));
    }

    [Fact]
    public void An_unsupported_value_is_an_error_on_update_too()
    {
        var error = Assert.Single(ServiceValidator.ValidateUpdate(With(TrafficDistribution.PreferClose), With("Nearby")));

        Assert.Equal("spec.trafficDistribution", error.Field);
    }
}
