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
        => Prop.ForAll(TrafficGenerators.PreparedScenario.ToArbitrary(), s =>
        {
            var table = TrafficRouter.Prepare(s.Service, s.Slices);
            return s.Requests.All(request =>
            {
                var oneOff = TrafficRouter.Route(s.Service, s.Slices, request);
                var prepared = table.Route(request);
                return prepared.Equals(oneOff) && prepared.Message == oneOff.Message;
            });
        });
}
