// The ServiceModel walkthrough: the Kubernetes Service concept note's cluster, replayed in-process.
// Every answer comes from the library, as the API server, the EndpointSlice controller and
// kube-proxy would give it. No cluster, no network, the same output on every run.
using System.Collections.Immutable;
using ServiceModel.Allocation;
using ServiceModel.Configuration;
using ServiceModel.Discovery;
using ServiceModel.Quickstart;
using ServiceModel.Services;
using ServiceModel.Traffic;

// The API server's flags. AddServiceModel(o => ...) registers the same allocators in a DI
// container (seeded the same way, so it picks the same ClusterIP); here they are built by hand
// to show what goes into them. The seed makes the "random" ClusterIP reproducible; leave it out
// to get Kubernetes' random choice.
var options = new ServiceModelOptions { ServiceClusterIPRange = "10.96.0.0/12", AllocatorSeed = 1 };
var clusterIPs = new ClusterIPAllocator(options.GetServiceClusterIPRanges()[0], new Random(options.AllocatorSeed.Value));
var apiServer = new ServiceAllocator(clusterIPs, NodePorts());

Console.WriteLine("ServiceModel quickstart: the Service concept note's cluster, with no cluster");

ShowCluster();
var clusterIPService = CreateClusterIPService();
var nodePortService = RequestNodePort35001(clusterIPService);
var slices = ShowEndpointSlice(nodePortService);
ShowNodePortTraffic(nodePortService, slices);
ShowLocalPolicy(nodePortService, slices);
ShowPendingLoadBalancer(nodePortService, slices);
ShowProxyPath(nodePortService);
ShowZones(nodePortService);

void ShowCluster()
{
    Print.Section("The cluster", "Three nodes, and a pod labelled app.kubernetes.io/name=MyApp on each worker.");
    Print.Row("nodes", string.Join(", ", Cluster.Nodes));
    foreach (var pod in Cluster.Pods)
    {
        Print.Row($"pod {pod.Name}", $"{pod.PodIPs[0]} on {pod.NodeName}, ready");
    }
}

Service CreateClusterIPService()
{
    Print.Section("ClusterIP", "Creating my-service (port 80 -> targetPort 9376, TCP) allocates a virtual IP from the range.");
    var created = apiServer.Create(Cluster.MyService()).Service;
    Print.Row("--service-cluster-ip-range", $"{clusterIPs.Cidr} ({clusterIPs.Capacity:N0} addresses)");
    Print.Spec(created);
    return created;
}

Service RequestNodePort35001(Service stored)
{
    Print.Section("NodePort 35001", "A node port outside --service-node-port-range is refused; widening the range lets it in (the ClusterIP is kept).");
    var edited = Cluster.Edit(stored, ServiceType.NodePort, nodePort: 35001);

    Print.Row("--service-node-port-range", options.ServiceNodePortRange);
    try
    {
        apiServer.Update(stored, edited);
    }
    catch (ServiceValidationException ex)
    {
        Print.Row("kubectl apply (refused)", ex.Message);
        Print.Row("node ports in use", $"{apiServer.NodePorts.Used} (a refused request allocates nothing)");
    }

    // Restart the API server with a wider range; the cluster IPs it holds stay allocated.
    options.ServiceNodePortRange = "30000-35999";
    apiServer = new ServiceAllocator(clusterIPs, NodePorts());
    var updated = apiServer.Update(stored, edited).Service;
    Print.Row("--service-node-port-range", options.ServiceNodePortRange);
    Print.Row("kubectl apply", $"service/{updated.Name} configured");
    Print.Spec(updated);
    return updated;
}

