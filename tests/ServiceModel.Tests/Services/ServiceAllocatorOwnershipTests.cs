using ServiceModel.Services;
using static ServiceModel.Tests.Services.AllocatorFixture;

namespace ServiceModel.Tests.Services;

// A Service holds node ports only under a type that allocates them (NodePort, LoadBalancer):
// an ExternalName Service may carry nodePort values (validation accepts them, as upstream does),
// but it never allocated them, so it must never release or keep them.
public class ServiceAllocatorOwnershipTests
{
    private static Service ExternalNameWithNodePort(int nodePort)
        => Svc(ServiceType.ExternalName, Port("http", 80, nodePort: nodePort)) with { Name = "alias" };

    [Theory]
    [MemberData(nameof(Engines), MemberType = typeof(AllocatorFixture))]
    public void Deleting_an_ExternalName_Service_does_not_release_a_node_port_another_Service_holds(IPEngine engine)
    {
        var f = new AllocatorFixture(engine: engine);
        var owner = f.Allocator.Create(Svc(ServiceType.NodePort, Port("http", 80, nodePort: 30005))).Service;
        var alias = f.Allocator.Create(ExternalNameWithNodePort(30005));
        Assert.Empty(alias.AllocatedNodePorts);

        var deleted = f.Allocator.Delete(alias.Service);

        Assert.Empty(deleted.ReleasedNodePorts);
        Assert.True(f.Ports.IsAllocated(30005));
        Assert.Equal(HeldBy(owner), f.Held());
    }

    [Theory]
    [MemberData(nameof(Engines), MemberType = typeof(AllocatorFixture))]
    public void Updating_an_ExternalName_Service_to_NodePort_allocates_the_node_port_it_names(IPEngine engine)
    {
        var f = new AllocatorFixture(engine: engine);
        var alias = f.Allocator.Create(ExternalNameWithNodePort(30007)).Service;
        Assert.False(f.Ports.IsAllocated(30007));

        var result = f.Allocator.Update(alias, alias with { Spec = alias.Spec with { Type = ServiceType.NodePort, ExternalName = null } });

        Assert.Equal(30007, result.Service.Spec.Ports[0].NodePort);
        Assert.Contains(30007, result.AllocatedNodePorts);
        Assert.True(f.Ports.IsAllocated(30007));
        Assert.Equal(HeldBy(result.Service), f.Held());
    }

    [Theory]
    [MemberData(nameof(Engines), MemberType = typeof(AllocatorFixture))]
    public void Updating_an_ExternalName_Service_to_NodePort_cannot_keep_a_node_port_another_Service_holds(IPEngine engine)
    {
        var f = new AllocatorFixture(engine: engine);
        var owner = f.Allocator.Create(Svc(ServiceType.NodePort, Port("http", 80, nodePort: 30005))).Service;
        var alias = f.Allocator.Create(ExternalNameWithNodePort(30005)).Service;
        var before = f.Snapshot();

        var ex = Assert.Throws<ServiceValidationException>(
            () => f.Allocator.Update(alias, alias with { Spec = alias.Spec with { Type = ServiceType.NodePort, ExternalName = null } }));

        Assert.Equal("spec.ports[0].nodePort", ex.Errors[0].Field);
        Assert.Contains("provided port is already allocated", ex.Errors[0].Detail, StringComparison.Ordinal);
        Assert.Equal(before, f.Snapshot());
        Assert.Equal(HeldBy(owner), f.Held());
    }

    [Theory]
    [MemberData(nameof(Engines), MemberType = typeof(AllocatorFixture))]
    public void Updating_an_ExternalName_Service_with_a_new_node_port_releases_nothing_it_never_held(IPEngine engine)
    {
        var f = new AllocatorFixture(engine: engine);
        var owner = f.Allocator.Create(Svc(ServiceType.NodePort, Port("http", 80, nodePort: 30005))).Service;
        var alias = f.Allocator.Create(ExternalNameWithNodePort(30005)).Service;

        // To NodePort with a different node port: 30005 was never the alias's to release.
        var result = f.Allocator.Update(alias, alias with
        {
            Spec = alias.Spec with { Type = ServiceType.NodePort, ExternalName = null, Ports = [Port("http", 80, nodePort: 30009)] },
        });

        Assert.Empty(result.ReleasedNodePorts);
        Assert.True(f.Ports.IsAllocated(30005));
        Assert.Equal(HeldBy(owner).Union(HeldBy(result.Service)), f.Held());
    }
}
