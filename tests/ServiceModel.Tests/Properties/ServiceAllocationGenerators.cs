using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using ServiceModel.Services;

namespace ServiceModel.Tests.Properties;

// Submitted Services (no allocated values, or an occasional requested one) of every shape the
// allocation transaction distinguishes, valid for ServiceValidator, for a cluster whose NodePort
// range is 30000-30099.
public static class ServiceAllocationGenerators
{
    private static readonly (int Port, Protocol Protocol)[] s_portChoices =
    [
        (80, Protocol.TCP), (443, Protocol.TCP), (53, Protocol.TCP), (53, Protocol.UDP), (8080, Protocol.SCTP),
    ];

    private static Gen<ImmutableArray<ServicePort>> Ports(bool mayRequest) =>
        from count in Gen.Choose(1, 3)
        from picks in Gen.Shuffle(s_portChoices)
        from requests in Gen.ArrayOf(Gen.Frequency((5, Gen.Constant(0)), (mayRequest ? 1 : 0, Gen.Choose(30000, 30099))), count)
        select picks.Take(count)
            .Select((p, i) => new ServicePort { Name = "p" + p.Port + p.Protocol.ToString().ToLowerInvariant(), Port = p.Port, Protocol = p.Protocol, NodePort = requests[i] })
            .ToImmutableArray();

    /// <summary>
    /// Shapes: 0 ClusterIP, 1 NodePort, 2 LoadBalancer, 3 ExternalName, 4 headless (only when <paramref name="headless"/>).
    /// With <paramref name="strayNodePorts"/>, ExternalName Services keep the node ports they request
    /// (validation accepts them, but nothing is allocated for them).
    /// </summary>
    public static Gen<Service> Submitted(bool dualStack, bool headless, bool mayRequest, bool strayNodePorts = false) =>
        from shape in Gen.Choose(0, headless ? 4 : 3)
        from ports in Ports(mayRequest)
        from local in Gen.Elements(false, true)
        from allocateNodePorts in Gen.Elements<bool?>(null, true, false)
        from policy in dualStack
            ? Gen.Elements<IPFamilyPolicy?>(null, IPFamilyPolicy.SingleStack, IPFamilyPolicy.PreferDualStack, IPFamilyPolicy.RequireDualStack)
            : Gen.Elements<IPFamilyPolicy?>(null, IPFamilyPolicy.SingleStack, IPFamilyPolicy.PreferDualStack)
        select Build(shape, ports, local, allocateNodePorts, policy, strayNodePorts);

    private static Service Build(int shape, ImmutableArray<ServicePort> ports, bool local, bool? allocateNodePorts, IPFamilyPolicy? policy, bool strayNodePorts)
    {
        var type = shape switch
        {
            1 => ServiceType.NodePort,
            2 => ServiceType.LoadBalancer,
            3 => ServiceType.ExternalName,
            _ => ServiceType.ClusterIP,
        };
        var carriesNodePorts = type.MayCarryNodePorts();
        var keepsNodePorts = carriesNodePorts || (strayNodePorts && type == ServiceType.ExternalName);
        return new Service
        {
            Name = "svc",
            Spec = new ServiceSpec
            {
                Type = type,
                Selector = ImmutableDictionary<string, string>.Empty.Add("app", "svc"),
                Ports = keepsNodePorts ? ports : [.. ports.Select(p => p with { NodePort = 0 })],
                ClusterIP = shape == 4 ? ServiceSpec.ClusterIPNone : null,
                ExternalName = type == ServiceType.ExternalName ? "example.com" : null,
                ExternalTrafficPolicy = carriesNodePorts ? (local ? TrafficPolicy.Local : TrafficPolicy.Cluster) : null,
                AllocateLoadBalancerNodePorts = type == ServiceType.LoadBalancer ? allocateNodePorts : null,
                IPFamilyPolicy = type == ServiceType.ExternalName ? null : policy,
            },
        };
    }
}
