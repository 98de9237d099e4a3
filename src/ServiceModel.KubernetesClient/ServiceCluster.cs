using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using k8s.Models;
using ServiceModel.Configuration;
using ServiceModel.Discovery;
using ServiceModel.KubernetesClient.Internal;
using ServiceModel.Services;
using ServiceModel.Traffic;

namespace ServiceModel.KubernetesClient;

/// <summary>
/// A cluster's Service plane in one object: the API server's allocations and validation
/// (<see cref="ServiceAllocator"/> built from <see cref="ServiceModelOptions"/>), the pods the
/// scheduler and the workload controllers would create from what is applied, the EndpointSlices
/// the EndpointSlice controller would write and kube-proxy's routes. Objects are applied in order,
/// as <c>kubectl apply</c> would send them, so a conflict is reported on the later object.
/// </summary>
/// <remarks>
/// <para>Pods are synthetic and deterministic: a workload gets its declared replicas (default 1),
/// named <c>&lt;workload&gt;-&lt;n&gt;</c>, with its template's labels and ports, in the workload's
/// namespace, running and ready, spread round-robin over the nodes the template may run on (a
/// DaemonSet gets one pod per eligible node). Node <c>k</c> (in the order given) owns the pod CIDR
/// <c>10.244.0.0/16</c> shifted by <c>k</c> × 65,536 addresses, and its pods take its addresses in
/// order from <c>.1</c>. A pod that fits no node stays <c>Pending</c> without a node or IP, as the
/// scheduler leaves it.</para>
/// <para>Not thread-safe: apply and query from one thread (or lock around the instance).</para>
/// </remarks>
public sealed class ServiceCluster
{
    private const uint PodCidrBase = (10u << 24) | (244u << 16);

    private readonly ServiceAllocator _allocator;
    private readonly EndpointSliceReconciler _reconciler;
    private readonly NodeTopology _topology;
    private readonly Dictionary<(string Namespace, string Name), Service> _services = [];
    private readonly List<(string Namespace, string Name)> _serviceOrder = [];
    private readonly Dictionary<string, ImmutableArray<Pod>> _podsByOwner = new(StringComparer.Ordinal);
    private readonly List<string> _ownerOrder = [];
    private readonly int[] _podsPerNode;
    private int _spread;
    private ImmutableDictionary<Service, ImmutableArray<EndpointSlice>>? _slices;

    /// <summary>Creates an empty cluster.</summary>
    /// <param name="options">
    /// The API server's flags. Default: <see cref="ServiceModelOptions"/>'s defaults with
    /// <see cref="ServiceModelOptions.AllocatorSeed"/> 1, so allocated ClusterIPs and node ports are
    /// the same on every run. Options without a seed allocate at random, as Kubernetes does.
    /// </param>
    /// <param name="nodes">The nodes. Default: <see cref="DefaultNodes"/> (one control-plane node, two workers).</param>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The options are invalid.</exception>
    /// <exception cref="ArgumentException"><paramref name="nodes"/> is empty or two nodes share a name.</exception>
    public ServiceCluster(ServiceModelOptions? options = null, IEnumerable<Node>? nodes = null)
    {
        options ??= new ServiceModelOptions { AllocatorSeed = 1 };
        _allocator = options.CreateServiceAllocator();
        _reconciler = new EndpointSliceReconciler(options.MaxEndpointsPerSlice);
        Nodes = nodes is null ? DefaultNodes : [.. nodes];
        if (Nodes.IsEmpty)
        {
            throw new ArgumentException("a cluster needs at least one node", nameof(nodes));
        }

        _topology = NodeTopology.FromNodes(Nodes);
        _podsPerNode = new int[Nodes.Length];
    }

    /// <summary>The Service concept note's nodes: <c>control-plane</c> (labelled <see cref="Node.ControlPlaneRoleLabel"/>, so ordinary pods do not run there), <c>worker-1</c> and <c>worker-2</c>.</summary>
    public static ImmutableArray<Node> DefaultNodes { get; } =
    [
        new Node { Name = "control-plane", Labels = ImmutableDictionary<string, string>.Empty.Add(Node.ControlPlaneRoleLabel, "") },
        new Node { Name = "worker-1" },
        new Node { Name = "worker-2" },
    ];

