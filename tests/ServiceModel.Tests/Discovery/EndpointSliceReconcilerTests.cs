using System.Collections.Immutable;
using ServiceModel.Discovery;
using ServiceModel.Networking;
using ServiceModel.Services;
using static ServiceModel.Tests.Discovery.EndpointFixtures;

namespace ServiceModel.Tests.Discovery;

public class EndpointSliceReconcilerTests
{
    private static readonly EndpointSliceReconciler s_reconciler = EndpointSliceReconciler.Default;

    [Fact]
    public void Two_hundred_fifty_pods_fill_two_slices_and_a_remainder()
    {
        // upstream TestReconcileEndpointSlicesSomePreexisting's fresh case: 100, 100, 50.
        var slices = s_reconciler.Compute(Service(), Pods(250));

        Assert.Equal([100, 100, 50], slices.Select(s => s.Endpoints.Length));
        Assert.All(slices, s => Assert.Equal(AddressType.IPv4, s.AddressType));
        Assert.All(slices, s => Assert.Equal([new EndpointPort { Name = "", Port = 8080, Protocol = Protocol.TCP }], s.Ports.AsEnumerable()));
    }

    [Fact]
    public void Slice_metadata_names_the_service_and_the_controller()
    {
        var service = Service() with { Labels = LabelSet(("team", "a"), (EndpointSlice.ServiceNameLabel, "spoof")) };
        var slice = Assert.Single(s_reconciler.Compute(service, Pods(1)));

        Assert.Equal("test", slice.Namespace);
        Assert.Equal("foo-", slice.GenerateName);
        Assert.StartsWith("foo-", slice.Name, StringComparison.Ordinal);
        Assert.Equal(9, slice.Name.Length);
        Assert.Equal(
            LabelSet(("team", "a"), (EndpointSlice.ServiceNameLabel, "foo"), (EndpointSlice.ManagedByLabel, "endpointslice-controller.k8s.io")),
            slice.Labels);
        Assert.Equal([new OwnerReference { ApiVersion = "v1", Kind = "Service", Name = "foo", Uid = UidOf("test", "foo"), Controller = true }], slice.OwnerReferences.AsEnumerable());
    }

    [Fact]
    public void Headless_service_slices_carry_the_headless_label()
    {
        var service = Service() with { Spec = Service().Spec with { ClusterIP = "None" } };
        var slice = Assert.Single(s_reconciler.Compute(service, Pods(1)));
        Assert.Equal("", slice.Labels[EndpointSlice.HeadlessServiceLabel]);
    }

    [Fact]
    public void Names_are_deterministic_and_distinct()
    {
        var first = s_reconciler.Compute(Service(), Pods(250));
        var second = s_reconciler.Compute(Service(), Pods(250).AsEnumerable().Reverse());

        Assert.Equal(first.AsEnumerable(), second.AsEnumerable());
        Assert.Equal(3, first.Select(s => s.Name).Distinct().Count());
        Assert.All(first, s => Assert.Matches("^foo-[bcdfghjklmnpqrstvwxz2456789]{5}$", s.Name));
    }

    [Fact]
    public void Long_service_names_are_cut_to_fifty_eight_characters_before_the_suffix()
    {
        var name = new string('a', 63);
        var slice = Assert.Single(s_reconciler.Compute(Service(name), Pods(1)));
        Assert.Equal(63, slice.Name.Length);
        Assert.StartsWith(new string('a', 58), slice.Name, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, false, false, true, true, false)]
    [InlineData(false, false, false, false, false, false)]
    [InlineData(true, true, false, false, true, true)]
    [InlineData(false, true, false, false, false, true)]
    [InlineData(false, false, true, true, false, false)]
    [InlineData(true, true, true, true, true, true)]
    [InlineData(false, true, true, true, false, true)]
    public void Conditions_follow_readiness_deletion_and_publish_not_ready(
        bool podReady, bool deleting, bool publishNotReady, bool ready, bool serving, bool terminating)
    {
        var service = Service() with { Spec = Service().Spec with { PublishNotReadyAddresses = publishNotReady } };
        var pod = Pod(0, ready: podReady) with { DeletionTimestamp = deleting ? DateTimeOffset.UnixEpoch : null };

        var endpoint = Assert.Single(Assert.Single(s_reconciler.Compute(service, [pod])).Endpoints);

        Assert.Equal(new EndpointConditions { Ready = ready, Serving = serving, Terminating = terminating }, endpoint.Conditions);
    }

