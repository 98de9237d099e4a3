using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ServiceModel.Discovery;
using ServiceModel.Services;
using ServiceModel.Tests.Properties;

namespace ServiceModel.Tests.Discovery;

public class EndpointSliceProperties
{
    [Property(MaxTest = 200)]
    public Property Every_qualifying_pod_address_appears_exactly_once_per_family()
        => Prop.ForAll(EndpointGenerators.Scenario.ToArbitrary(), scenario =>
        {
            var slices = new EndpointSliceReconciler(scenario.MaxPerSlice).Compute(scenario.Service, scenario.Pods);
            return EveryPodOnce(scenario.Service, scenario.Pods, slices);
        });

    [Property(MaxTest = 200)]
    public Property No_slice_exceeds_the_limit_and_each_has_one_address_type()
        => Prop.ForAll(EndpointGenerators.Scenario.ToArbitrary(), scenario =>
        {
            var slices = new EndpointSliceReconciler(scenario.MaxPerSlice).Compute(scenario.Service, scenario.Pods);
            return slices.All(s => s.Endpoints.Length <= scenario.MaxPerSlice)
                && slices.All(s => s.Endpoints.All(e => e.Addresses.All(a => Family(a) == s.AddressType)))
                && slices.Select(s => s.Name).Distinct().Count() == slices.Length;
        });