    /// <summary>The nodes, in the order given.</summary>
    public ImmutableArray<Node> Nodes { get; }

    /// <summary>The API server's allocator: its ClusterIP and node port allocations are the cluster's.</summary>
    public ServiceAllocator Allocator => _allocator;

    /// <summary>The stored Services, in the order they were first applied.</summary>
    public ImmutableArray<Service> Services => [.. _serviceOrder.Select(key => _services[key])];

    /// <summary>Every pod, in the order their objects were first applied.</summary>
    public ImmutableArray<Pod> Pods => [.. _ownerOrder.SelectMany(owner => _podsByOwner[owner])];

    /// <summary>
    /// Applies one object as <c>kubectl apply</c> would: a Service (<see cref="V1Service"/> or the
    /// model's <see cref="Service"/>) is created, or updated when one of that namespace and name is
    /// stored; a Pod (<see cref="V1Pod"/> or <see cref="Pod"/>) or a workload (<see cref="V1Deployment"/>,
    /// <see cref="V1ReplicaSet"/>, <see cref="V1StatefulSet"/>, <see cref="V1DaemonSet"/>,
    /// <see cref="V1ReplicationController"/>, <see cref="V1Job"/>, <see cref="V1CronJob"/>) replaces
    /// the pods it made before. Any other object is ignored.
    /// </summary>
    /// <param name="obj">The object.</param>
    /// <returns>What was stored.</returns>
    /// <exception cref="ServiceValidationException">The API server would refuse the Service (invalid, or a requested ClusterIP or node port is already allocated); its message is the API server's. Nothing changes.</exception>
    /// <exception cref="Allocation.AllocationException">A range is full. Nothing changes.</exception>
    /// <exception cref="ArgumentException">The client object does not convert (see the conversions); nothing changes.</exception>
    public ServiceClusterApplyResult Apply(object obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return obj switch
        {
            Service service => ApplyService(service),
            V1Service service => ApplyService(service.ToModel()),
            Pod pod => ReplacePods("Pod", pod.Namespace, pod.Name, [pod]),
            V1Pod pod => ApplyPod(pod),
            V1Deployment d => ApplyTemplate("Deployment", d.Metadata, d.Spec?.Template, d.Spec?.Replicas),
            V1ReplicaSet r => ApplyTemplate("ReplicaSet", r.Metadata, r.Spec?.Template, r.Spec?.Replicas),
            V1StatefulSet s => ApplyTemplate("StatefulSet", s.Metadata, s.Spec?.Template, s.Spec?.Replicas),
            V1ReplicationController rc => ApplyTemplate("ReplicationController", rc.Metadata, rc.Spec?.Template, rc.Spec?.Replicas),
            V1Job j => ApplyTemplate("Job", j.Metadata, j.Spec?.Template, j.Spec?.Parallelism),
            V1CronJob c => ApplyTemplate("CronJob", c.Metadata, c.Spec?.JobTemplate?.Spec?.Template, c.Spec?.JobTemplate?.Spec?.Parallelism),
            V1DaemonSet ds => ApplyTemplate("DaemonSet", ds.Metadata, ds.Spec?.Template, replicas: null, daemon: true),
            _ => new ServiceClusterApplyResult { Ignored = true },
        };
    }

    /// <summary>The stored Service of that namespace and name, or <see langword="null"/>.</summary>
    /// <param name="namespace">The namespace.</param>
    /// <param name="name">The name.</param>
    /// <returns>The Service as stored.</returns>
    public Service? GetService(string @namespace, string name)
        => _services.TryGetValue((@namespace, name), out var service) ? service : null;

    /// <summary>
    /// Every stored Service's EndpointSlices, as the EndpointSlice controller computes them from the
    /// current pods (pods are matched through a <see cref="ServiceIndex"/>, never Service by pod).
    /// Computed on first use after a change and kept until the next <see cref="Apply"/>.
    /// </summary>
    public ImmutableDictionary<Service, ImmutableArray<EndpointSlice>> EndpointSlices
        => _slices ??= _reconciler.ComputeAll(_serviceOrder.Select(key => _services[key]), Pods, _topology);