    [Fact]
    public void Endpoint_carries_target_node_zone_and_address()
    {
        var nodes = new NodeTopology([new("node-1", "zone-a")]);
        var endpoint = Assert.Single(Assert.Single(s_reconciler.Compute(Service(), [Pod(7)], nodes)).Endpoints);

        Assert.Equal(["10.1.0.7"], endpoint.Addresses.AsEnumerable());
        Assert.Equal(new ObjectReference { Kind = "Pod", Namespace = "test", Name = "pod7", Uid = "uid-7" }, endpoint.TargetRef);
        Assert.Equal("node-1", endpoint.NodeName);
        Assert.Equal("zone-a", endpoint.Zone);
        Assert.Null(endpoint.Hostname);
    }

    [Fact]
    public void Pods_on_unknown_nodes_are_left_out_unless_not_ready_addresses_are_published()
    {
        var nodes = new NodeTopology([new("node-2", "")]);
        var service = Service();

        var skipped = Assert.Single(s_reconciler.Compute(service, [Pod(0)], nodes));
        Assert.Empty(skipped.Endpoints);

        var published = service with { Spec = service.Spec with { PublishNotReadyAddresses = true } };
        var kept = Assert.Single(Assert.Single(s_reconciler.Compute(published, [Pod(0)], nodes)).Endpoints);
        Assert.Null(kept.Zone);
    }

    [Fact]
    public void Hostname_is_set_only_when_the_subdomain_names_the_service()
    {
        var matching = Pod(0) with { Hostname = "host", Subdomain = "foo" };
        var other = Pod(1) with { Hostname = "host", Subdomain = "bar" };

        var endpoints = Assert.Single(s_reconciler.Compute(Service(), [matching, other])).Endpoints;

        Assert.Equal("host", endpoints.Single(e => e.TargetRef!.Name == "pod0").Hostname);
        Assert.Null(endpoints.Single(e => e.TargetRef!.Name == "pod1").Hostname);
    }

    [Fact]
    public void Selection_requires_selector_namespace_addresses_and_a_live_phase()
    {
        var pods = new[]
        {
            Pod(0),
            Pod(1) with { Labels = LabelSet(("app", "bar")) },
            Pod(2, ns: "other"),
            Pod(3) with { PodIPs = [] },
            Pod(4) with { Phase = PodPhase.Succeeded },
            Pod(5) with { Phase = PodPhase.Failed },
            Pod(6) with { Phase = PodPhase.Pending },
            Pod(7) with { Labels = LabelSet(("app", "foo"), ("extra", "x")) },
        };

        var names = Assert.Single(s_reconciler.Compute(Service(), pods)).Endpoints.Select(e => e.TargetRef!.Name);

        Assert.Equal(["pod0", "pod6", "pod7"], names);
    }

    [Fact]
    public void Services_without_selector_or_of_type_external_name_are_not_managed()
    {
        var noSelector = Service() with { Spec = Service().Spec with { Selector = null } };
        var emptySelector = Service() with { Spec = Service().Spec with { Selector = ImmutableDictionary<string, string>.Empty } };
        var externalName = Service() with { Spec = Service().Spec with { Type = ServiceType.ExternalName } };
        var existing = s_reconciler.Compute(Service(), Pods(3));

        Assert.Empty(s_reconciler.Compute(noSelector, Pods(3)));
        Assert.Empty(s_reconciler.Compute(emptySelector, Pods(3)));
        Assert.True(s_reconciler.Reconcile(externalName, Pods(3), existing).IsEmpty);
    }

    [Fact]
    public void No_pods_gives_one_placeholder_per_address_type()
    {
        var service = Service(families: [IPFamily.IPv4, IPFamily.IPv6]);
        var slices = s_reconciler.Compute(service, []);

        Assert.Equal([AddressType.IPv4, AddressType.IPv6], slices.Select(s => s.AddressType));
        Assert.All(slices, s => Assert.Empty(s.Endpoints));
        Assert.All(slices, s => Assert.Empty(s.Ports));
    }

    [Fact]
    public void An_existing_placeholder_is_kept_not_recreated()
    {
        var placeholder = Assert.Single(s_reconciler.Compute(Service(), []));
        Assert.True(s_reconciler.Reconcile(Service(), [], [placeholder]).IsEmpty);
    }

