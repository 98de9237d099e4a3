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
/// DaemonSet gets one pod per eligible node). Pod addresses follow kind's defaults: the node IPAM
/// controller gives node <c>k</c> (in the order given) the <c>k</c>-th block of
/// <see cref="NodePodCidrMaskSize"/> bits of <see cref="PodCidr"/> (<c>10.244.k.0/24</c> by default),
/// and the node's host-local IPAM hands its pods that block's addresses in order from the third
/// (<c>.0</c> is the network, <c>.1</c> the node bridge's gateway): <c>worker-1</c>'s first pod is
/// <c>10.244.1.2</c>. A pod that fits no node stays <c>Pending</c> without a node or IP, as the
/// scheduler leaves it; a pod whose node has no block left (or no block at all) is scheduled but
/// stays <c>Pending</c> without an IP, as the network plugin leaves it.</para>
/// <para>Not thread-safe: apply and query from one thread (or lock around the instance).</para>
/// </remarks>
public sealed class ServiceCluster
{
    private const string DefaultPodCidr = "10.244.0.0/16";

    private readonly ServiceAllocator _allocator;
    private readonly EndpointSliceReconciler _reconciler;
    private readonly NodeTopology _topology;
    private readonly Dictionary<(string Namespace, string Name), Service> _services = [];
    private readonly List<(string Namespace, string Name)> _serviceOrder = [];
    private readonly Dictionary<string, ImmutableArray<Pod>> _podsByOwner = new(StringComparer.Ordinal);
    private readonly List<string> _ownerOrder = [];
    private readonly int[] _podsPerNode;
    private int _spread;
    private IPNetwork _podCidr = IPNetwork.Parse(DefaultPodCidr);
    private int _nodeMaskSize = 24;
    private ImmutableDictionary<Service, ImmutableArray<EndpointSlice>>? _slices;
    private ImmutableArray<Pod>? _pods;
    private List<int>? _everyNode;
    private List<int>? _untaintedNodes;
    private ILookup<Service, Pod>? _selected;

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

    /// <summary>
    /// The cluster's pod network, kube-controller-manager's <c>--cluster-cidr</c> (IPv4). Default
    /// <c>10.244.0.0/16</c>, kind's. Set it before applying pods.
    /// </summary>
    /// <exception cref="ArgumentException">On init: not an IPv4 CIDR, or its prefix is longer than <see cref="NodePodCidrMaskSize"/> (when both change, give the longer one first).</exception>
    public string PodCidr
    {
        get => _podCidr.ToString();
        init
        {
            if (!IPNetwork.TryParse(value, out var cidr) || cidr.BaseAddress.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork || cidr.ToString() != value)
            {
                throw new ArgumentException($"{nameof(PodCidr)}: Invalid value: {ApiValues.Quote(value)}: must be an IPv4 CIDR with no host bits set (e.g. 10.244.0.0/16)", nameof(PodCidr));
            }

            _podCidr = cidr;
            CheckPodNetwork();
        }
    }

    /// <summary>
    /// The prefix length of each node's block of <see cref="PodCidr"/>, kube-controller-manager's
    /// <c>--node-cidr-mask-size</c>. Default 24 (253 pod addresses per node).
    /// </summary>
    /// <exception cref="ArgumentException">On init: not between the cluster CIDR's prefix length and 30.</exception>
    public int NodePodCidrMaskSize
    {
        get => _nodeMaskSize;
        init
        {
            _nodeMaskSize = value;
            CheckPodNetwork();
        }
    }

    /// <summary>The nodes, in the order given.</summary>
    public ImmutableArray<Node> Nodes { get; }

    /// <summary>The API server's allocator: its ClusterIP and node port allocations are the cluster's.</summary>
    public ServiceAllocator Allocator => _allocator;

    /// <summary>The stored Services, in the order they were first applied.</summary>
    public ImmutableArray<Service> Services => [.. _serviceOrder.Select(key => _services[key])];

    /// <summary>Every pod, in the order their objects were first applied.</summary>
    public ImmutableArray<Pod> Pods => _pods ??= [.. _ownerOrder.SelectMany(owner => _podsByOwner[owner])];

    /// <summary>
    /// The pods each stored Service's selector picks in its namespace (scheduled or not, ready or
    /// not), matched through one <see cref="ServiceIndex"/>: the cost follows the pods and the
    /// matches, never Services × pods. A Service without a selector, or selecting nothing, reads as
    /// an empty sequence. Computed on first use after a change and kept until the next <see cref="Apply"/>.
    /// </summary>
    public ILookup<Service, Pod> SelectedPods => _selected ??= new ServiceIndex(Services).AssignPods(Pods);

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
    public ImmutableDictionary<Service, ImmutableArray<EndpointSlice>> EndpointSlices => _slices ??= ComputeSlices();

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