    /// <summary>The EndpointSlices of one stored Service.</summary>
    /// <param name="namespace">The Service's namespace.</param>
    /// <param name="name">The Service's name.</param>
    /// <returns>The slices (empty for a Service without a selector).</returns>
    /// <exception cref="KeyNotFoundException">No such Service is stored.</exception>
    public ImmutableArray<EndpointSlice> EndpointSlicesOf(string @namespace, string name)
        => EndpointSlices[Require(@namespace, name)];

    /// <summary>kube-proxy's rules for one stored Service, ready to route any connection.</summary>
    /// <param name="namespace">The Service's namespace.</param>
    /// <param name="name">The Service's name.</param>
    /// <returns>The prepared table.</returns>
    /// <exception cref="KeyNotFoundException">No such Service is stored.</exception>
    public TrafficTable Traffic(string @namespace, string name)
    {
        var service = Require(@namespace, name);
        return TrafficRouter.Prepare(service, EndpointSlices[service]);
    }

    /// <summary>
    /// Where a connection to each entry of a stored Service goes from every node, for every port:
    /// the ClusterIP (unless headless), each node's node port, the load balancer and each external
    /// IP, where the Service has them.
    /// </summary>
    /// <param name="namespace">The Service's namespace.</param>
    /// <param name="name">The Service's name.</param>
    /// <returns>One route per port, entry and node, in that order.</returns>
    /// <exception cref="KeyNotFoundException">No such Service is stored.</exception>
    public ImmutableArray<ServiceClusterRoute> Routes(string @namespace, string name)
    {
        var table = Traffic(@namespace, name);
        var spec = table.Service.Spec;
        var routes = ImmutableArray.CreateBuilder<ServiceClusterRoute>();
        foreach (var port in spec.Ports)
        {
            foreach (var (entry, number) in Entries(spec, port))
            {
                foreach (var node in Nodes)
                {
                    var route = table.Route(new TrafficRequest { NodeName = node.Name, Zone = node.Zone, Entry = entry, PortName = port.Name ?? "" });
                    routes.Add(new ServiceClusterRoute { NodeName = node.Name, Entry = entry, PortName = port.Name ?? "", Port = number, Route = route });
                }
            }
        }

        return routes.ToImmutable();
    }

    private static IEnumerable<(TrafficEntry Entry, int Port)> Entries(ServiceSpec spec, ServicePort port)
    {
        if (spec.Type == ServiceType.ExternalName)
        {
            yield break;
        }

        if (!spec.IsHeadless)
        {
            yield return (TrafficEntry.ClusterIP, port.Port);
        }

        if (port.NodePort != 0)
        {
            yield return (TrafficEntry.NodePort, port.NodePort);
        }

        if (spec.Type == ServiceType.LoadBalancer)
        {
            yield return (TrafficEntry.LoadBalancer, port.Port);
        }

        if (!spec.ExternalIPs.IsDefaultOrEmpty)
        {
            yield return (TrafficEntry.ExternalIP, port.Port);
        }
    }

    private Service Require(string @namespace, string name)
        => GetService(@namespace, name) ?? throw new KeyNotFoundException($"services \"{name}\" not found in namespace \"{@namespace}\"");

    private long _uidCounter;

    private ServiceClusterApplyResult ApplyService(Service service)
    {
        var key = (service.Namespace, service.Name);
        var exists = _services.TryGetValue(key, out var old);
        if (string.IsNullOrEmpty(service.Uid))
        {
            // The API server assigns a uid on create and keeps it on update; EndpointSlices are owned by it.
            // Deterministic here, so two runs over the same manifests give the same slices.
            service = service with
            {
                Uid = exists ? old!.Uid : string.Create(CultureInfo.InvariantCulture, $"00000000-0000-4000-8000-{++_uidCounter:x12}"),
            };
        }

        var stored = exists
            ? _allocator.Update(old!, service).Service
            : _allocator.Create(service).Service;
        if (old is null)
        {
            _serviceOrder.Add(key);
        }

        _services[key] = stored;
        _slices = null;
        return new ServiceClusterApplyResult { Service = stored };
    }

