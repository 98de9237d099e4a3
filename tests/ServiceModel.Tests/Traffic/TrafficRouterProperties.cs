using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ServiceModel.Discovery;
using ServiceModel.Services;
using ServiceModel.Tests.Properties;
using ServiceModel.Traffic;

namespace ServiceModel.Tests.Traffic;

public class TrafficRouterProperties
{
    private static Arbitrary<(Service Service, EndpointSlice[] Slices, TrafficRequest Request)> Scenarios => TrafficGenerators.Scenario.ToArbitrary();

    [Property(MaxTest = 300)]
    public Property Probabilities_sum_to_one_when_routed_and_candidates_are_distinct()
        => Prop.ForAll(Scenarios, s =>
        {
            var route = TrafficRouter.Route(s.Service, s.Slices, s.Request);
            return route.IsRouted
                ? Math.Abs(route.Candidates.Sum(c => c.Probability) - 1.0) < 1e-9
                    && route.Candidates.All(c => c.Probability > 0)
                    && route.Candidates.Select(c => c.Endpoint).Distinct().Count() == route.Candidates.Length
                : route.Candidates.IsEmpty;
        });

    [Property(MaxTest = 300)]
    public Property Candidates_are_ready_or_in_fallback_serving_and_terminating()
        => Prop.ForAll(Scenarios, s =>
        {
            var route = TrafficRouter.Route(s.Service, s.Slices, s.Request);
            return route.UsesTerminatingEndpoints
                ? route.Candidates.All(c => !c.Ready && c.Serving && c.Terminating)
                : route.Candidates.All(c => c.Ready);
        });

    [Property(MaxTest = 300)]
    public Property Local_policy_never_returns_a_remote_endpoint()
        => Prop.ForAll(Scenarios, s =>
        {
            var route = TrafficRouter.Route(s.Service, s.Slices, s.Request);
            var spec = s.Service.Spec;
            var localApplies = s.Request.Entry == TrafficEntry.ClusterIP
                ? spec.InternalTrafficPolicy == TrafficPolicy.Local
                : spec.ExternalTrafficPolicy == TrafficPolicy.Local && s.Request.EffectiveSource == TrafficSource.OutsideCluster;
            return (!localApplies || route.Candidates.All(c => c.NodeName == s.Request.NodeName))
                && (route.Reason != TrafficReason.LocalEndpoints || localApplies)
                && (route.Outcome != TrafficOutcome.Dropped || localApplies);
        });

    [Property(MaxTest = 300)]
    public Property Rejected_exactly_when_no_endpoint_is_usable_anywhere()
        => Prop.ForAll(Scenarios, s =>
        {
            var route = TrafficRouter.Route(s.Service, s.Slices, s.Request);
            var usable = NaiveRouter.AnyUsable(NaiveRouter.Endpoints(s.Service, s.Slices, s.Request.NodeName));
            return route.Outcome == TrafficOutcome.NotProxied || (route.Outcome == TrafficOutcome.Rejected) == !usable;
        });

    [Property(MaxTest = 200)]
    public Property The_router_agrees_with_a_naive_reading_of_the_rules()
        => Prop.ForAll(Scenarios, s =>
        {
            var route = TrafficRouter.Route(s.Service, s.Slices, s.Request);
            var expected = NaiveRouter.Candidates(s.Service, s.Slices, s.Request);
            return route.IsRouted
                ? expected is not null && route.Candidates.Length == expected.Count && expected.SetEquals(route.Candidates.Select(c => c.Endpoint))
                : expected is null;
        });
}
