using System.Globalization;
using System.Net;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ServiceModel.Services;
using ServiceModel.Tests.Properties;

namespace ServiceModel.Tests.Services;

public class AllocationRepairProperties
{
    // Create/Update/Delete over three Service slots, as the API server would run them.
    private static Gen<(bool Dual, List<(int Slot, bool Delete, Service Service)> Ops)> Sequences =>
        Gen.Elements(false, true).SelectMany(dual =>
            Gen.ListOf(
                from slot in Gen.Choose(0, 2)
                from delete in Gen.Frequency((1, Gen.Constant(true)), (4, Gen.Constant(false)))
                from service in ServiceAllocationGenerators.Submitted(dual, headless: true, mayRequest: true)
                select (slot, delete, service: service with { Name = "svc" + slot }),
                10).Select(ops => (dual, ops.ToList())));

    private static (AllocatorFixture F, List<Service> Live) Run(bool dual, List<(int Slot, bool Delete, Service Service)> ops, Func<AllocatorFixture, List<Service>, bool>? afterEach = null)
    {
        var f = new AllocatorFixture(dual, seed: 9);
        var live = new Service?[3];
        foreach (var (slot, delete, service) in ops)
        {
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
                // A refused operation changes nothing.
            }

            if (afterEach is not null && !afterEach(f, [.. live.OfType<Service>()]))
            {
                break;
            }
        }

        return (f, [.. live.OfType<Service>()]);
    }

    [Property(MaxTest = 150)]
    public Property After_any_operation_sequence_the_check_reports_nothing()
        => Prop.ForAll(Sequences.ToArbitrary(), c =>
        {
            string? failure = null;
            Run(c.Dual, c.Ops, (f, live) =>
            {
                var report = AllocationRepair.Check(f.Allocator, live);
                failure = report.IsClean ? null : string.Join(" | ", report.Findings.Select(x => x.Log));
                return failure is null;
            });
            return (failure is null).Label(failure ?? "");
        });

    [Property(MaxTest = 150)]
    public Property An_extra_mark_is_reported_as_exactly_one_leak()
        => Prop.ForAll(Sequences.ToArbitrary(), Gen.Elements(false, true).ToArbitrary(), (c, ip) =>
        {
            var (f, live) = Run(c.Dual, c.Ops);
            string value;
            RepairFindingKind kind;
            if (ip)
            {
                if (!f.V4.Bitmap.TryAllocateNext(out var next))
                {
                    return true.Label("range full");
                }

                (value, kind) = (next.ToString(), RepairFindingKind.ClusterIPLeaked);
            }
            else
            {
                (value, kind) = (f.Ports.AllocateNext().ToString(CultureInfo.InvariantCulture), RepairFindingKind.PortLeaked);
            }

            var finding = AllocationRepair.Check(f.Allocator, live).Findings.ToList();
            return (finding.Count == 1 && finding[0].Kind == kind && finding[0].Value == value && finding[0].Services.IsEmpty)
                .Label(string.Join(" | ", finding.Select(x => x.Log)));
        });

    [Property(MaxTest = 150)]
    public Property A_missing_mark_is_reported_as_exactly_one_not_allocated_value()
        => Prop.ForAll(Sequences.ToArbitrary(), Gen.Choose(0, 1000).ToArbitrary(), (c, pick) =>
        {
            var (f, live) = Run(c.Dual, c.Ops);
            var held = live.SelectMany(s => AllocatorFixture.HeldBy(s).Select(v => (s, v))).ToList();
            if (held.Count == 0)
            {
                return true.Label("nothing held");
            }

            var (service, value) = held[pick % held.Count];
            RepairFindingKind kind;
            if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port))
            {
                f.Ports.Release(port);
                kind = RepairFindingKind.PortNotAllocated;
            }
            else
            {
                var address = IPAddress.Parse(value);
                (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? f.V4 : f.V6!).Bitmap.Release(address);
                kind = RepairFindingKind.ClusterIPNotAllocated;
            }

            var findings = AllocationRepair.Check(f.Allocator, live).Findings.ToList();
            return (findings.Count == 1 && findings[0].Kind == kind && findings[0].Value == value
                    && findings[0].Services.SequenceEqual(["default/" + service.Name]))
                .Label(string.Join(" | ", findings.Select(x => x.Log)));
        });

    [Property(MaxTest = 150)]
    public Property A_copy_of_a_live_Service_is_reported_as_holding_each_of_its_values_a_second_time()
        => Prop.ForAll(Sequences.ToArbitrary(), Gen.Choose(0, 2).ToArbitrary(), (c, pick) =>
        {
            var (f, live) = Run(c.Dual, c.Ops);
            if (live.Count == 0)
            {
                return true.Label("no live Service");
            }

            var original = live[pick % live.Count];
            var copy = original with { Name = "copy" };
            var expected = AllocatorFixture.HeldBy(original)
                .Select(v => (int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out _) ? RepairFindingKind.PortAlreadyAllocated : RepairFindingKind.ClusterIPAlreadyAllocated, v))
                .Order()
                .ToList();
            var findings = AllocationRepair.Check(f.Allocator, [.. live, copy]).Findings;
            var actual = findings.Select(x => (x.Kind, x.Value)).Order().ToList();
            var named = findings.All(x => x.Services.SequenceEqual(["default/" + original.Name, "default/copy"]));
            return (named && expected.SequenceEqual(actual)).Label(string.Join(" | ", findings.Select(x => x.Log)));
        });
}
