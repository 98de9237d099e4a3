using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ServiceModel.Tests.Properties;
using ServiceModel.Traffic;

namespace ServiceModel.Tests.Traffic;

public class TrafficTableProperties
{
    // The one-off route builds only what one connection needs (its node, port, family and pool);
    // the table builds every node, port and family once. They must never disagree.
    [Property(MaxTest = 300)]
    public Property A_prepared_table_routes_exactly_as_one_off_routing()
        => Prop.ForAll(TrafficGenerators.PreparedScenario.ToArbitrary(), AgreesWithOneOffRouting);

    // The table builds a pool per hinted node and zone; the one-off route only its own node's and zone's.
    [Property(MaxTest = 300)]
    public Property With_topology_hints_a_prepared_table_routes_exactly_as_one_off_routing()
        => Prop.ForAll(TrafficGenerators.TopologyScenario.ToArbitrary(), AgreesWithOneOffRouting);

    private static bool AgreesWithOneOffRouting((ServiceModel.Services.Service Service, ServiceModel.Discovery.EndpointSlice[] Slices, TrafficRequest[] Requests) s)
    {
        var table = TrafficRouter.Prepare(s.Service, s.Slices);
        return s.Requests.All(request =>
        {
            var oneOff = TrafficRouter.Route(s.Service, s.Slices, request);
            var prepared = table.Route(request);
            return prepared.Equals(oneOff) && prepared.Message == oneOff.Message;
        });
    }
}
