using ServiceModel.Networking;

namespace ServiceModel.Tests.Networking;

public class IPFamilyTests
{
    [Theory]
    [InlineData(IPFamily.IPv4, "IPv4")]
    [InlineData(IPFamily.IPv6, "IPv6")]
    public void Names_are_the_Kubernetes_API_spellings(IPFamily family, string expected)
        => Assert.Equal(expected, family.ToString());
}
