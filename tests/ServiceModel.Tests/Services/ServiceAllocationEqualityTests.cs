using System.Net;
using ServiceModel.Services;

namespace ServiceModel.Tests.Services;

public class ServiceAllocationEqualityTests
{
    private static ServiceAllocation Make() => new()
    {
        Service = ServiceValidatorTests.Valid(ServiceType.NodePort),
        AllocatedClusterIPs = [IPAddress.Parse("10.0.0.10")],
        AllocatedNodePorts = [30080],
    };

    [Fact]
    public void Equality_is_by_value_of_every_list()
    {
        Assert.Equal(Make(), Make());
        Assert.Equal(Make().GetHashCode(), Make().GetHashCode());
        Assert.NotEqual(Make(), Make() with { AllocatedClusterIPs = [IPAddress.Parse("10.0.0.11")] });
        Assert.NotEqual(Make(), Make() with { ReleasedClusterIPs = [IPAddress.Parse("10.0.0.10")] });
        Assert.NotEqual(Make(), Make() with { AllocatedNodePorts = [30081] });
        Assert.NotEqual(Make(), Make() with { ReleasedNodePorts = [30080] });
        Assert.NotEqual(Make(), Make() with { IsDryRun = true });
        Assert.True((Make() with { AllocatedClusterIPs = default, AllocatedNodePorts = [] }).IsEmpty);
    }
}
