using ServiceModel.Services;

namespace ServiceModel.Tests.Services;

public class ServiceTypeLayeringTests
{
    [Theory]
    [InlineData(ServiceType.LoadBalancer, ServiceType.NodePort, true)]
    [InlineData(ServiceType.LoadBalancer, ServiceType.ClusterIP, true)]
    [InlineData(ServiceType.NodePort, ServiceType.ClusterIP, true)]
    [InlineData(ServiceType.NodePort, ServiceType.LoadBalancer, false)]
    [InlineData(ServiceType.ClusterIP, ServiceType.NodePort, false)]
    [InlineData(ServiceType.ExternalName, ServiceType.ClusterIP, false)]
    [InlineData(ServiceType.ClusterIP, ServiceType.ExternalName, false)]
    [InlineData(ServiceType.ExternalName, ServiceType.ExternalName, true)]
    public void Includes_follows_ClusterIP_NodePort_LoadBalancer(ServiceType type, ServiceType layer, bool expected)
        => Assert.Equal(expected, type.Includes(layer));

    [Theory]
    [InlineData(ServiceType.ClusterIP, null, true)]
    [InlineData(ServiceType.ClusterIP, "None", false)]
    [InlineData(ServiceType.NodePort, null, true)]
    [InlineData(ServiceType.LoadBalancer, "10.0.0.1", true)]
    [InlineData(ServiceType.ExternalName, null, false)]
    public void Headless_and_ExternalName_have_no_cluster_IP(ServiceType type, string? clusterIP, bool expected)
        => Assert.Equal(expected, ServiceTypeLayering.HasClusterIP(new ServiceSpec { Type = type, ClusterIP = clusterIP }));

    [Theory]
    [InlineData(ServiceType.ClusterIP, null, false)]
    [InlineData(ServiceType.NodePort, null, true)]
    [InlineData(ServiceType.LoadBalancer, null, true)]
    [InlineData(ServiceType.LoadBalancer, true, true)]
    [InlineData(ServiceType.LoadBalancer, false, false)]
    [InlineData(ServiceType.ExternalName, null, false)]
    public void AllocateLoadBalancerNodePorts_false_skips_node_ports(ServiceType type, bool? allocate, bool expected)
        => Assert.Equal(expected, ServiceTypeLayering.AllocatesNodePorts(new ServiceSpec { Type = type, AllocateLoadBalancerNodePorts = allocate }));

    [Fact]
    public void Only_NodePort_and_LoadBalancer_carry_node_ports_and_only_ExternalName_has_no_cluster_IPs()
    {
        Assert.False(ServiceType.ClusterIP.MayCarryNodePorts());
        Assert.False(ServiceType.ExternalName.MayCarryNodePorts());
        Assert.True(ServiceType.NodePort.MayCarryNodePorts());
        Assert.True(ServiceType.LoadBalancer.MayCarryNodePorts());
        Assert.False(ServiceType.ExternalName.MayCarryClusterIPs());
        Assert.True(ServiceType.ClusterIP.MayCarryClusterIPs());
    }

    [Fact]
    public void Externally_accessible_includes_ClusterIP_with_external_IPs()
    {
        Assert.False(ServiceTypeLayering.IsExternallyAccessible(new ServiceSpec()));
        Assert.True(ServiceTypeLayering.IsExternallyAccessible(new ServiceSpec { ExternalIPs = ["1.2.3.4"] }));
        Assert.True(ServiceTypeLayering.IsExternallyAccessible(new ServiceSpec { Type = ServiceType.NodePort }));
        Assert.False(ServiceTypeLayering.IsExternallyAccessible(new ServiceSpec { Type = ServiceType.ExternalName, ExternalIPs = ["1.2.3.4"] }));
    }

    [Fact]
    public void Health_check_node_port_only_for_LoadBalancer_Local()
    {
        Assert.True(ServiceTypeLayering.NeedsHealthCheckNodePort(new ServiceSpec { Type = ServiceType.LoadBalancer, ExternalTrafficPolicy = TrafficPolicy.Local }));
        Assert.False(ServiceTypeLayering.NeedsHealthCheckNodePort(new ServiceSpec { Type = ServiceType.LoadBalancer, ExternalTrafficPolicy = TrafficPolicy.Cluster }));
        Assert.False(ServiceTypeLayering.NeedsHealthCheckNodePort(new ServiceSpec { Type = ServiceType.NodePort, ExternalTrafficPolicy = TrafficPolicy.Local }));
    }

    [Fact]
    public void LoadBalancer_without_ingress_is_Pending()
    {
        var lb = new Service { Name = "lb", Spec = new ServiceSpec { Type = ServiceType.LoadBalancer } };
        Assert.Equal(LoadBalancerState.Pending, lb.LoadBalancerState);
        Assert.True(lb.IsLoadBalancerPending);

        var provisioned = lb with { Status = new ServiceStatus { LoadBalancer = new LoadBalancerStatus { Ingress = [new LoadBalancerIngress { IP = "203.0.113.7" }] } } };
        Assert.Equal(LoadBalancerState.Provisioned, provisioned.LoadBalancerState);
        Assert.False(provisioned.IsLoadBalancerPending);
    }

    [Theory]
    [InlineData(ServiceType.ClusterIP)]
    [InlineData(ServiceType.NodePort)]
    [InlineData(ServiceType.ExternalName)]
    public void Non_LoadBalancer_types_are_not_applicable_even_with_ingress(ServiceType type)
    {
        var svc = new Service
        {
            Name = "s",
            Spec = new ServiceSpec { Type = type },
            Status = new ServiceStatus { LoadBalancer = new LoadBalancerStatus { Ingress = [new LoadBalancerIngress { Hostname = "x.example" }] } },
        };
        Assert.Equal(LoadBalancerState.NotApplicable, svc.LoadBalancerState);
    }
}