    [Fact]
    public void A_placeholder_becomes_the_first_real_slice_by_update()
    {
        var placeholder = Assert.Single(s_reconciler.Compute(Service(), []));
        var changes = s_reconciler.Reconcile(Service(), Pods(3), [placeholder]);

        Assert.Empty(changes.ToCreate);
        Assert.Empty(changes.ToDelete);
        var updated = Assert.Single(changes.ToUpdate);
        Assert.Equal(placeholder.Name, updated.Name);
        Assert.Equal(3, updated.Endpoints.Length);
    }

    [Fact]
    public void Dual_stack_pods_get_one_slice_per_family_with_matching_addresses()
    {
        var service = Service(families: [IPFamily.IPv6, IPFamily.IPv4]);
        var pod = Pod(0) with { PodIPs = ["10.1.0.1", "fd00::1"] };

        var slices = s_reconciler.Compute(service, [pod]);

        Assert.Equal([AddressType.IPv6, AddressType.IPv4], slices.Select(s => s.AddressType));
        Assert.Equal(["fd00::1"], slices[0].Endpoints.Single().Addresses.AsEnumerable());
        Assert.Equal(["10.1.0.1"], slices[1].Endpoints.Single().Addresses.AsEnumerable());
    }

    [Fact]
    public void Services_without_families_use_the_cluster_ip_family_or_both_when_headless()
    {
        var v6 = Service() with { Spec = Service().Spec with { IPFamilies = [], ClusterIP = "fd00::10" } };
        var headless = Service() with { Spec = Service().Spec with { IPFamilies = [], ClusterIP = "None" } };

        Assert.Equal([AddressType.IPv6], s_reconciler.Compute(v6, []).Select(s => s.AddressType));
        Assert.Equal([AddressType.IPv4, AddressType.IPv6], s_reconciler.Compute(headless, []).Select(s => s.AddressType));
    }

    [Fact]
    public void Named_target_ports_resolve_per_pod_and_split_slices()
    {
        var service = Service(ports: TcpPort(80, "http", "web"));
        ContainerPort Http(int port) => new() { Name = "http", Port = port };
        var pods = new[]
        {
            Pod(0) with { ContainerPorts = [Http(8080)] },
            Pod(1) with { ContainerPorts = [Http(8080)] },
            Pod(2) with { ContainerPorts = [Http(9090)] },
            Pod(3) with { ContainerPorts = [new ContainerPort { Name = "http", Port = 7070, Protocol = Protocol.UDP }] },
        };

        var slices = s_reconciler.Compute(service, pods);

        Assert.Equal(3, slices.Length);
        Assert.Equal(["pod0", "pod1"], Ports(slices, 8080).Endpoints.Select(e => e.TargetRef!.Name));
        Assert.Equal(["pod2"], Ports(slices, 9090).Endpoints.Select(e => e.TargetRef!.Name));
        // A pod lacking the name (for the Service port's protocol) serves no port but still has an endpoint.
        var portless = Assert.Single(slices, s => s.Ports.IsEmpty);
        Assert.Equal(["pod3"], portless.Endpoints.Select(e => e.TargetRef!.Name));

        static EndpointSlice Ports(IEnumerable<EndpointSlice> slices, int port)
            => Assert.Single(slices, s => s.Ports.Length == 1 && s.Ports[0].Port == port);
    }

    [Fact]
    public void Unset_target_port_defaults_to_the_service_port_and_app_protocol_is_copied()
    {
        var port = new ServicePort { Name = "h2", Port = 443, Protocol = Protocol.TCP, AppProtocol = "kubernetes.io/h2c" };
        var slice = Assert.Single(s_reconciler.Compute(Service(ports: port), Pods(1)));
        Assert.Equal([new EndpointPort { Name = "h2", Port = 443, Protocol = Protocol.TCP, AppProtocol = "kubernetes.io/h2c" }], slice.Ports.AsEnumerable());
    }

    [Fact]
    public void Current_slices_reconcile_to_no_changes()
    {
        var service = Service();
        var pods = Pods(250, i => i % 3 != 0);
        var slices = s_reconciler.Compute(service, pods);

        Assert.True(s_reconciler.Reconcile(service, pods, slices).IsEmpty);
    }

