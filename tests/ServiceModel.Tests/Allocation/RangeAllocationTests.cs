using ServiceModel.Allocation;

namespace ServiceModel.Tests.Allocation;

public class RangeAllocationTests
{
    [Fact]
    public void Equality_is_by_value_of_range_and_bytes()
    {
        var a = new RangeAllocation("10.0.0.0/24", [1, 2, 3]);
        var b = new RangeAllocation("10.0.0.0/24", [1, 2, 3]);
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, a with { Data = [1, 2, 4] });
        Assert.NotEqual(a, a with { Data = [1, 2] });
        Assert.NotEqual(a, a with { Range = "10.0.1.0/24" });
        Assert.Equal(new RangeAllocation("30000-30009", []), new RangeAllocation("30000-30009", default));
    }
}
