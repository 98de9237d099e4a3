using ServiceModel.Traffic;

namespace ServiceModel.Tests.Traffic;

public class TrafficRouteEqualityTests
{
    private static TrafficRoute Make(params string[] addresses) => new()
    {
        Outcome = TrafficOutcome.Routed,
        Reason = TrafficReason.ClusterEndpoints,
        Message = "",
        ServicePortName = "ns/web:http",
        Candidates = [.. addresses.Select(a => new TrafficCandidate { Address = a, Port = 8080, NodeName = "n1", Ready = true, Serving = true, Probability = 1.0 / addresses.Length })],
    };

    [Fact]
    public void Equality_compares_candidates_element_by_element()
    {
        Assert.Equal(Make("10.0.0.1", "10.0.0.2"), Make("10.0.0.1", "10.0.0.2"));
        Assert.Equal(Make("10.0.0.1", "10.0.0.2").GetHashCode(), Make("10.0.0.1", "10.0.0.2").GetHashCode());
        Assert.NotEqual(Make("10.0.0.1", "10.0.0.2"), Make("10.0.0.1", "10.0.0.3"));
        Assert.NotEqual(Make("10.0.0.1"), Make("10.0.0.1") with { Outcome = TrafficOutcome.Dropped });
        Assert.NotEqual(Make("10.0.0.1"), Make("10.0.0.1") with { Candidates = [] });
    }
}
