using System.Collections.Immutable;
using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using k8s.Models;
using ServiceModel.Discovery;
using ServiceModel.Services;

namespace ServiceModel.KubernetesClient.Tests.Cluster;

// Whatever is applied, re-applied, resized or deleted, in any order, the cluster holds exactly what
// its live objects hold: no leaked pod address, ClusterIP or node port, and nothing held twice.
public class ServiceClusterProperties
{
    private static readonly Dictionary<string, string> App = new() { ["app"] = "web" };

    private static V1PodTemplateSpec Template(bool tolerateControlPlane) => new()
    {
        Metadata = new V1ObjectMeta { Labels = App },
        Spec = new V1PodSpec
        {
            Containers = [new V1Container { Name = "app" }],
            Tolerations = tolerateControlPlane ? [new V1Toleration { OperatorProperty = "Exists" }] : null,
        },
    };

    // Small blocks (a /29 holds five pods) so that sequences run into full blocks and reuse.
    private static Gen<object> Workload(bool observedPods) =>
        from kind in observedPods ? Gen.Elements("Deployment", "StatefulSet", "DaemonSet", "Pod", "ObservedPod") : Gen.Elements("Deployment", "StatefulSet", "DaemonSet", "Pod")
        from name in Gen.Elements("a", "b", "c")
        from replicas in Gen.Choose(0, 7)
        from tolerate in Gen.Elements(false, true)
        from node in Gen.Elements<string?>(null, null, "worker-1", "control-plane")
        from observedHost in Gen.Choose(0, 7)
        select kind switch
        {
            "Deployment" => (object)new V1Deployment { Metadata = new V1ObjectMeta { Name = name }, Spec = new V1DeploymentSpec { Replicas = replicas, Template = Template(tolerate), Selector = new V1LabelSelector() } },
            "StatefulSet" => new V1StatefulSet { Metadata = new V1ObjectMeta { Name = name }, Spec = new V1StatefulSetSpec { Replicas = replicas, Template = Template(tolerate), Selector = new V1LabelSelector() } },
            "DaemonSet" => new V1DaemonSet { Metadata = new V1ObjectMeta { Name = name }, Spec = new V1DaemonSetSpec { Template = Template(tolerate), Selector = new V1LabelSelector() } },

            // worker-2's /29 is 10.244.0.16-23: hosts 0, 1 and 7 lie outside its pod range (network, gateway, broadcast).
            "ObservedPod" => new V1Pod
            {
                Metadata = new V1ObjectMeta { Name = name, Labels = App },
                Spec = Template(tolerate).Spec with { NodeName = "worker-2" },
                Status = new V1PodStatus { Phase = "Running", PodIPs = [new V1PodIP { Ip = "10.244.0." + (16 + observedHost).ToString(CultureInfo.InvariantCulture) }] },
            },
            _ => new V1Pod { Metadata = new V1ObjectMeta { Name = name, Labels = App }, Spec = Template(tolerate).Spec with { NodeName = node } },
        };

    private static Gen<(bool Delete, object Obj)> Step(Gen<object> objects)
        => from delete in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
           from obj in objects
           select (delete, obj);

    private static ImmutableArray<Pod> Run(ServiceCluster cluster, bool delete, object obj)
    {
        if (delete)
        {
            cluster.Delete(obj);
            return [];
        }

        return cluster.Apply(obj).Pods;
    }

    [Property(MaxTest = 150)]
    public Property Pod_addresses_held_are_exactly_the_live_pods_addresses_after_any_applies_resizes_and_deletes()
        => Prop.ForAll(Gen.ListOf(Step(Workload(observedPods: false))).ToArbitrary(), steps =>
        {
            var cluster = new ServiceCluster { NodePodCidrMaskSize = 29 };
            foreach (var (delete, obj) in steps)
            {
                var started = Run(cluster, delete, obj);
                var live = cluster.Pods.SelectMany(p => p.PodIPs).ToList();
                var held = cluster.HeldPodAddresses().ToList();
                if (live.Count != live.Distinct().Count() || !live.Order(StringComparer.Ordinal).SequenceEqual(held.Order(StringComparer.Ordinal)))
                {
                    return false;
                }

                // A pod is started without an address only when its node's block is full.
                foreach (var waiting in started.Where(p => p.NodeName is not null && p.PodIPs.IsEmpty))
                {
                    if (cluster.Pods.Count(p => p.NodeName == waiting.NodeName && !p.PodIPs.IsEmpty) != 5)
                    {
                        return false;
                    }
                }
            }

            return true;
        });

