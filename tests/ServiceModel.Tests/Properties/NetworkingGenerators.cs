using System.Net;
using FsCheck;
using FsCheck.Fluent;
using ServiceModel.Networking;

namespace ServiceModel.Tests.Properties;

/// <summary>FsCheck generators for the Networking value types.</summary>
public static class NetworkingGenerators
{
    /// <summary>Valid IPv4 and IPv6 ranges of every prefix length, network address masked.</summary>
    public static Gen<ServiceCidr> ServiceCidrs { get; } =
        Gen.OneOf(
            from prefix in Gen.Choose(0, 32)
            from bytes in Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), 4)
            select Mask(bytes, prefix),
            from prefix in Gen.Choose(0, 128)
            from bytes in Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), 16)
            select Mask(bytes, prefix));

    /// <summary>Valid port ranges anywhere in 0-65535.</summary>
    public static Gen<PortRange> PortRanges { get; } =
        from first in Gen.Choose(0, PortRange.MaxPort)
        from size in Gen.Choose(1, PortRange.MaxPort + 1 - first)
        select new PortRange(first, size);

    private static ServiceCidr Mask(byte[] bytes, int prefix)
    {
        for (var bit = prefix; bit < bytes.Length * 8; bit++)
        {
            bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        }

        return new ServiceCidr(new IPAddress(bytes), prefix);
    }
}
