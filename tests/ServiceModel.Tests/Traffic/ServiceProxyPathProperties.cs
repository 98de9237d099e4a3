using System.Globalization;
using System.Text;
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

    // The oracle is the framework's strict UTF-8 encoder: text it cannot encode has a lone surrogate.
    private static bool IsValidUtf16(string text)
    {
        try
        {
            _ = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetByteCount(text);
            return true;
        }
        catch (EncoderFallbackException)
        {
            return false;
        }
    }

    [Property(MaxTest = 500)]
    public Property Any_path_text_either_round_trips_or_is_refused_for_its_lone_surrogate()
        => Prop.ForAll(TrafficGenerators.AnyUtf16.ToArbitrary(), text =>
        {
            ServiceProxyPath path;
            try
            {
                path = new ServiceProxyPath("default", "web", "http", ServiceProxyScheme.Https, text);
            }
            catch (ArgumentException error)
            {
                return !IsValidUtf16(text) && error.Message.Contains("not valid UTF-16", StringComparison.Ordinal);
            }

            var parsed = ServiceProxyPath.Parse(path.ToString());
            return IsValidUtf16(text) && parsed.Equals(path) && parsed.Path == path.Path;
        });

    [Property(MaxTest = 500)]
    public Property Parsing_any_text_either_fails_with_FormatException_or_gives_a_path_that_round_trips()
        => Prop.ForAll(TrafficGenerators.AnyUtf16.ToArbitrary(), text =>
        {
            var input = "/api/v1/namespaces/default/services/web/proxy/" + text;
            ServiceProxyPath parsed;
            try
            {
                parsed = ServiceProxyPath.Parse(input);
            }
            catch (FormatException)
            {
                return !ServiceProxyPath.TryParse(input, out _);
            }

            return IsValidUtf16(input) && ServiceProxyPath.Parse(parsed.ToString()).Equals(parsed);
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
