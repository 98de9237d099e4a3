using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ServiceModel.Discovery;
using ServiceModel.Services;
using ServiceModel.Tests.Properties;

namespace ServiceModel.Tests.Discovery;

public class EndpointSliceTrackerProperties
{
    // Small, frequent pod events: readiness flips, deletions, node moves, and now and then a
    // pod that leaves or joins the selector, resolves other ports, reorders its addresses or
    // changes its hostname.
    private static readonly Gen<(EndpointScenario Before, ImmutableArray<Pod> After)> s_event =
        from scenario in EndpointGenerators.Scenario
        from edits in Gen.ArrayOf(Gen.Choose(0, 9), scenario.Pods.Length)
        select (scenario, scenario.Pods
            .Select((pod, i) => edits[i] switch
            {
                0 => pod with { Ready = !pod.Ready },
                1 => null,
                2 => pod with { NodeName = "node-z" },
                3 => pod with { DeletionTimestamp = DateTimeOffset.UnixEpoch },
                5 when i % 2 == 0 => pod with { ContainerPorts = [] },
                6 when i % 2 == 0 => pod with { PodIPs = [.. pod.PodIPs.Reverse()] },
                7 when i % 4 == 0 => pod with { Hostname = pod.Hostname is null ? "host" : null, Subdomain = "svc" },
                4 when i % 3 == 0 => pod with { Labels = pod.Labels.SetItem("app", pod.Labels["app"] == "foo" ? "bar" : "foo") },
                _ => pod,
            })
            .OfType<Pod>()
            .ToImmutableArray());

    [Property(MaxTest = 200)]
    public Property Tracking_any_change_equals_a_full_reconcile()
        => Prop.ForAll(EndpointGenerators.Change.ToArbitrary(), change => AgreesWithFullReconcile(change.Before, change.After));

    [Property(MaxTest = 200)]
    public Property Tracking_small_pod_events_equals_a_full_reconcile()
        => Prop.ForAll(s_event.ToArbitrary(), change => AgreesWithFullReconcile(change.Before, change.After));

    [Property(MaxTest = 100)]
    public Property Tracking_a_sequence_of_events_stays_equal_to_a_full_reconcile()
        => Prop.ForAll(s_event.ToArbitrary(), change =>
        {
            var (before, after) = change;
            var reconciler = new EndpointSliceReconciler(before.MaxPerSlice);
            var tracker = reconciler.Track(before.Service, before.Pods, []);
            var pods = before.Pods;

            // Replays the event pod by pod: every step must match the full answer.
            foreach (var pod in after.Where(p => !before.Pods.Contains(p)))
            {
                var slices = tracker.Slices;
                pods = [.. pods.Where(p => p.Name != pod.Name), pod];
                if (!tracker.Update([pod]).Equals(reconciler.Reconcile(before.Service, pods, slices)))
                {
                    return false;
                }
            }

            return true;
        });

    [Property(MaxTest = 100)]
    public Property Batch_compute_equals_computing_each_service_from_every_pod()
    {
        var worlds =
            from services in Gen.CollectToArray(Enumerable.Range(0, 4).Select(i =>
                from scenario in EndpointGenerators.Service
                from app in Gen.Elements("foo", "bar")
                select scenario with
                {
                    Name = $"svc{i}",
                    Spec = scenario.Spec with { Selector = ImmutableDictionary<string, string>.Empty.Add("app", app) },
                }))
            from pods in EndpointGenerators.Pods
            select (services, pods);
        return Prop.ForAll(worlds.ToArbitrary(), world =>
        {
            var all = EndpointSliceReconciler.Default.ComputeAll(world.services, world.pods);
            var index = new ServiceIndex(world.services).AssignPods(world.pods);
            return world.services.All(s =>
                all[s].SequenceEqual(EndpointSliceReconciler.Default.Compute(s, world.pods))
                && index[s].ToHashSet().SetEquals(world.pods.Where(p => p.Namespace == s.Namespace && p.Labels["app"] == s.Spec.Selector!["app"])));
        });
    }