ImmutableArray<EndpointSlice> ShowEndpointSlice(Service service)
{
    Print.Section("EndpointSlice", "The EndpointSlice controller lists the selected pods, with their conditions and nodes.");
    var slices = EndpointSliceReconciler.Default.Compute(service, Cluster.Pods);
    foreach (var slice in slices)
    {
        Print.Row("name", slice.Name);
        Print.Row("addressType", slice.AddressType);
        Print.Row("labels", string.Join(", ", slice.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}")));
        foreach (var port in slice.Ports)
        {
            Print.Row("port", $"{port.Port}/{port.Protocol}, name \"{port.Name}\"" + (port.Name.Length == 0 ? " (the Service port is unnamed)" : string.Empty));
        }

        foreach (var endpoint in slice.Endpoints)
        {
            var c = endpoint.Conditions;
            Print.Row($"endpoint {endpoint.Addresses[0]}", $"ready: {Yaml(c.Ready)}, serving: {Yaml(c.Serving)}, terminating: {Yaml(c.Terminating)}, nodeName: {endpoint.NodeName}, targetRef: Pod/{endpoint.TargetRef?.Name}");
        }
    }

    return slices;
}

void ShowNodePortTraffic(Service service, ImmutableArray<EndpointSlice> slices)
{
    var nodePort = service.Spec.Ports[0].NodePort;
    Print.Section("Traffic to the node port", $"A connection to <any node>:{nodePort} reaches either pod with probability 1/2 (externalTrafficPolicy: Cluster).");
    foreach (var node in Cluster.Nodes)
    {
        Print.Row($"{node}:{nodePort}", Print.Outcome(TrafficRouter.Route(service, slices, node, TrafficEntry.NodePort)));
    }

    Print.Why(TrafficRouter.Route(service, slices, Cluster.ControlPlane, TrafficEntry.NodePort));
}

void ShowLocalPolicy(Service service, ImmutableArray<EndpointSlice> slices)
{
    var nodePort = service.Spec.Ports[0].NodePort;
    // A server-side dry run (kubectl apply --dry-run=server): validated, nothing stored.
    var local = apiServer.Update(service, Cluster.Edit(service, ServiceType.NodePort, externalTrafficPolicy: TrafficPolicy.Local), dryRun: true).Service;
    Print.Section("externalTrafficPolicy: Local", "Only the entry node's own pods are used (client IP kept); a node without one drops the packet.");
    foreach (var node in Cluster.Nodes)
    {
        Print.Row($"{node}:{nodePort}", Print.Outcome(TrafficRouter.Route(local, slices, node, TrafficEntry.NodePort)));
    }

    Print.Why(TrafficRouter.Route(local, slices, Cluster.ControlPlane, TrafficEntry.NodePort));
}

void ShowPendingLoadBalancer(Service service, ImmutableArray<EndpointSlice> slices)
{
    Print.Section("LoadBalancer", "With no cloud controller nothing provisions the load balancer: it stays Pending.");
    var lb = apiServer.Update(service, Cluster.Edit(service, ServiceType.LoadBalancer)).Service;
    Print.Spec(lb);
    Print.Row("status.loadBalancer.ingress", $"[] -> {lb.LoadBalancerState}");
    Print.Row("kubectl get svc EXTERNAL-IP", lb.IsLoadBalancerPending ? "<pending>" : lb.Status.LoadBalancer.Ingress[0].IP);
    var throughLoadBalancer = TrafficRouter.Route(lb, slices, "worker-1", TrafficEntry.LoadBalancer);
    Print.Row("load balancer traffic", Print.Outcome(throughLoadBalancer));
    Print.Row($"worker-1:{lb.Spec.Ports[0].NodePort} still", Print.Outcome(TrafficRouter.Route(lb, slices, "worker-1", TrafficEntry.NodePort)));
    Print.Why(throughLoadBalancer);
}

void ShowProxyPath(Service service)
{
    Print.Section("kubectl proxy", "The API server path that reaches the Service through `kubectl proxy` (default port 8001).");
    var path = ServiceProxyPath.For(service);
    var byNumber = ServiceProxyPath.For(service, port: "80");
    Print.Row("unnamed port", $"http://localhost:8001{path}");
    Print.Row("port by number", $"http://localhost:8001{byNumber}");
    Print.Row("resolves to", Print.Describe(byNumber.ResolvePort(service)));
}

void ShowZones(Service service)
{
    Print.Section("trafficDistribution: PreferSameZone", "Three workers in two zones: the controller hints each endpoint for its zone, and kube-proxy keeps traffic in the client's zone.");
    var nodes = NodeTopology.FromNodes(Cluster.ZonedWorkers);
    var zonal = apiServer.Update(service, service with { Spec = service.Spec with { TrafficDistribution = "PreferSameZone" } }, dryRun: true).Service;
    var slices = EndpointSliceReconciler.Default.Compute(zonal, Cluster.ZonedPods, nodes);
    Print.Row("spec.trafficDistribution", zonal.Spec.TrafficDistribution);
    foreach (var endpoint in slices.SelectMany(s => s.Endpoints))
    {
        Print.Row($"endpoint {endpoint.Addresses[0]}", $"{endpoint.NodeName}, zone {endpoint.Zone}, hints.forZones: [{string.Join(", ", endpoint.Hints?.ForZones ?? [])}]");
    }

    TrafficRoute? last = null;
    foreach (var worker in Cluster.ZonedWorkers)
    {
        // A pod on the worker dials the cluster IP; the worker's zone label is what kube-proxy compares with the hints.
        last = TrafficRouter.Route(zonal, slices, new TrafficRequest { NodeName = worker.Name, Zone = worker.Zone });
        Print.Row($"from {worker.Name} ({worker.Zone})", Print.Outcome(last));
    }

    Print.Why(last!);
}

NodePortAllocator NodePorts() => new(options.GetServiceNodePortRange(), new Random(options.AllocatorSeed.Value));

static string Yaml(bool? value) => value switch { true => "true", false => "false", null => "null" };
