using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ServiceModel.Services;
using ServiceModel.Tests.Properties;

namespace ServiceModel.Tests.Services;

public class ServiceAllocatorProperties
{
    // Every property runs on both ClusterIP engines: the classic bitmap and the ServiceCIDR allocator.
    private static Arbitrary<IPEngine> Engine => Gen.Elements(IPEngine.Bitmap, IPEngine.ServiceCidrs).ToArbitrary();

    // Some values taken before the Service arrives, so requests can collide and ranges are not empty.
    private static AllocatorFixture Cluster(bool dualStack, int seed, int prefill, IPEngine engine)
    {
        var f = new AllocatorFixture(dualStack, seed: seed, engine: engine);
        for (var i = 0; i < prefill; i++)
        {
            f.Ports.AllocateNext();
            f.V4.AllocateNext();
        }

        return f;
    }

    [Property(MaxTest = 200)]
    public Property Create_then_delete_returns_every_allocator_to_its_snapshot()
        => Prop.ForAll(
            Gen.Elements(false, true).SelectMany(dual => ServiceAllocationGenerators.Submitted(dual, headless: true, mayRequest: true).Select(s => (dual, s))).ToArbitrary(),
            Gen.Choose(0, 20).ToArbitrary(),
            Engine,
            (c, prefill, engine) =>
            {
                var f = Cluster(c.dual, prefill, prefill, engine);
                var before = f.Snapshot();
                var baseline = f.Held();
                ServiceAllocation created;
                try
                {
                    created = f.Allocator.Create(c.s);
                }
                catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
                {
                    // A failed create (a requested value was taken) changes nothing.
                    return before.Equals(f.Snapshot());
                }

                var heldNow = f.Held();
                var consistent = heldNow.SetEquals(baseline.Union(AllocatorFixture.HeldBy(created.Service)))
                    && heldNow.Count == baseline.Count + AllocatorFixture.HeldBy(created.Service).Count;
                f.Allocator.Delete(created.Service);
                return consistent && before.Equals(f.Snapshot());
            });

    [Property(MaxTest = 100)]
    public Property Update_sequences_never_leak_or_double_allocate_and_failures_roll_back()
        => Prop.ForAll(
            Gen.Elements(false, true).SelectMany(dual =>
                Gen.ListOf(ServiceAllocationGenerators.Submitted(dual, headless: true, mayRequest: true), 6).Select(steps => (dual, steps))).ToArbitrary(),
            Engine,
            (c, engine) =>
            {
                var f = Cluster(c.dual, seed: 3, prefill: 5, engine);
                var initial = f.Snapshot();
                var baseline = f.Held();
                Service? current = null;
                foreach (var submitted in c.steps)
                {
                    var before = f.Snapshot();
                    try
                    {
                        current = current is null ? f.Allocator.Create(submitted).Service : f.Allocator.Update(current, submitted).Service;
                    }
                    catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
                    {
                        if (!before.Equals(f.Snapshot()))
                        {
                            return false.Label("a failed step changed an allocator");
                        }

                        continue;
                    }

                    var held = AllocatorFixture.HeldBy(current);
                    if (!f.Held().SetEquals(baseline.Union(held)) || f.Held().Count != baseline.Count + held.Count)
                    {
                        return false.Label($"allocators {string.Join(",", f.Held().Except(baseline))} != service {string.Join(",", held)}");
                    }
                }

                if (current is not null)
                {
                    f.Allocator.Delete(current);
                }

                return initial.Equals(f.Snapshot()).Label("delete did not restore the initial snapshot");
            });

    [Property(MaxTest = 150)]
    public Property Any_valid_submitted_Service_is_created_then_deleted_without_a_trace()
        => Prop.ForAll(
            ServiceGenerators.SubmittedService.ToArbitrary(),
            Gen.Elements(false, true).ToArbitrary(),
            Engine,
            (service, dual, engine) =>
            {
                var f = new AllocatorFixture(dual, ipv4: "10.96.0.0/16", ipv6: "fd00:10:96::/112", ports: "30000-32767", engine: engine);
                var before = f.Snapshot();
                var created = f.Allocator.Create(service);
                var consistent = f.Held().SetEquals(AllocatorFixture.HeldBy(created.Service))
                    && ServiceValidator.Validate(created.Service).IsEmpty;
                f.Allocator.Delete(created.Service);
                return (consistent && before.Equals(f.Snapshot())).Label(created.Service.Spec.Type.ToString());
            });

    [Property(MaxTest = 100)]
    public Property A_dry_run_never_changes_a_snapshot_and_predicts_the_values_count()
        => Prop.ForAll(
            ServiceAllocationGenerators.Submitted(dualStack: true, headless: true, mayRequest: false).ToArbitrary(),
            Engine,
            (s, engine) =>
            {
                var f = Cluster(true, seed: 11, prefill: 3, engine);
                var before = f.Snapshot();
                var plan = f.Allocator.Create(s, dryRun: true);
                var unchanged = before.Equals(f.Snapshot());
                var real = f.Allocator.Create(s);
                return unchanged
                    && plan.AllocatedClusterIPs.Length == real.AllocatedClusterIPs.Length
                    && plan.AllocatedNodePorts.Length == real.AllocatedNodePorts.Length;
            });

    // Several Services share the allocators; any Create/Update/Delete sequence (ExternalName Services
    // carrying node ports and type changes included) leaves the allocators marking exactly what the
    // live Services hold, with no value held by two of them.
    [Property(MaxTest = 150)]
    public Property Live_Services_hold_exactly_what_the_allocators_mark_after_any_operation_sequence()
        => Prop.ForAll(
            Gen.Elements(false, true).SelectMany(dual =>
                Gen.ListOf(
                    from slot in Gen.Choose(0, 2)
                    from delete in Gen.Frequency((1, Gen.Constant(true)), (4, Gen.Constant(false)))
                    from service in ServiceAllocationGenerators.Submitted(dual, headless: true, mayRequest: true, strayNodePorts: true)
                    select (slot, delete, service: service with { Name = "svc" + slot }),
                    12).Select(ops => (dual, ops))).ToArbitrary(),
            Engine,
            (c, engine) =>
            {
                var f = Cluster(c.dual, seed: 5, prefill: 2, engine);
                var baseline = f.Held();
                var live = new Service?[3];
                foreach (var (slot, delete, service) in c.ops)
                {
                    var before = f.Snapshot();
                    try
                    {
                        if (live[slot] is { } stored && delete)
                        {
                            f.Allocator.Delete(stored);
                            live[slot] = null;
                        }
                        else
                        {
                            live[slot] = live[slot] is { } old ? f.Allocator.Update(old, service).Service : f.Allocator.Create(service).Service;
                        }
                    }
                    catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
                    {
                        if (!before.Equals(f.Snapshot()))
                        {
                            return false.Label("a failed operation changed an allocator");
                        }
                    }

                    var held = live.OfType<Service>().Select(AllocatorFixture.HeldBy).ToList();
                    var union = held.Aggregate(baseline, (all, h) => all.Union(h));
                    if (!f.Held().SetEquals(union) || f.Held().Count != baseline.Count + held.Sum(h => h.Count))
                    {
                        return false.Label($"allocators [{string.Join(",", f.Held().Except(baseline))}] != services [{string.Join(" | ", held.Select(h => string.Join(",", h)))}]");
                    }
                }

                return true.ToProperty();
            });
}