    // Pods observed with their status report what they report (two may claim one address); the
    // cluster still holds nothing no live pod has, and every address it gave is held, once.
    [Property(MaxTest = 150)]
    public Property With_observed_pods_nothing_is_held_that_no_live_pod_has_and_every_given_address_is_held_once()
        => Prop.ForAll(Gen.ListOf(Step(Workload(observedPods: true))).ToArbitrary(), steps =>
        {
            var cluster = new ServiceCluster { NodePodCidrMaskSize = 29 };
            foreach (var (delete, obj) in steps)
            {
                Run(cluster, delete, obj);
                var given = cluster.Pods.Where(p => p.Uid.Length > 0).SelectMany(p => p.PodIPs).ToList();
                var live = cluster.Pods.SelectMany(p => p.PodIPs).ToHashSet();
                var held = cluster.HeldPodAddresses().ToHashSet();
                if (given.Count != given.Distinct().Count() || !given.All(held.Contains) || !held.IsSubsetOf(live))
                {
                    return false;
                }
            }

            return true;
        });

    private static Gen<Service> Services { get; } =
        from name in Gen.Elements("a", "b", "c")
        from type in Gen.Elements(ServiceType.ClusterIP, ServiceType.NodePort, ServiceType.LoadBalancer, ServiceType.ExternalName)
        from local in Gen.Elements(false, true)
        from ports in Gen.Choose(1, 2)
        from nodePort in Gen.Elements(0, 0, 30080, 30081)
        select new Service
        {
            Name = name,
            Namespace = "default",
            Spec = new ServiceSpec
            {
                Type = type,
                ExternalName = type == ServiceType.ExternalName ? "example.com" : null,
                ExternalTrafficPolicy = local && type is ServiceType.NodePort or ServiceType.LoadBalancer ? TrafficPolicy.Local : default,
                Selector = App.ToImmutableDictionary(),
                Ports = [.. Enumerable.Range(0, ports).Select(i => new ServicePort { Name = "p" + i, Port = 80 + i, TargetPort = 8080, NodePort = i == 0 && type is ServiceType.NodePort or ServiceType.LoadBalancer ? nodePort : 0 })],
            },
        };

    [Property(MaxTest = 200)]
    public Property Cluster_ips_and_node_ports_held_are_exactly_the_stored_services_after_any_applies_and_deletes()
        => Prop.ForAll(Gen.ListOf(Step(Services.Select(s => (object)s))).ToArbitrary(), steps =>
        {
            var cluster = new ServiceCluster();
            foreach (var (delete, obj) in steps)
            {
                try
                {
                    _ = delete ? cluster.Delete(obj) : cluster.Apply(obj).Ignored;
                }
                catch (ServiceValidationException)
                {
                    // Refused (a node port held by another Service, a type change the API server forbids): nothing changes.
                }

                var ips = cluster.Services.SelectMany(s => s.Spec.ClusterIPs).Where(ip => ip != "None").ToList();
                var ports = cluster.Services.SelectMany(s => s.Spec.Ports.Select(p => p.NodePort).Append(s.Spec.HealthCheckNodePort)).Where(p => p != 0).ToList();
                var heldIPs = cluster.Allocator.PrimaryClusterIPs.EnumerateAllocated().Select(ip => ip.ToString()).ToList();
                var heldPorts = Enumerable.Range(30000, 2768).Where(cluster.Allocator.NodePorts.IsAllocated).ToList();
                if (ips.Count != ips.Distinct().Count() || ports.Count != ports.Distinct().Count()
                    || !ips.Order(StringComparer.Ordinal).SequenceEqual(heldIPs.Order(StringComparer.Ordinal))
                    || !ports.Order().SequenceEqual(heldPorts))
                {
                    return false;
                }
            }

            return true;
        });
}