    [Fact]
    public void Leftovers_fill_the_existing_slice_that_ends_closest_to_full()
    {
        // upstream TestReconcileEndpointSlicesSomePreexisting: 62 and 61 endpoints exist, 127 to
        // add: one new full slice, and 27 into the first slice (1 update + 1 create).
        var service = Service();
        var pods = Pods(250, i => i % 3 != 0);
        var all = s_reconciler.Compute(service, pods)[0];
        var endpointsByPod = new EndpointSliceReconciler(1000).Compute(service, pods).Single().Endpoints
            .ToDictionary(e => e.TargetRef!.Name);
        var slice1 = Existing("foo-one", Enumerable.Range(0, 62).Select(k => 1 + (4 * k)), endpointsByPod, all);
        var slice2 = Existing("foo-two", Enumerable.Range(0, 61).Select(k => 3 + (4 * k)), endpointsByPod, all);

        var changes = s_reconciler.Reconcile(service, pods, [slice1, slice2]);

        Assert.Equal(100, Assert.Single(changes.ToCreate).Endpoints.Length);
        var updated = Assert.Single(changes.ToUpdate);
        Assert.Equal("foo-one", updated.Name);
        Assert.Equal(89, updated.Endpoints.Length);
        Assert.Empty(changes.ToDelete);
    }

    [Fact]
    public void Slices_whose_pods_all_went_are_recycled_by_update()
    {
        // upstream TestReconcileEndpointSlicesRecycling: 300 old pods in 3 full slices replaced
        // by 300 new ones gives 3 updates, not 3 deletes and 3 creates.
        var service = Service();
        var old = s_reconciler.Compute(service, Pods(300));
        var replacements = Enumerable.Range(300, 300).Select(i => Pod(i)).ToList();

        var changes = s_reconciler.Reconcile(service, replacements, old);

        Assert.Empty(changes.ToCreate);
        Assert.Empty(changes.ToDelete);
        Assert.Equal(old.Select(s => s.Name).Order(StringComparer.Ordinal), changes.ToUpdate.Select(s => s.Name));
        Assert.All(changes.ToUpdate, s => Assert.Equal(100, s.Endpoints.Length));
    }

    [Fact]
    public void Endpoint_order_inside_existing_slices_does_not_matter()
    {
        var pods = Pods(250);
        var slices = s_reconciler.Compute(Service(), pods);
        var shuffled = slices.Reverse().Select(s => s with { Endpoints = [.. s.Endpoints.Reverse()] }).ToList();

        Assert.True(s_reconciler.Reconcile(Service(), pods, shuffled).IsEmpty);
    }

    [Fact]
    public void A_repeated_pod_name_keeps_the_later_pod()
    {
        var first = Pod(1);
        var later = Pod(1, ip: "10.9.9.9");

        var endpoint = Assert.Single(Assert.Single(s_reconciler.Compute(Service(), [Pod(2), first, Pod(0), later])).Endpoints, e => e.TargetRef!.Name == "pod1");

        Assert.Equal(["10.9.9.9"], endpoint.Addresses.AsEnumerable());
    }

    [Fact]
    public void A_changed_endpoint_is_updated_in_place()
    {
        var service = Service();
        var pods = Pods(5);
        var slice = Assert.Single(s_reconciler.Compute(service, pods));
        pods[2] = pods[2] with { Ready = false };

        var changes = s_reconciler.Reconcile(service, pods, [slice]);

        var updated = Assert.Single(changes.ToUpdate);
        Assert.Equal(slice.Name, updated.Name);
        Assert.Equal(slice.Endpoints.Select(e => e.TargetRef), updated.Endpoints.Select(e => e.TargetRef));
        Assert.False(updated.Endpoints[2].Conditions.Ready);
        Assert.Empty(changes.ToCreate);
        Assert.Empty(changes.ToDelete);
    }

    [Fact]
    public void Hints_alone_do_not_make_an_endpoint_stale_but_without_a_hint_source_they_are_removed()
    {
        var nodes = new NodeTopology([new KeyValuePair<string, string>("node-1", "z")]);
        var sameZone = Service() with { Spec = Service().Spec with { TrafficDistribution = TrafficDistribution.PreferSameZone } };
        var slice = Assert.Single(s_reconciler.Compute(sameZone, Pods(2), nodes));
        Assert.All(slice.Endpoints, e => Assert.Equal(["z"], e.Hints!.ForZones.AsEnumerable()));

        Assert.True(s_reconciler.Reconcile(sameZone, Pods(2), [slice], nodes).IsEmpty);

        var changes = s_reconciler.Reconcile(Service(), Pods(2), [slice], nodes);
        Assert.All(Assert.Single(changes.ToUpdate).Endpoints, e => Assert.Null(e.Hints));
        var report = Assert.Single(changes.Hints);
        Assert.Equal(TopologyHintsOutcome.Disabled, report.Outcome);
        Assert.Equal("Topology Aware Hints has been disabled, addressType: IPv4", report.Message);
    }

