using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ServiceModel.Discovery;
using ServiceModel.Labels;
using ServiceModel.Services;

namespace ServiceModel.Tests.Discovery;

public class ServiceIndexProperties
{
    private static readonly Gen<ImmutableDictionary<string, string>> s_labels =
        from count in Gen.Choose(0, 3)
        from keys in Gen.ArrayOf(Gen.Elements("app", "tier", "env", "team"), count)
        from values in Gen.ArrayOf(Gen.Elements("a", "b", "c"), count)
        select keys.Zip(values).DistinctBy(p => p.First).ToImmutableDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);

    private static readonly Gen<Service> s_service =
        from i in Gen.Choose(0, 10_000)
        from ns in Gen.Elements("default", "prod")
        from selector in s_labels
        from nullSelector in Gen.Elements(false, false, false, true)
        select new Service { Name = $"svc{i}", Namespace = ns, Spec = new ServiceSpec { Selector = nullSelector ? null : selector } };

    private static readonly Gen<(Service[] Services, Pod Pod)> s_world =
        from services in Gen.ArrayOf(s_service, 30)
        from ns in Gen.Elements("default", "prod")
        from labels in s_labels
        select (services.DistinctBy(s => (s.Namespace, s.Name)).ToArray(), new Pod(ns, "p") { Labels = labels });

    [Property(MaxTest = 300)]
    public Property Index_agrees_with_scanning_every_selector()
        => Prop.ForAll(s_world.ToArbitrary(), world =>
        {
            var expected = world.Services
                .Where(s => s.Spec.Selector is { Count: > 0 } selector
                    && s.Namespace == world.Pod.Namespace
                    && LabelSelector.FromLabels(selector).Matches(world.Pod.Labels))
                .OrderBy(s => s.Namespace, StringComparer.Ordinal).ThenBy(s => s.Name, StringComparer.Ordinal)
                .Select(s => s.Name);
            return new ServiceIndex(world.Services).ServicesFor(world.Pod).Select(s => s.Name).SequenceEqual(expected);
        });
}