    // Two zones of ready nodes with CPU (node-z is unknown), so every hint source has something to do.
    private static readonly NodeTopology s_zones = NodeTopology.FromNodes(
        [Node.InZone("node-a", "zone-1", 4000), Node.InZone("node-b", "zone-2", 2000), Node.InZone("node-c", "zone-1", 2000)]);

    // The same events under each hint source: none, trafficDistribution, Topology Aware Routing.
    private static readonly Gen<(EndpointScenario Before, ImmutableArray<Pod> After)> s_hintedEvent =
        from change in s_event
        from distribution in Gen.Elements<string?>(null, TrafficDistribution.PreferClose, TrafficDistribution.PreferSameZone, TrafficDistribution.PreferSameNode)
        from topologyMode in Gen.Elements(false, false, true)
        let service = change.Before.Service with
        {
            Spec = change.Before.Service.Spec with { TrafficDistribution = distribution },
            Annotations = topologyMode
                ? ImmutableDictionary<string, string>.Empty.Add(TopologyAwareHints.TopologyModeAnnotation, "Auto")
                : ImmutableDictionary<string, string>.Empty,
        }
        select (change.Before with { Service = service }, change.After);

    [Property(MaxTest = 200)]
    public Property Tracking_pod_events_with_hints_equals_a_full_reconcile()
        => Prop.ForAll(s_hintedEvent.ToArbitrary(), change => AgreesWithFullReconcile(change.Before, change.After, s_zones));

    [Property(MaxTest = 100)]
    public Property Tracking_from_slices_hinted_under_another_source_equals_a_full_reconcile()
        => Prop.ForAll(s_hintedEvent.ToArbitrary(), change =>
        {
            // Slices written while the Service asked for PreferSameNode, then tracked under its current source.
            var (before, after) = change;
            var reconciler = new EndpointSliceReconciler(before.MaxPerSlice);
            var earlier = before.Service with { Spec = before.Service.Spec with { TrafficDistribution = TrafficDistribution.PreferSameNode }, Annotations = ImmutableDictionary<string, string>.Empty };
            var hinted = reconciler.Compute(earlier, before.Pods, s_zones);
            var tracker = reconciler.Track(before.Service, before.Pods, hinted, s_zones);
            var slices = tracker.Slices;
            var afterNames = after.Select(p => p.Name).ToHashSet();

            var incremental = tracker.Update(after.Where(p => !before.Pods.Contains(p)), before.Pods.Where(p => !afterNames.Contains(p.Name)).Select(p => p.Name));

            return tracker.InitialChanges.Equals(reconciler.Reconcile(before.Service, before.Pods, hinted, s_zones))
                && incremental.Equals(reconciler.Reconcile(before.Service, after, slices, s_zones));
        });

    private static bool AgreesWithFullReconcile(EndpointScenario before, ImmutableArray<Pod> after, NodeTopology? nodes = null)
    {
        var reconciler = new EndpointSliceReconciler(before.MaxPerSlice);
        var tracker = reconciler.Track(before.Service, before.Pods, [], nodes);
        var initial = tracker.InitialChanges;
        var slices = tracker.Slices;
        var afterNames = after.Select(p => p.Name).ToHashSet();
        var deleted = before.Pods.Where(p => !afterNames.Contains(p.Name)).Select(p => p.Name);
        var changed = after.Where(p => !before.Pods.Contains(p));

        var incremental = tracker.Update(changed, deleted);
        var full = reconciler.Reconcile(before.Service, after, slices, nodes);

        return initial.Equals(reconciler.Reconcile(before.Service, before.Pods, [], nodes))
            && incremental.Equals(full)
            && tracker.Slices.SequenceEqual(full.ApplyTo(slices).OrderBy(s => s.Name, StringComparer.Ordinal));
    }
}
