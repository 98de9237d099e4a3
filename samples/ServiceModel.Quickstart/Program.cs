// The ServiceModel walkthrough: later issues grow it into the full tour of a Service.
using System.Net;
using ServiceModel.Allocation;
using ServiceModel.Networking;

Console.WriteLine("ServiceModel quickstart");

// ClusterIPs come from the API server's --service-cluster-ip-range. A seeded Random makes the
// output reproducible; leave it out to get Kubernetes' random choice.
var clusterIPs = new ClusterIPAllocator(ServiceCidr.Parse("10.96.0.0/12"), new Random(1));
Console.WriteLine($"ClusterIP range {clusterIPs.Cidr}: {clusterIPs.Capacity:N0} addresses, static band {clusterIPs.StaticBandSize}");

clusterIPs.Allocate(IPAddress.Parse("10.96.0.10"));   // a requested address, e.g. kube-dns
Console.WriteLine("  requested  10.96.0.10");
for (var i = 0; i < 3; i++)
{
    Console.WriteLine($"  allocated  {clusterIPs.AllocateNext()}");
}

if (!clusterIPs.TryAllocate(IPAddress.Parse("10.96.0.10"), out var error))
{
    Console.WriteLine($"  10.96.0.10 again: {error}");
}

// NodePorts come from --service-node-port-range (default 30000-32767).
var nodePorts = new NodePortAllocator(PortRange.Default, new Random(1));
Console.WriteLine($"NodePort range {nodePorts.Range}: {nodePorts.Capacity} ports, static band {nodePorts.StaticBandSize}");
nodePorts.Allocate(30080);                              // in the static band (30000-30085)
Console.WriteLine("  requested  30080");
for (var i = 0; i < 3; i++)
{
    Console.WriteLine($"  allocated  {nodePorts.AllocateNext()}");
}

// What the API server would store in its RangeAllocation object.
var snapshot = nodePorts.Snapshot();
Console.WriteLine($"NodePort snapshot: range {snapshot.Range}, {snapshot.Data.Length} data bytes, {nodePorts.Used} ports used");
