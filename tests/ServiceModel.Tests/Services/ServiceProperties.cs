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

    [Property(MaxTest = 200)]
    public Property Layering_agrees_with_validation_of_node_ports()
        => Prop.ForAll(ServiceGenerators.ValidServiceOnAnyCluster.ToArbitrary(), c =>
            c.Service.Spec.Ports.All(p => p.NodePort == 0) || c.Service.Spec.Type.MayCarryNodePorts());
}
