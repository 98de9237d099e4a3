using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ServiceModel.Tests.Properties;
using ServiceModel.Traffic;

namespace ServiceModel.Tests.Traffic;

public class ServiceProxyPathProperties
{
    [Property(MaxTest = 300)]
    public Property Build_then_parse_gives_the_same_path()
        => Prop.ForAll(TrafficGenerators.ProxyPath.ToArbitrary(), path =>
        {
            var text = path.ToString();
            var parsed = ServiceProxyPath.Parse(text);
            return parsed.Equals(path) && parsed.GetHashCode() == path.GetHashCode() && parsed.ToString() == text
                && ServiceProxyPath.TryParse(text, out var viaTry) && viaTry.Equals(path);
        });

    [Property(MaxTest = 300)]
    public Property The_service_segment_splits_back_into_its_parts()
        => Prop.ForAll(TrafficGenerators.ProxyPath.ToArbitrary(), path =>
            ServiceProxyPath.TrySplitServiceSegment(path.ServiceSegment, out var scheme, out var name, out var port)
            && scheme == path.Scheme && name == path.ServiceName && port == path.Port);

    [Property(MaxTest = 300)]
    public Property Hostile_text_only_ever_fails_with_FormatException()
        => Prop.ForAll(ArbMap.Default.GeneratorFor<string>().Where(s => s is not null)
            .Select(s => "/api/v1/namespaces/" + s).ToArbitrary(), text =>
        {
            var accepted = ServiceProxyPath.TryParse(text, out var viaTry);
            try
            {
                var parsed = ServiceProxyPath.Parse(text);
                return accepted && parsed.Equals(viaTry);
            }
            catch (FormatException error)
            {
                return !accepted && error.Message.Length > 0;
            }
        });
}
