using System.Collections.Immutable;
using ServiceModel.Networking;
using ServiceModel.Services;
using static ServiceModel.Tests.Services.AllocatorFixture;
using ServiceModel.Validation;

namespace ServiceModel.Tests.Services;

// default(ImmutableArray<T>) is empty at every public boundary of Services: the model types store
// it as empty, so every entry point sees an ordinary empty list.
public class DefaultArrayTests
{
    private static readonly IPFamily[] s_v4 = [IPFamily.IPv4];

    private static ServiceSpec DefaultLists(ServiceSpec spec)
        => spec with { Ports = default, ClusterIPs = default, IPFamilies = default, ExternalIPs = default, LoadBalancerSourceRanges = default };

    private static Service Headless()
        => new() { Name = "web", Spec = DefaultLists(new ServiceSpec()) with { ClusterIP = ServiceSpec.ClusterIPNone } };

    [Fact]
    public void Model_types_store_a_default_array_as_empty()
    {
        var spec = DefaultLists(new ServiceSpec());
        Assert.False(spec.Ports.IsDefault);
        Assert.False(spec.ClusterIPs.IsDefault);
        Assert.False(spec.IPFamilies.IsDefault);
        Assert.False(spec.ExternalIPs.IsDefault);
        Assert.False(spec.LoadBalancerSourceRanges.IsDefault);
        Assert.Equal(new ServiceSpec(), spec);
        Assert.Equal(new ServiceSpec().GetHashCode(), spec.GetHashCode());

        var status = new LoadBalancerStatus { Ingress = default };
        Assert.True(status.Ingress.IsEmpty);
        Assert.Equal(new LoadBalancerStatus(), status);

        var allocation = new ServiceAllocation
        {
            Service = Headless(),
            AllocatedClusterIPs = default,
            ReleasedClusterIPs = default,
            AllocatedNodePorts = default,
            ReleasedNodePorts = default,
        };
        Assert.True(allocation.IsEmpty);
        Assert.True(allocation.AllocatedClusterIPs.IsEmpty && allocation.ReleasedClusterIPs.IsEmpty);
        Assert.True(allocation.AllocatedNodePorts.IsEmpty && allocation.ReleasedNodePorts.IsEmpty);
    }

    [Fact]
    public void Validator_entry_points_accept_default_arrays()
    {
        var service = new Service { Name = "web", Spec = DefaultLists(new ServiceSpec()) };
        var errors = ServiceValidator.Validate(ServiceDefaults.Apply(service));
        Assert.Equal(["spec.ports: Required value"], errors.Select(e => e.ToString()));
        var headless = ServiceDefaults.Apply(Headless());
        Assert.Empty(ServiceValidator.Validate(headless));
        Assert.Empty(ServiceValidator.ValidateUpdate(headless, headless with { Spec = headless.Spec with { ExternalIPs = default, Ports = default } }));
        Assert.Throws<ServiceValidationException>(() => ServiceValidator.EnsureValid(service));
    }

    [Fact]
    public void Defaults_entry_points_accept_default_arrays()
    {
        var headless = Headless();
        Assert.Equal([ServiceSpec.ClusterIPNone], ServiceDefaults.Apply(headless).Spec.ClusterIPs.AsEnumerable());
        Assert.Equal(IPFamily.IPv4, ServiceDefaults.Apply(headless, s_v4).Spec.IPFamilies[0]);
        Assert.True(ServiceDefaults.TryApply(headless, s_v4, out var applied, out var errors));
        Assert.True(errors.IsEmpty);
        Assert.True(ServiceDefaults.TryApplyForUpdate(applied, headless, s_v4, out var updated, out _));
        Assert.Equal(applied.Spec.ClusterIPs.AsEnumerable(), updated.Spec.ClusterIPs);
        Assert.Equal(updated, ServiceDefaults.ApplyForUpdate(applied, headless, s_v4));

        // The cluster's families are required: a default array is the empty list, refused as such.
        Assert.Throws<ArgumentException>(() => ServiceDefaults.Apply(headless, default(ImmutableArray<IPFamily>)));
        Assert.Throws<ArgumentException>(() => ServiceDefaults.ApplyForUpdate(applied, headless, default(ImmutableArray<IPFamily>)));
    }

    [Fact]
    public void Allocator_entry_points_accept_default_arrays()
    {
        var f = new AllocatorFixture();
        var submitted = Svc(ServiceType.NodePort, Port("http", 80)) with
        {
            Spec = Svc(ServiceType.NodePort, Port("http", 80)).Spec with { ClusterIPs = default, IPFamilies = default, ExternalIPs = default, LoadBalancerSourceRanges = default },
        };
        var created = f.Allocator.Create(submitted).Service;
        var stored = created with { Spec = created.Spec with { ExternalIPs = default, LoadBalancerSourceRanges = default } };
        var updated = f.Allocator.Update(stored, stored with { Spec = stored.Spec with { ClusterIPs = default, IPFamilies = default } }).Service;
        Assert.Equal(created.Spec.ClusterIPs.AsEnumerable(), updated.Spec.ClusterIPs);
        Assert.Equal(HeldBy(updated), f.Held());
        f.Allocator.Delete(updated with { Spec = updated.Spec with { ExternalIPs = default } });
        Assert.Empty(f.Held());
    }

    [Fact]
    public void Type_layering_accepts_default_arrays()
    {
        Assert.False(ServiceTypeLayering.IsExternallyAccessible(new ServiceSpec { ExternalIPs = default }));
        var pending = new Service { Name = "lb", Spec = new ServiceSpec { Type = ServiceType.LoadBalancer }, Status = new ServiceStatus { LoadBalancer = new LoadBalancerStatus { Ingress = default } } };
        Assert.Equal(LoadBalancerState.Pending, pending.LoadBalancerState);
        Assert.True(ServiceTypeLayering.HasClusterIP(DefaultLists(new ServiceSpec())));
    }

    [Fact]
    public void Error_entry_points_treat_a_default_array_as_empty()
    {
        var ex = Assert.Throws<ArgumentException>(() => new ServiceValidationException("web", default(ImmutableArray<ValidationError>)));
        Assert.Equal("errors", ex.ParamName);
        Assert.Equal("x: Unsupported value: \"y\"", ValidationError.NotSupported("x", "y", default(ImmutableArray<string>)).ToString());
    }

    [Fact]
    public void A_validation_error_cannot_be_given_a_null_field_or_detail_through_with()
    {
        var error = ValidationError.Required("spec.ports");
        Assert.Equal("Field", Assert.Throws<ArgumentNullException>(() => error with { Field = null! }).ParamName);
        Assert.Equal("Detail", Assert.Throws<ArgumentNullException>(() => error with { Detail = null! }).ParamName);
    }
}