    [Property(MaxTest = 150)]
    public Property Output_does_not_depend_on_the_order_pods_are_listed_in()
    {
        var cases =
            from scenario in EndpointGenerators.Scenario
            from shuffled in Gen.Shuffle(scenario.Pods.ToArray())
            select (scenario, shuffled);
        return Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var reconciler = new EndpointSliceReconciler(c.scenario.MaxPerSlice);
            return reconciler.Compute(c.scenario.Service, c.scenario.Pods).SequenceEqual(reconciler.Compute(c.scenario.Service, c.shuffled))
                && Equals(
                    ServiceModel.Discovery.Endpoints.ForService(c.scenario.Service, c.scenario.Pods),
                    ServiceModel.Discovery.Endpoints.ForService(c.scenario.Service, c.shuffled));
        });
    }

    [Property(MaxTest = 200)]
    public Property Reconciling_computed_slices_changes_nothing()
        => Prop.ForAll(EndpointGenerators.Scenario.ToArbitrary(), scenario =>
        {
            var reconciler = new EndpointSliceReconciler(scenario.MaxPerSlice);
            var slices = reconciler.Compute(scenario.Service, scenario.Pods);
            return reconciler.Reconcile(scenario.Service, scenario.Pods, slices).IsEmpty;
        });

    [Property(MaxTest = 200)]
    public Property Reconciling_twice_is_idempotent_and_reaches_a_valid_state()
        => Prop.ForAll(EndpointGenerators.Change.ToArbitrary(), change =>
        {
            var (before, after) = change;
            var reconciler = new EndpointSliceReconciler(before.MaxPerSlice);
            var existing = reconciler.Compute(before.Service, before.Pods);

            var first = reconciler.Reconcile(before.Service, after, existing);
            var state = first.ApplyTo(existing);
            var second = reconciler.Reconcile(before.Service, after, state);

            return second.IsEmpty
                && state.All(s => s.Endpoints.Length <= before.MaxPerSlice)
                && EveryPodOnce(before.Service, after, state)
                && first.ToUpdate.All(u => existing.Any(e => e.Name == u.Name))
                && first.ToDelete.All(d => existing.Contains(d))
                && first.ToCreate.All(c => existing.All(e => e.Name != c.Name));
        });

    [Property(MaxTest = 150)]
    public Property Legacy_endpoints_list_each_qualifying_pod_once_per_resolved_port()
        => Prop.ForAll(EndpointGenerators.Scenario.ToArbitrary(), scenario =>
        {
            var service = scenario.Service;
            var endpoints = ServiceModel.Discovery.Endpoints.ForService(service, scenario.Pods)!;
            var primary = service.Spec.IPFamilies[0] == ServiceModel.Networking.IPFamily.IPv6 ? AddressType.IPv6 : AddressType.IPv4;
            var publish = service.Spec.PublishNotReadyAddresses;
            foreach (var servicePort in service.Spec.Ports)
            {
                var expected = scenario.Pods
                    .Where(p => Selected(service, p) && (publish || !p.IsTerminating) && p.PodIPs.Any(ip => FamilyOf(ip) == primary))
                    .Where(p => !servicePort.TargetPort.IsString
                        || p.ContainerPorts.Any(c => c.Name == servicePort.TargetPort.StringValue && c.Protocol == servicePort.Protocol))
                    .Select(p => p.Name)
                    .Order(StringComparer.Ordinal);
                var actual = endpoints.Subsets
                    .Where(s => s.Ports.Any(p => p.Name == servicePort.Name))
                    .SelectMany(s => s.Addresses.Concat(s.NotReadyAddresses))
                    .Select(a => a.TargetRef!.Name)
                    .Order(StringComparer.Ordinal);
                if (!expected.SequenceEqual(actual))
                {
                    return false;
                }
            }

            return endpoints.Subsets.All(s => s.Ports.Select(p => p.Name).Distinct().Count() == s.Ports.Length);
        });

    [Property(MaxTest = 200)]
    public Property Legacy_endpoints_grouped_by_resolved_ports_equal_repacking_every_pod_port_pair()
        => Prop.ForAll(EndpointGenerators.Scenario.ToArbitrary(), scenario =>
        {
            var service = scenario.Service;
            var publish = service.Spec.PublishNotReadyAddresses;
            var primary = service.Spec.IPFamilies[0] == ServiceModel.Networking.IPFamily.IPv6 ? AddressType.IPv6 : AddressType.IPv4;
            var pairs = new List<EndpointSubset>();
            foreach (var pod in scenario.Pods.Where(p => Selected(service, p) && (publish || !p.IsTerminating)))
            {
                var ip = pod.PodIPs.FirstOrDefault(ip => FamilyOf(ip) == primary);
                if (ip is null)
                {
                    continue;
                }

                var address = new EndpointAddress
                {
                    IP = ip,
                    NodeName = pod.NodeName,
                    Hostname = pod.Subdomain == service.Name ? pod.Hostname : null,
                    TargetRef = ObjectReference.ForPod(pod),
                };
                var ready = publish || pod.Ready;
                var ports = service.Spec.Ports.IsEmpty && service.Spec.IsHeadless ? [null] : service.Spec.Ports.Select(sp => Resolve(pod, sp));
                foreach (var port in ports.Where(p => p is not null || service.Spec.Ports.IsEmpty))
                {
                    pairs.Add(new EndpointSubset
                    {
                        Addresses = ready ? [address] : [],
                        NotReadyAddresses = ready ? [] : [address],
                        Ports = port is null ? [] : [port],
                    });
                }
            }

            var expected = ServiceModel.Discovery.Endpoints.RepackSubsets(pairs);
            return ServiceModel.Discovery.Endpoints.ForService(service, scenario.Pods)!.Subsets.SequenceEqual(expected);
        });

    private static EndpointPort? Resolve(Pod pod, ServicePort servicePort)
    {
        int? number = servicePort.TargetPort.IsString
            ? pod.ContainerPorts.FirstOrDefault(c => c.Name == servicePort.TargetPort.StringValue && c.Protocol == servicePort.Protocol)?.Port
            : servicePort.TargetPort.IntValue == 0 ? servicePort.Port : servicePort.TargetPort.IntValue;
        return number is { } port
            ? new EndpointPort { Name = servicePort.Name ?? "", Port = port, Protocol = servicePort.Protocol, AppProtocol = servicePort.AppProtocol }
            : null;
    }

    private static bool EveryPodOnce(Service service, IEnumerable<Pod> pods, IEnumerable<EndpointSlice> slices)
    {
        var types = EndpointSliceReconciler.AddressTypesFor(service);
        var sliceList = slices.ToList();
        foreach (var type in types)
        {
            var counts = sliceList.Where(s => s.AddressType == type)
                .SelectMany(s => s.Endpoints)
                .GroupBy(e => e.TargetRef!.Name)
                .ToDictionary(g => g.Key, g => g.Count());
            var expected = pods
                .Where(p => Selected(service, p) && p.PodIPs.Any(ip => FamilyOf(ip) == type))
                .Select(p => p.Name)
                .ToHashSet();
            if (counts.Values.Any(c => c != 1) || !counts.Keys.ToHashSet().SetEquals(expected))
            {
                return false;
            }
        }

        return sliceList.All(s => types.Contains(s.AddressType));
    }

    private static bool Selected(Service service, Pod pod)
        => pod.Namespace == service.Namespace && pod.Labels.GetValueOrDefault("app") == "foo" && !pod.IsTerminal && !pod.PodIPs.IsEmpty;

    private static AddressType FamilyOf(string ip)
        => System.Net.IPAddress.Parse(ip).AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? AddressType.IPv6 : AddressType.IPv4;

    private static AddressType Family(string address) => FamilyOf(address);
}
