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
/// <c>10.244.1.2</c>. Like host-local, each search starts after the last address handed out and
/// wraps round, so an address freed by a re-apply or a <see cref="Delete"/> is reused once the rest
/// of the block has been. A pod that fits no node stays <c>Pending</c> without a node or IP, as the
/// scheduler leaves it; a pod whose node has no block left (or no block at all) is scheduled but
/// stays <c>Pending</c> without an IP, as the network plugin leaves it. A pod applied with its status
/// keeps the addresses it reports; one in its node's block is held there, so later synthetic pods get others.</para>
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
    private readonly Dictionary<string, OwnedPods> _podsByOwner = new(StringComparer.Ordinal);
    private readonly List<string> _ownerOrder = [];
    private readonly PodAddressBlock?[] _blocks;
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
        _blocks = new PodAddressBlock?[Nodes.Length];
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
    public ImmutableArray<Pod> Pods => _pods ??= [.. _ownerOrder.SelectMany(owner => _podsByOwner[owner].Pods)];

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
    /// <remarks>
    /// Re-applying frees what the previous apply held and no longer needs, so repeated applies never
    /// leak addresses: a Service update keeps the ClusterIPs and node ports the manifest leaves unset
    /// and releases those it changes or no longer needs (<see cref="ServiceAllocator.Update"/>). A pod
    /// the object made before, of the same name, keeps its node and address while that node still
    /// accepts it (as scaling or re-applying an unchanged workload leaves running pods alone; a real
    /// rollout of a changed template would give new pods new addresses); the addresses of pods it no
    /// longer makes go back to their node's block before new pods take the next free ones.
    /// </remarks>
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
            Pod pod => ApplyObservedPod(pod),
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

    /// <summary>
    /// Deletes what an earlier <see cref="Apply"/> of an object of that kind, namespace and name stored,
    /// as <c>kubectl delete</c> would: a Service's ClusterIPs, node ports and health-check node port go
    /// back to the allocator (<see cref="ServiceAllocator.Delete"/>), a Pod's or a workload's pods go
    /// away and their addresses go back to their nodes' blocks. Only the object's kind, namespace and
    /// name are read.
    /// </summary>
    /// <param name="obj">The object (any of the kinds <see cref="Apply"/> stores).</param>
    /// <returns><see langword="true"/> when something was stored for the object and is now deleted; <see langword="false"/> when nothing was (or the kind is one <see cref="Apply"/> ignores).</returns>
    /// <exception cref="ArgumentException">A client object has no <c>metadata.name</c>; nothing changes.</exception>
    public bool Delete(object obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        switch (obj)
        {
            case Service service:
                return DeleteService(service.Namespace, service.Name);
            case V1Service service:
                return DeleteService(ApiValues.Namespace(service.Metadata?.NamespaceProperty), ApiValues.Required(service.Metadata?.Name, "metadata.name"));
            case Pod pod:
                return DeletePods(OwnerKey("Pod", pod.Namespace, pod.Name));
        }

        if (PodOwnerKind(obj) is not { } kind || obj is not IMetadata<V1ObjectMeta> client)
        {
            return false;
        }

        var name = ApiValues.Required(client.Metadata?.Name, "metadata.name");
        return DeletePods(OwnerKey(kind, ApiValues.Namespace(client.Metadata?.NamespaceProperty), name));
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

    private static string? PodOwnerKind(object obj) => obj switch
    {
        V1Pod => "Pod",
        V1Deployment => "Deployment",
        V1ReplicaSet => "ReplicaSet",
        V1StatefulSet => "StatefulSet",
        V1ReplicationController => "ReplicationController",
        V1Job => "Job",
        V1CronJob => "CronJob",
        V1DaemonSet => "DaemonSet",
        _ => null,
    };

    private bool DeleteService(string ns, string name)
    {
        var key = (ns, name);
        if (!_services.Remove(key, out var stored))
        {
            return false;
        }

        _allocator.Delete(stored);
        _serviceOrder.Remove(key);
        Changed();
        return true;
    }

    private bool DeletePods(string owner)
    {
        if (!_podsByOwner.ContainsKey(owner))
        {
            return false;
        }

        Release(owner, []);
        _podsByOwner.Remove(owner);
        _ownerOrder.Remove(owner);
        Changed();
        return true;
    }

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
        var owner = OwnerKey("Pod", pod.Namespace, pod.Name);
        if (source.Status is not null)
        {
            return ApplyObservedPod(pod);
        }

        // A manifest carries no status: in a cluster the pod would be scheduled, get an IP and start.
        // Applying it again changes nothing of that: it stays on its node with its address.
        var nodes = pod.NodeName is { } named ? [IndexOf(named)] : EligibleNodes(source.Spec);
        var lease = PreviousLease(owner, pod.Name, 0);
        if (!nodes.Contains(lease.Node))
        {
            lease = Lease.None;
        }

        var node = lease.Node >= 0 ? lease.Node : nodes.Count == 0 || nodes[0] < 0 ? (int?)null : nodes[_spread++ % nodes.Count];
        Release(owner, [lease]);
        var (started, held) = Start(pod, node, lease);
        return ReplacePods(owner, [started], [held]);
    }

    // A pod as observed (with its status) holds the address it reports when that address lies in its
    // node's block, so no synthetic pod is given it later. One a synthetic pod already holds stays
    // held by that pod: the observed pod then shares it, as the model cannot refuse an observation.
    private ServiceClusterApplyResult ApplyObservedPod(Pod pod)
    {
        var owner = OwnerKey("Pod", pod.Namespace, pod.Name);
        var previous = PreviousLease(owner, pod.Name, 0);
        var wanted = ObservedLease(pod);
        var keep = wanted.Node >= 0 && wanted == previous;
        Release(owner, keep ? [previous] : []);
        var lease = keep || (wanted.Node >= 0 && _blocks[wanted.Node]!.TryReserve(wanted.Host)) ? wanted : Lease.None;
        return ReplacePods(owner, [pod], [lease]);
    }

    // The node and host offset of the pod's first IPv4 address, when it lies in its node's block.
    private Lease ObservedLease(Pod pod)
    {
        var node = pod.NodeName is { } nodeName ? IndexOf(nodeName) : -1;
        if (node < 0 || Block(node) is null)
        {
            return Lease.None;
        }

        var hostBits = 32 - _nodeMaskSize;
        var blockStart = ToUInt32(_podCidr.BaseAddress) + ((long)node << hostBits);
        foreach (var text in pod.PodIPs)
        {
            if (IPAddress.TryParse(text, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
            {
                var host = ToUInt32(ip) - blockStart;
                return host >= 0 && host < (1L << hostBits) ? new Lease(node, host) : Lease.None;
            }
        }

        return Lease.None;
    }

    private ServiceClusterApplyResult ApplyTemplate(string kind, V1ObjectMeta? metadata, V1PodTemplateSpec? template, int? replicas, bool daemon = false)
    {
        var name = ApiValues.Required(metadata?.Name, "metadata.name");
        var ns = ApiValues.Namespace(metadata?.NamespaceProperty);
        var owner = OwnerKey(kind, ns, name);
        if (template is null)
        {
            Release(owner, []);
            return ReplacePods(owner, [], []);
        }

        var nodes = EligibleNodes(template.Spec);
        var count = daemon ? nodes.Count : Math.Max(0, replicas ?? 1);

        // The replicas differ only in name, node and address: convert the template once.
        var first = new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = name + "-0", NamespaceProperty = ns, Labels = template.Metadata?.Labels },
            Spec = template.Spec,
        }.ToModel() with { Phase = PodPhase.Running, Ready = true };

        // A replica the object made before keeps its node and address while its node still accepts it,
        // as scaling or re-applying an unchanged workload leaves a running pod alone; the addresses of
        // the pods it no longer makes go back to their node's block before the new pods take theirs.
        var models = new Pod[count];
        var leases = new Lease[count];
        var eligible = _podsByOwner.ContainsKey(owner) ? new bool[Nodes.Length] : null;
        foreach (var node in eligible is null ? [] : nodes)
        {
            eligible![node] = true;
        }

        for (var i = 0; i < count; i++)
        {
            models[i] = i == 0 ? first : first with { Name = string.Create(CultureInfo.InvariantCulture, $"{name}-{i}") };
            var lease = eligible is null ? Lease.None : PreviousLease(owner, models[i].Name, i);
            leases[i] = lease.Node >= 0 && (daemon ? lease.Node == nodes[i] : eligible![lease.Node]) ? lease : Lease.None;
        }

        Release(owner, leases);
        var pods = ImmutableArray.CreateBuilder<Pod>(count);
        var placed = 0;
        for (var i = 0; i < count; i++)
        {
            int? node = leases[i].Node >= 0 ? leases[i].Node
                : nodes.Count == 0 ? null
                : daemon ? nodes[i]
                : nodes[(_spread + placed++) % nodes.Count];
            var (pod, lease) = Start(models[i], node, leases[i]);
            pods.Add(pod);
            leases[i] = lease;
        }

        _spread += placed;
        return ReplacePods(owner, pods.MoveToImmutable(), leases);
    }

    private static string OwnerKey(string kind, string ns, string name) => kind + "/" + ns + "/" + name;

    // The address the pod of that name and position held after the owner's previous apply (an owner
    // names its pods by position, a Pod's one pod is at 0), or none.
    private Lease PreviousLease(string owner, string podName, int position)
        => _podsByOwner.TryGetValue(owner, out var old)
            && position < old.Pods.Length
            && string.Equals(old.Pods[position].Name, podName, StringComparison.Ordinal)
            ? old.Leases[position]
            : Lease.None;

    // Gives back to their nodes' blocks the addresses the owner's pods hold, except those kept at the same position.
    private void Release(string owner, ReadOnlySpan<Lease> kept)
    {
        if (!_podsByOwner.TryGetValue(owner, out var old))
        {
            return;
        }

        for (var i = 0; i < old.Leases.Length; i++)
        {
            var lease = old.Leases[i];
            if (lease.Node >= 0 && (i >= kept.Length || kept[i] != lease))
            {
                _blocks[lease.Node]!.Release(lease.Host);
            }
        }
    }

    private ServiceClusterApplyResult ReplacePods(string owner, ImmutableArray<Pod> pods, Lease[] leases)
    {
        if (!_podsByOwner.ContainsKey(owner))
        {
            _ownerOrder.Add(owner);
        }

        _podsByOwner[owner] = new OwnedPods(pods, leases);
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

    // Schedules and starts a pod on the node: a pod without an address takes the kept one, or the
    // next one of the node's block (host-local IPAM); with none left it stays Pending.
    private (Pod Pod, Lease Lease) Start(Pod pod, int? node, Lease kept)
    {
        if (node is not { } index)
        {
            return (pod with { Phase = PodPhase.Pending, NodeName = null, PodIPs = [] }, Lease.None);
        }

        var uid = pod.Uid.Length == 0 ? pod.Namespace + "/" + pod.Name : pod.Uid;
        if (pod.Phase != PodPhase.Running || !pod.Ready)
        {
            pod = pod with { Phase = PodPhase.Running, Ready = true };
        }

        if (!pod.PodIPs.IsEmpty)
        {
            return (pod with { Uid = uid, NodeName = Nodes[index].Name }, Lease.None);
        }

        var host = kept.Node == index ? kept.Host : -1;
        if (host < 0 && (Block(index) is not { } block || !block.TryReserve(out host)))
        {
            return (pod with { Uid = uid, NodeName = Nodes[index].Name, Phase = PodPhase.Pending, Ready = false }, Lease.None);
        }

        return (pod with { Uid = uid, NodeName = Nodes[index].Name, PodIPs = [AddressOf(index, host)] }, new Lease(index, host));
    }

    // Node k's block is the k-th of the pod network; nodes beyond the network's blocks have none.
    private PodAddressBlock? Block(int node)
    {
        if (_blocks[node] is { } block)
        {
            return block;
        }

        var blocks = 1L << (_nodeMaskSize - _podCidr.PrefixLength);
        return node < blocks ? _blocks[node] = new PodAddressBlock(32 - _nodeMaskSize) : null;
    }

    private static uint ToUInt32(IPAddress ipv4)
    {
        Span<byte> bytes = stackalloc byte[4];
        ipv4.TryWriteBytes(bytes, out _);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes);
    }

    private string AddressOf(int node, long host)
    {
        var value = ToUInt32(_podCidr.BaseAddress) + (uint)(((long)node << (32 - _nodeMaskSize)) + host);
        return string.Create(CultureInfo.InvariantCulture, $"{value >> 24}.{(value >> 16) & 0xFF}.{(value >> 8) & 0xFF}.{value & 0xFF}");
    }

    // Every pod address the nodes' blocks hold, for tests: exactly the addresses live pods hold in their nodes' blocks.
    internal IEnumerable<string> HeldPodAddresses()
    {
        for (var node = 0; node < _blocks.Length; node++)
        {
            if (_blocks[node] is { } block)
            {
                foreach (var host in block.Held())
                {
                    yield return AddressOf(node, host);
                }
            }
        }
    }

    private readonly record struct Lease(int Node, long Host)
    {
        public static Lease None => new(-1, -1);
    }

    private sealed record OwnedPods(ImmutableArray<Pod> Pods, Lease[] Leases);

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