    [Fact]
    public void Service_label_changes_update_slices_but_reserved_labels_do_not()
    {
        var service = Service();
        var slice = Assert.Single(s_reconciler.Compute(service, Pods(2)));

        var relabelled = service with { Labels = LabelSet(("team", "b")) };
        var changes = s_reconciler.Reconcile(relabelled, Pods(2), [slice]);
        Assert.Equal("b", Assert.Single(changes.ToUpdate).Labels["team"]);

        var reserved = service with { Labels = LabelSet((EndpointSlice.ServiceNameLabel, "x")) };
        Assert.True(s_reconciler.Reconcile(reserved, Pods(2), [slice]).IsEmpty);
    }

    [Fact]
    public void Slices_of_a_dropped_family_or_not_owned_are_deleted_and_foreign_slices_ignored()
    {
        var dual = Service(families: [IPFamily.IPv4, IPFamily.IPv6]);
        var pods = Pods(2).Select((p, i) => p with { PodIPs = [.. p.PodIPs, $"fd00::{i + 1}"] }).ToList();
        var slices = s_reconciler.Compute(dual, pods);
        var single = Service();

        var changes = s_reconciler.Reconcile(single, pods, slices);
        Assert.Equal(AddressType.IPv6, Assert.Single(changes.ToDelete).AddressType);
        Assert.Empty(changes.ToUpdate);

        var orphan = slices[0] with { OwnerReferences = [] };
        var foreign = slices[0] with { Name = "foreign", Labels = slices[0].Labels.SetItem(EndpointSlice.ManagedByLabel, "someone-else") };
        var replaced = s_reconciler.Reconcile(single, pods, [orphan, foreign]);
        Assert.Equal(orphan.Name, Assert.Single(replaced.ToDelete).Name);
        var created = Assert.Single(replaced.ToCreate);
        Assert.NotEqual(orphan.Name, created.Name);
        Assert.NotEqual("foreign", created.Name);
    }

    [Fact]
    public void Removing_every_pod_leaves_a_placeholder_by_update()
    {
        var slices = s_reconciler.Compute(Service(), Pods(150));
        var changes = s_reconciler.Reconcile(Service(), [], slices);

        Assert.Empty(changes.ToCreate);
        var placeholder = Assert.Single(changes.ToUpdate);
        Assert.Empty(placeholder.Endpoints);
        Assert.Empty(placeholder.Ports);
        Assert.Single(changes.ToDelete);
        Assert.Single(changes.ApplyTo(slices));
    }

    [Fact]
    public void Limit_outside_one_to_a_thousand_is_rejected()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new EndpointSliceReconciler(1001));
        Assert.Contains("max-endpoints-per-slice must not be more than 1000", error.Message, StringComparison.Ordinal);
        var low = Assert.Throws<ArgumentOutOfRangeException>(() => new EndpointSliceReconciler(0));
        Assert.Contains("max-endpoints-per-slice must not be less than 1", low.Message, StringComparison.Ordinal);
        Assert.Equal(1000, new EndpointSliceReconciler(1000).MaxEndpointsPerSlice);
    }

    private static EndpointSlice Existing(string name, IEnumerable<int> podIndexes, Dictionary<string, Endpoint> endpoints, EndpointSlice template)
        => template with { Name = name, Endpoints = [.. podIndexes.Select(i => endpoints[$"pod{i}"])] };

    [Fact]
    public void Pod_IPs_are_written_in_canonical_form()
    {
        // v1.33+ EndpointSlice controller (kubernetes#130101): ParseIPSloppy(ip).String(), so leading
        // zeros go and an IPv4-mapped IPv6 pod IP lands in the IPv4 slice as plain IPv4.
        var pods = new[] { Pod(1, ip: "010.001.000.001"), Pod(2, ip: "::ffff:10.1.0.2"), Pod(3) };

        var slice = Assert.Single(s_reconciler.Compute(Service(), pods));

        Assert.Equal(AddressType.IPv4, slice.AddressType);
        Assert.Equal(["10.1.0.1", "10.1.0.2", "10.1.0.3"], slice.Endpoints.Select(e => Assert.Single(e.Addresses)).Order(StringComparer.Ordinal));
    }
}
