using FsCheck;
using FsCheck.Fluent;
using ServiceModel.Traffic;

namespace ServiceModel.Tests.Properties;

// Generators for the Traffic layer: proxy paths with every scheme/port shape and awkward path text.
public static class TrafficGenerators
{
    private const string Lower = "abcdefghijklmnopqrstuvwxyz";

    public static Gen<string> PortName { get; } =
        from length in Gen.Choose(0, 13)
        from chars in Gen.ArrayOf(Gen.Elements((Lower + "0123456789").ToCharArray()), length)
        from letter in Gen.Elements(Lower.ToCharArray())
        select letter + new string(chars);

    public static Gen<string?> Port { get; } = Gen.OneOf(
        Gen.Constant<string?>(null),
        Gen.Constant<string?>(string.Empty),
        Gen.Choose(1, 65535).Select(p => (string?)p.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        PortName.Select(p => (string?)p));

    public static Gen<string> PathText { get; } = Gen.OneOf(
        Gen.Elements("/", "", "healthz", "/api/v1/x?y", "/a b/ü/%41/#frag", "/a//b/", "/😀", "/:@!$&'()*+,;="),
        ArbMap.Default.GeneratorFor<string>().Where(s => s is not null));

    public static Gen<ServiceProxyPath> ProxyPath { get; } =
        from ns in LabelGenerators.DnsLabel
        from name in LabelGenerators.DnsLabel
        from port in Port
        from scheme in Gen.Elements(ServiceProxyScheme.Unspecified, ServiceProxyScheme.Http, ServiceProxyScheme.Https)
        from path in PathText
        select new ServiceProxyPath(ns, name, port, scheme, path);
}
