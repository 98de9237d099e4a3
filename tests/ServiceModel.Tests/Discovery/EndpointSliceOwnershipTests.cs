using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ServiceModel.Discovery;
using ServiceModel.Services;
using ServiceModel.Tests.Properties;
using static ServiceModel.Tests.Discovery.EndpointFixtures;

namespace ServiceModel.Tests.Discovery;

/// <summary>Slices are owned by the Service's UID, as upstream's <c>ownedBy</c> checks it; names never stand in.</summary>
public class EndpointSliceOwnershipTests
{
    private static readonly EndpointSliceReconciler s_reconciler = EndpointSliceReconciler.Default;

    private static Service Recreated(Service service) => service with { Uid = service.Uid + "-recreated" };

    [Fact]
    public void New_slices_carry_the_service_uid_in_their_controller_reference()
    {
        var slice = Assert.Single(s_reconciler.Compute(Service(), Pods(2)));

        var owner = Assert.Single(slice.OwnerReferences);
        Assert.Equal(UidOf("test", "foo"), owner.Uid);
        Assert.True(owner.Controller);
    }

    [Fact]
    public void A_service_recreated_under_the_same_name_gets_a_new_slice_and_the_old_one_is_deleted()
    {
        var old = s_reconciler.Compute(Service(), Pods(3));

        var changes = s_reconciler.Reconcile(Recreated(Service()), Pods(3), old);

        Assert.Equal(old.Single(), Assert.Single(changes.ToDelete));
        var created = Assert.Single(changes.ToCreate);
        Assert.Empty(changes.ToUpdate);
        Assert.NotEqual(old.Single().Name, created.Name);
        Assert.Equal(UidOf("test", "foo") + "-recreated", Assert.Single(created.OwnerReferences).Uid);
        Assert.Equal(3, created.Endpoints.Length);
    }

    [Fact]
    public void A_slice_owned_by_name_alone_is_not_owned()
    {
        var old = s_reconciler.Compute(Service(), Pods(1)).Single();
        var nameOnly = old with { OwnerReferences = [old.OwnerReferences[0] with { Uid = "" }] };

        var changes = s_reconciler.Reconcile(Service(), Pods(1), [nameOnly]);

        Assert.Equal(nameOnly, Assert.Single(changes.ToDelete));
        Assert.Single(changes.ToCreate);
    }

    [Fact]
    public void A_recreated_service_with_nothing_to_publish_keeps_the_old_placeholder_as_upstream_compares_placeholders()
    {
        // Upstream's placeholder comparison looks at namespace, labels, address type, endpoints and
        // ports, not owners: the old placeholder stays (the garbage collector removes it later).
        var placeholder = s_reconciler.Compute(Service(), []);

        Assert.True(s_reconciler.Reconcile(Recreated(Service()), [], placeholder).IsEmpty);
    }

    [Fact]
    public void A_managed_service_without_a_uid_is_an_argument_error_everywhere_ownership_matters()
    {
        var noUid = Service() with { Uid = "" };

        var reconcile = Assert.Throws<ArgumentException>(() => s_reconciler.Reconcile(noUid, Pods(1), []));
        Assert.Equal("service", reconcile.ParamName);
        Assert.Contains("\"test/foo\" has no uid (metadata.uid)", reconcile.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => s_reconciler.Compute(noUid, Pods(1)));
        Assert.Throws<ArgumentException>(() => s_reconciler.ComputeAll([noUid], Pods(1)));
        Assert.Throws<ArgumentException>(() => s_reconciler.Track(noUid, Pods(1), []));
    }

    [Fact]
    public void A_service_the_controller_does_not_manage_needs_no_uid()
    {
        var unmanaged = Service() with { Uid = "", Spec = Service().Spec with { Selector = null } };

        Assert.Empty(s_reconciler.Compute(unmanaged, Pods(1)));
        Assert.True(s_reconciler.Track(unmanaged, Pods(1), []).InitialChanges.IsEmpty);
    }

    [Fact]
    public void Legacy_endpoints_need_no_uid_because_upstream_writes_no_owner_reference()
    {
        var legacy = ServiceModel.Discovery.Endpoints.ForService(Service() with { Uid = "" }, Pods(1));

        Assert.NotNull(legacy);
        Assert.Single(legacy.Subsets);
    }

    [Property(MaxTest = 200)]
    public Property The_change_set_from_a_recreated_service_deletes_exactly_the_old_uids_slices()
        => Prop.ForAll(EndpointGenerators.Scenario.ToArbitrary(), scenario =>
        {
            var reconciler = new EndpointSliceReconciler(scenario.MaxPerSlice);
            var old = reconciler.Compute(scenario.Service, scenario.Pods);
            var recreated = Recreated(scenario.Service);

            var changes = reconciler.Reconcile(recreated, scenario.Pods, old);

            var deleted = changes.ToDelete.Select(s => s.Name).ToHashSet();
            var kept = old.Where(s => !deleted.Contains(s.Name)).ToList();
            return changes.ToDelete.All(old.Contains)
                && changes.ToUpdate.IsEmpty
                && changes.ToCreate.All(s => s.OwnerReferences.Single().Uid == recreated.Uid)
                && kept.All(s => s.Endpoints.IsEmpty && s.Ports.IsEmpty)
                && kept.Count <= reconciler.Compute(recreated, scenario.Pods).Count(s => s.Endpoints.IsEmpty && s.Ports.IsEmpty)
                && changes.ApplyTo(old).Length == reconciler.Compute(recreated, scenario.Pods).Length;
        });
}