    // EndpointSliceReconciler.ComputeAll would match the pods again; SelectedPods already has.
    private ImmutableDictionary<Service, ImmutableArray<EndpointSlice>> ComputeSlices()
    {
        var selected = SelectedPods;
        var result = ImmutableDictionary.CreateBuilder<Service, ImmutableArray<EndpointSlice>>();
        foreach (var key in _serviceOrder)
        {
            var service = _services[key];
            result.Add(service, _reconciler.Compute(service, selected[service], _topology));
        }

        return result.ToImmutable();
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
        Changed();
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

        // The replicas differ only in name, node and address: convert the template once.
        var first = new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = name + "-0", NamespaceProperty = ns, Labels = template.Metadata?.Labels },
            Spec = template.Spec,
        }.ToModel() with { Phase = PodPhase.Running, Ready = true };
        for (var i = 0; i < count; i++)
        {
            var model = i == 0 ? first : first with { Name = string.Create(CultureInfo.InvariantCulture, $"{name}-{i}") };
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
        Changed();
        return new ServiceClusterApplyResult { Pods = pods };
    }

    private void CheckPodNetwork()
    {
        if (_nodeMaskSize < _podCidr.PrefixLength || _nodeMaskSize > 30)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"{nameof(NodePodCidrMaskSize)}: Invalid value: {_nodeMaskSize}: must be between the prefix length of {nameof(PodCidr)} {_podCidr} and 30"), nameof(NodePodCidrMaskSize));
        }
    }

    private void Changed()
    {
        _slices = null;
        _pods = null;
        _selected = null;
    }

    private Pod Start(Pod pod, int? node)
    {
        if (node is not { } index)
        {
            return pod with { Phase = PodPhase.Pending, NodeName = null, PodIPs = [] };
        }

        var uid = pod.Uid.Length == 0 ? pod.Namespace + "/" + pod.Name : pod.Uid;
        if (pod.Phase != PodPhase.Running || !pod.Ready)
        {
            pod = pod with { Phase = PodPhase.Running, Ready = true };
        }

        if (!pod.PodIPs.IsEmpty)
        {
            return pod with { Uid = uid, NodeName = Nodes[index].Name };
        }

        // Host-local IPAM: .0 is the block's network address, .1 the bridge's gateway, the last the broadcast.
        var hostBits = 32 - _nodeMaskSize;
        var host = (long)++_podsPerNode[index] + 1;
        var blocks = 1L << (_nodeMaskSize - _podCidr.PrefixLength);
        if (index >= blocks || host >= (1L << hostBits) - 1)
        {
            return pod with { Uid = uid, NodeName = Nodes[index].Name, Phase = PodPhase.Pending, Ready = false };
        }

        Span<byte> bytes = stackalloc byte[4];
        _podCidr.BaseAddress.TryWriteBytes(bytes, out _);
        var value = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes) + (uint)(((long)index << hostBits) + host);
        var address = string.Create(CultureInfo.InvariantCulture, $"{value >> 24}.{(value >> 16) & 0xFF}.{(value >> 8) & 0xFF}.{value & 0xFF}");
        return pod with { Uid = uid, NodeName = Nodes[index].Name, PodIPs = [address] };
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
    // tolerated) and the template's nodeSelector against the node's labels. Without a nodeSelector
    // the answer depends on the toleration only, so it is worked out once per cluster.
    private List<int> EligibleNodes(V1PodSpec? spec)
    {
        var tolerates = spec?.Tolerations?.Any(t =>
            (string.IsNullOrEmpty(t.Key) && t.OperatorProperty == "Exists")
            || t.Key is Node.ControlPlaneRoleLabel or Node.MasterRoleLabel) ?? false;
        if (spec?.NodeSelector is not { Count: > 0 } selector)
        {
            return tolerates
                ? _everyNode ??= Eligible(tolerates: true, selector: null)
                : _untaintedNodes ??= Eligible(tolerates: false, selector: null);
        }

        return Eligible(tolerates, selector);
    }

    private List<int> Eligible(bool tolerates, IDictionary<string, string>? selector)
    {
        var result = new List<int>();
        for (var i = 0; i < Nodes.Length; i++)
        {
            var node = Nodes[i];
            if (node.IsExcludedFromTopology && !tolerates)
            {
                continue;
            }

            if (selector is not null && selector.Any(pair => !node.Labels.TryGetValue(pair.Key, out var value) || value != pair.Value))
            {
                continue;
            }

            result.Add(i);
        }

        return result;
    }
}
