using ServiceModel.Discovery;
using static ServiceModel.Tests.Discovery.EndpointFixtures;

namespace ServiceModel.Tests.Discovery;

public class EndpointSliceTrackerTests
{
    [Fact]
    public void A_readiness_flip_rewrites_only_the_slice_that_holds_the_pod()
    {
        var pods = Pods(1000);
        var tracker = EndpointSliceReconciler.Default.Track(Service(), pods, []);
        Assert.Equal(10, tracker.InitialChanges.ToCreate.Length);
        var holder = tracker.Slices.Single(s => s.Endpoints.Any(e => e.TargetRef!.Name == "pod500"));

        var changes = tracker.Update([pods[500] with { Ready = false }]);

        Assert.True(tracker.LastUpdateWasIncremental);
        var updated = Assert.Single(changes.ToUpdate);
        Assert.Equal(holder.Name, updated.Name);
        Assert.False(updated.Endpoints.Single(e => e.TargetRef!.Name == "pod500").Conditions.Ready);
        Assert.Empty(changes.ToCreate);
        Assert.Empty(changes.ToDelete);
    }

    [Fact]
    public void A_deleted_pod_leaves_its_slice_without_a_full_reconcile()
    {
        var pods = Pods(250);
        var tracker = EndpointSliceReconciler.Default.Track(Service(), pods, []);
        var before = tracker.Slices;

        var changes = tracker.Update([], ["pod7"]);

        Assert.True(tracker.LastUpdateWasIncremental);
        Assert.Equal(EndpointSliceReconciler.Default.Reconcile(Service(), pods.Where(p => p.Name != "pod7"), before), changes);
        Assert.Equal(249, TotalEndpoints(tracker.Slices));
    }

    [Fact]
    public void An_unchanged_pod_writes_nothing_and_an_added_pod_falls_back_to_a_full_reconcile()
    {
        var pods = Pods(3);
        var tracker = EndpointSliceReconciler.Default.Track(Service(), pods, []);

        Assert.True(tracker.Update([pods[1]]).IsEmpty);
        Assert.True(tracker.LastUpdateWasIncremental);

        var added = tracker.Update([Pod(3)]);
        Assert.False(tracker.LastUpdateWasIncremental);
        Assert.Equal(4, TotalEndpoints(added.ApplyTo(tracker.Slices)));
    }

    [Fact]
    public void Null_arguments_are_refused_before_anything_changes()
    {
        var tracker = EndpointSliceReconciler.Default.Track(Service(), Pods(2), []);
        var slices = tracker.Slices;

        Assert.Throws<ArgumentNullException>(() => tracker.Update(null!));
        Assert.Throws<ArgumentNullException>(() => tracker.Update([Pod(5), null!]));
        Assert.Throws<ArgumentNullException>(() => tracker.Update([Pod(5)], [null!]));
        Assert.Throws<ArgumentNullException>(() => EndpointSliceReconciler.Default.Track(null!, [], []));
        Assert.Equal(slices.AsEnumerable(), tracker.Slices.AsEnumerable());
        Assert.True(tracker.Update([]).IsEmpty);
    }
}
