using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ServiceModel.Services;
using ServiceModel.Tests.Properties;

namespace ServiceModel.Tests.Services;

public class ServiceProperties
{
    [Property(MaxTest = 300)]
    public Property Every_generated_valid_service_validates_clean()
        => Prop.ForAll(ServiceGenerators.ValidServiceOnAnyCluster.ToArbitrary(), c =>
        {
            var errors = ServiceValidator.Validate(c.Service);
            return errors.IsEmpty.Label(string.Join("; ", errors));
        });

    [Property(MaxTest = 300)]
    public Property Defaults_are_idempotent()
        => Prop.ForAll(ServiceGenerators.ValidServiceOnAnyCluster.ToArbitrary(), c =>
            ServiceDefaults.Apply(c.Service, c.Cluster) == c.Service
            && ServiceDefaults.Apply(c.Service) == c.Service);

    [Property(MaxTest = 300)]
    public Property Updating_to_itself_is_valid_and_changes_nothing()
        => Prop.ForAll(ServiceGenerators.ValidServiceOnAnyCluster.ToArbitrary(), c =>
            ServiceDefaults.ApplyForUpdate(c.Service, c.Service, c.Cluster) == c.Service
            && ServiceValidator.ValidateUpdate(c.Service, c.Service).IsEmpty);

    [Property(MaxTest = 200)]
    public Property Mutating_one_field_yields_exactly_the_expected_error()
    {
        var cases =
            from c in ServiceGenerators.ValidServiceOnAnyCluster
            where c.Service.Spec.Type != ServiceType.ExternalName
            from m in ServiceGenerators.SingleMutation(c.Service)
            select m;
        return Prop.ForAll(cases.ToArbitrary(), m =>
        {
            var errors = ServiceValidator.Validate(m.Service).Select(e => e.ToString()).ToArray();
            return (errors.Length == 1 && errors[0] == m.ExpectedError).Label(string.Join("; ", errors));
        });
    }

    [Property(MaxTest = 300)]
    public Property Any_type_transition_through_update_defaults_is_valid()
    {
        var cases =
            from c in ServiceGenerators.ValidServiceOnAnyCluster
            from to in Gen.Elements(Enum.GetValues<ServiceType>())
            where !(c.Service.Spec.IsHeadless && to is ServiceType.NodePort or ServiceType.LoadBalancer)
            select (c.Cluster, Old: c.Service, To: to);
        return Prop.ForAll(cases.ToArbitrary(), t =>
        {
            var spec = t.Old.Spec;
            var submitted = t.Old with
            {
                Spec = spec with
                {
                    Type = t.To,
                    ExternalName = t.To == ServiceType.ExternalName ? "moved.example.com" : null,
                    LoadBalancerSourceRanges = t.To == ServiceType.LoadBalancer ? spec.LoadBalancerSourceRanges : [],
                    // Entering LoadBalancer with Local would need a health-check port from the allocator.
                    ExternalTrafficPolicy = t.To == ServiceType.LoadBalancer && spec.Type != ServiceType.LoadBalancer ? TrafficPolicy.Cluster : spec.ExternalTrafficPolicy,
                },
            };
            var updated = ServiceDefaults.ApplyForUpdate(t.Old, submitted, t.Cluster);
            var errors = ServiceValidator.ValidateUpdate(t.Old, updated);
            return (errors.IsEmpty && ServiceTypeLayering.HasClusterIP(updated.Spec) == (t.To != ServiceType.ExternalName && !updated.Spec.IsHeadless))
                .Label(string.Join("; ", errors));
        });
    }
}