    private ServiceClusterApplyResult ApplyPod(V1Pod source)
    {
        var pod = source.ToModel();
        if (source.Status is null)
        {
            // A manifest carries no status: in a cluster the pod would be scheduled, get an IP and start.
            var nodes = pod.NodeName is { } named ? [IndexOf(named)] : EligibleNodes(source.Spec);
            pod = Start(pod, nodes.Count == 0 || nodes[0] < 0 ? null : nodes[_spread++ % nodes.Count]);
        }

        return ReplacePods("Pod", pod.Namespace, pod.Name, [pod]);
    }

    private ServiceClusterApplyResult ApplyTemplate(string kind, V1ObjectMeta? metadata, V1PodTemplateSpec? template, int? replicas, bool daemon = false)
    {
        var name = ApiValues.Required(metadata?.Name, "metadata.name");
        var ns = ApiValues.Namespace(metadata?.NamespaceProperty);
        if (template is null)
        {
            return ReplacePods(kind, ns, name, []);
        }

        var nodes = EligibleNodes(template.Spec);
        var count = daemon ? nodes.Count : Math.Max(0, replicas ?? 1);
        var pods = ImmutableArray.CreateBuilder<Pod>(count);
        for (var i = 0; i < count; i++)
        {
            var podName = string.Create(CultureInfo.InvariantCulture, $"{name}-{i}");
            var model = new V1Pod
            {
                Metadata = new V1ObjectMeta { Name = podName, NamespaceProperty = ns, Labels = template.Metadata?.Labels },
                Spec = template.Spec,
            }.ToModel();
            int? node = nodes.Count == 0 ? null : daemon ? nodes[i] : nodes[(_spread + i) % nodes.Count];
            pods.Add(Start(model, node));
        }

        _spread += count;
        return ReplacePods(kind, ns, name, pods.MoveToImmutable());
    }

    private ServiceClusterApplyResult ReplacePods(string kind, string ns, string name, ImmutableArray<Pod> pods)
    {
        var owner = kind + "/" + ns + "/" + name;
        if (!_podsByOwner.ContainsKey(owner))
        {
            _ownerOrder.Add(owner);
        }

        _podsByOwner[owner] = pods;
        _slices = null;
        return new ServiceClusterApplyResult { Pods = pods };
    }

    private Pod Start(Pod pod, int? node)
    {
        if (node is not { } index)
        {
            return pod with { Phase = PodPhase.Pending, NodeName = null, PodIPs = [] };
        }

        var host = (uint)++_podsPerNode[index];
        var value = PodCidrBase + ((uint)index << 16) + host;
        var address = new IPAddress([(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value]);
        return pod with
        {
            Uid = pod.Uid.Length == 0 ? pod.Namespace + "/" + pod.Name : pod.Uid,
            NodeName = Nodes[index].Name,
            PodIPs = pod.PodIPs.IsEmpty ? [address.ToString()] : pod.PodIPs,
            Phase = PodPhase.Running,
            Ready = true,
        };
    }

    private int IndexOf(string nodeName)
    {
        for (var i = 0; i < Nodes.Length; i++)
        {
            if (string.Equals(Nodes[i].Name, nodeName, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    // The scheduler's two checks that matter here: the control-plane taint (NoSchedule unless
    // tolerated) and the template's nodeSelector against the node's labels.
    private List<int> EligibleNodes(V1PodSpec? spec)
    {
        var tolerates = spec?.Tolerations?.Any(t =>
            (string.IsNullOrEmpty(t.Key) && t.OperatorProperty == "Exists")
            || t.Key is Node.ControlPlaneRoleLabel or Node.MasterRoleLabel) ?? false;
        var result = new List<int>();
        for (var i = 0; i < Nodes.Length; i++)
        {
            var node = Nodes[i];
            if (node.IsExcludedFromTopology && !tolerates)
            {
                continue;
            }

            if (spec?.NodeSelector is { } selector && selector.Any(pair => !node.Labels.TryGetValue(pair.Key, out var value) || value != pair.Value))
            {
                continue;
            }

            result.Add(i);
        }

        return result;
    }
}
