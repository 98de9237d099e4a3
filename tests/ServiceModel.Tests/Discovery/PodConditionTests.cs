using System.Collections.Immutable;
using ServiceModel.Discovery;

namespace ServiceModel.Tests.Discovery;

public class PodConditionTests
{
    private static readonly DateTimeOffset Time = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);

    [Fact]
    public void Ready_reads_the_Ready_condition()
    {
        var pod = new Pod("ns", "p")
        {
            Conditions =
            [
                new PodCondition { Type = "PodScheduled", Status = PodCondition.StatusTrue },
                new PodCondition { Type = PodCondition.ReadyType, Status = PodCondition.StatusTrue, LastTransitionTime = Time },
            ],
        };
        Assert.True(pod.Ready);
        Assert.False((pod with { Conditions = [new PodCondition { Type = "Ready", Status = "Unknown" }] }).Ready);
        Assert.False(new Pod("ns", "p").Ready);
    }

    [Fact]
    public void Setting_Ready_sets_the_status_of_the_Ready_condition_and_keeps_the_others()
    {
        var pod = new Pod("ns", "p")
        {
            Conditions =
            [
                new PodCondition { Type = "PodScheduled", Status = PodCondition.StatusTrue },
                new PodCondition { Type = PodCondition.ReadyType, Status = PodCondition.StatusFalse, Reason = "ContainersNotReady" },
            ],
        };
        var ready = pod with { Ready = true };
        Assert.True(ready.Ready);
        Assert.Equal(2, ready.Conditions.Length);
        Assert.Equal("PodScheduled", ready.Conditions[0].Type);
        Assert.Equal(new PodCondition { Type = "Ready", Status = "True", Reason = "ContainersNotReady" }, ready.Conditions[1]);
        Assert.Same(pod.Conditions[1], (pod with { Ready = false }).Conditions[1]);
    }

    [Fact]
    public void Setting_Ready_adds_the_condition_when_missing()
    {
        var pod = new Pod("ns", "p") { Ready = true };
        Assert.Equal([new PodCondition { Type = "Ready", Status = "True" }], pod.Conditions.AsEnumerable());
        var notReady = new Pod("ns", "p") { Ready = false };
        Assert.False(notReady.Ready);
        Assert.Equal("False", Assert.Single(notReady.Conditions).Status);
    }

    [Fact]
    public void Conditions_default_array_reads_as_empty_and_equals_empty()
    {
        var pod = new Pod("ns", "p") { Conditions = default };
        Assert.True(pod.Conditions.IsEmpty);
        Assert.Equal(new Pod("ns", "p") { Conditions = [] }, pod);
    }

    [Fact]
    public void Conditions_and_host_network_take_part_in_equality()
    {
        var a = new Pod("ns", "p") { Ready = true, HostNetwork = true };
        var b = new Pod("ns", "p") { Conditions = ImmutableArray.Create(new PodCondition { Type = "Ready", Status = "True" }), HostNetwork = true };
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, b with { HostNetwork = false });
        Assert.NotEqual(a, b with { Conditions = [b.Conditions[0] with { LastProbeTime = Time }] });
    }
}
