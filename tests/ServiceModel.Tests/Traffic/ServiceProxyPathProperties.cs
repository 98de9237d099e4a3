using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ServiceModel.Services;
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

    [Property(MaxTest = 200)]
    public Property A_declared_port_resolves_by_number_and_by_name()
    {
        var services =
            from count in Gen.Choose(1, 4)
            from numbers in Gen.ArrayOf(Gen.Choose(1, 65535), count)
            from names in Gen.ArrayOf(TrafficGenerators.PortName, count)
            let distinct = numbers.Distinct().Zip(names.Distinct()).ToArray()
            select new Service
            {
                Name = "web",
                Spec = new ServiceSpec { Ports = [.. distinct.Select(p => new ServicePort { Name = p.Second, Port = p.First })] },
            };
        return Prop.ForAll(services.ToArbitrary(), service => service.Spec.Ports.All(port =>
            ServiceProxyPath.For(service, port.Port.ToString(CultureInfo.InvariantCulture)).ResolvePort(service) == port
            && ServiceProxyPath.For(service, port.Name, ServiceProxyScheme.Https).ResolvePort(service) == port));
    }
}
