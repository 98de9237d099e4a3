using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using ServiceModel.Allocation;
using ServiceModel.Labels;
using ServiceModel.Networking;

namespace ServiceModel.Tests;

// Touches every member that the design card's public API contract names (the house rules are in docs/architecture.md), with the
// signature written there, so a rename or signature change breaks the build rather than a reader.
public class ContractTests
{
    private delegate bool TryParseCidr(string? s, out ServiceCidr result);

    private delegate bool TryParsePorts(string? s, out PortRange result);

    private delegate bool TryParseSelector(string? s, [NotNullWhen(true)] out LabelSelector? selector);

    private delegate bool TryAllocateIP(IPAddress ip, out AllocationError error);

    private delegate bool TryAllocateNextIP([NotNullWhen(true)] out IPAddress? ip);

    private delegate bool TryAllocatePort(int port, out AllocationError error);

    private delegate bool TryAllocateNextPort(out int port);

    [Fact]
    public void Networking_contract()
    {
        Assert.Equal([IPFamily.IPv4, IPFamily.IPv6], Enum.GetValues<IPFamily>());

        Parsable<ServiceCidr>();
        Func<string, ServiceCidr> parseCidr = ServiceCidr.Parse;
        TryParseCidr tryParseCidr = ServiceCidr.TryParse;
        var cidr = parseCidr("10.96.0.0/12");
        Assert.True(tryParseCidr("10.96.0.0/12", out var same) && same == cidr);
        IPFamily family = cidr.Family;
        IPAddress network = cidr.NetworkAddress;
        int prefix = cidr.PrefixLength;
        long size = cidr.Size;
        Func<IPAddress, bool> contains = cidr.Contains;
        Func<long, IPAddress> addressAt = cidr.AddressAt;
        Func<IPAddress, long> offsetOf = cidr.OffsetOf;
        Assert.Equal((IPFamily.IPv4, "10.96.0.0", 12), (family, network.ToString(), prefix));
        Assert.True(size > 0 && contains(addressAt(0)) && offsetOf(addressAt(0)) == 0);
        Assert.Equal("10.96.0.0/12", cidr.ToString());

        Parsable<PortRange>();
        var ports = new PortRange(30000, 2768);
        Assert.Equal(PortRange.Default, ports);
        Func<string, PortRange> parsePorts = PortRange.Parse;
        TryParsePorts tryParsePorts = PortRange.TryParse;
        Assert.Equal(ports, parsePorts("30000-32767"));
        Assert.True(tryParsePorts("30000+2767", out var plus) && plus == ports);
        Assert.Equal(1, parsePorts("30000").Size);
        int first = ports.First, last = ports.Last, count = ports.Size;
        Func<int, bool> portContains = ports.Contains;
        Assert.Equal((30000, 32767, 2768, true), (first, last, count, portContains(30000)));
        Assert.Equal("30000-32767", ports.ToString());
    }

    [Fact]
    public void Allocation_contract()
    {
        Assert.Equal(
            [AllocationError.Full, AllocationError.AlreadyAllocated, AllocationError.NotInRange, AllocationError.RangeMismatch, AllocationError.CorruptSnapshot],
            Enum.GetValues<AllocationError>());
        InvalidOperationException exception = new AllocationException(AllocationError.Full, "range is full");
        Assert.Equal(AllocationError.Full, ((AllocationException)exception).Error);

        var ips = new ClusterIPAllocator(ServiceCidr.Parse("10.0.0.0/29"), random: null);
        ServiceCidr cidr = ips.Cidr;
        long capacity = ips.Capacity, used = ips.Used, free = ips.Free;
        Action<IPAddress> allocate = ips.Allocate;
        TryAllocateIP tryAllocate = ips.TryAllocate;
        Func<IPAddress> allocateNext = ips.AllocateNext;
        TryAllocateNextIP tryAllocateNext = ips.TryAllocateNext;
        Func<IPAddress, bool> release = ips.Release;
        Func<IPAddress, bool> isAllocated = ips.IsAllocated;
        Func<IEnumerable<IPAddress>> enumerate = ips.EnumerateAllocated;
        Func<RangeAllocation> snapshot = ips.Snapshot;
        Func<RangeAllocation, Random?, ClusterIPAllocator> restore = ClusterIPAllocator.Restore;
        Assert.Equal((6L, 0L, 6L), (capacity, used, free));
        allocate(IPAddress.Parse("10.0.0.1"));
        Assert.False(tryAllocate(IPAddress.Parse("10.0.0.1"), out var error));
        Assert.Equal(AllocationError.AlreadyAllocated, error);
        var next = allocateNext();
        Assert.True(tryAllocateNext(out var another) && isAllocated(another));
        Assert.True(release(another));
        Assert.Equal([IPAddress.Parse("10.0.0.1"), next], enumerate().Order(Comparer<IPAddress>.Create((a, b) => cidr.OffsetOf(a).CompareTo(cidr.OffsetOf(b)))));
        Assert.Equal(enumerate(), restore(snapshot(), null).EnumerateAllocated());

        var nodePorts = new NodePortAllocator(PortRange.Parse("30000-30009"), random: null);
        PortRange range = nodePorts.Range;
        int portCapacity = nodePorts.Capacity, portsUsed = nodePorts.Used, portsFree = nodePorts.Free;
        Action<int> allocatePort = nodePorts.Allocate;
        TryAllocatePort tryAllocatePort = nodePorts.TryAllocate;
        Func<int> allocateNextPort = nodePorts.AllocateNext;
        TryAllocateNextPort tryAllocateNextPort = nodePorts.TryAllocateNext;
        Func<int, bool> releasePort = nodePorts.Release;
        Func<int, bool> isPortAllocated = nodePorts.IsAllocated;
        Func<IEnumerable<int>> enumeratePorts = nodePorts.EnumerateAllocated;
        Func<RangeAllocation> portSnapshot = nodePorts.Snapshot;
        Func<RangeAllocation, Random?, NodePortAllocator> restorePorts = NodePortAllocator.Restore;
        Assert.Equal((10, 0, 10), (portCapacity, portsUsed, portsFree));
        allocatePort(30000);
        Assert.False(tryAllocatePort(30010, out var portError));
        Assert.Equal(AllocationError.NotInRange, portError);
        Assert.True(range.Contains(allocateNextPort()));
        Assert.True(tryAllocateNextPort(out var port) && isPortAllocated(port) && releasePort(port));
        Assert.Equal(enumeratePorts(), restorePorts(portSnapshot(), null).EnumerateAllocated());

        RangeAllocation allocation = new(Range: "30000-30009", Data: ImmutableArray.Create<byte>(1));
        Assert.Equal(("30000-30009", 1), (allocation.Range, allocation.Data.Length));
    }

    [Fact]
    public void Labels_contract()
    {
        Assert.Equal(
            [SelectorOperator.Equals, SelectorOperator.DoubleEquals, SelectorOperator.NotEquals, SelectorOperator.In, SelectorOperator.NotIn,
                SelectorOperator.Exists, SelectorOperator.DoesNotExist, SelectorOperator.GreaterThan, SelectorOperator.LessThan],
            Enum.GetValues<SelectorOperator>());

        IReadOnlyDictionary<string, string> labels = new Dictionary<string, string> { ["app"] = "web" };
        var requirement = new LabelSelectorRequirement("app", SelectorOperator.In, ["web"]);
        Func<IReadOnlyDictionary<string, string>, bool> requirementMatches = requirement.Matches;
        Assert.True(requirementMatches(labels));
        Assert.Throws<ArgumentException>(() => new LabelSelectorRequirement("app", SelectorOperator.In, []));

        IEquatable<LabelSelector> everything = LabelSelector.Everything;
        Assert.True(LabelSelector.Everything.IsEverything && LabelSelector.Nothing.IsNothing && everything.Equals(LabelSelector.Everything));
        Func<string, LabelSelector> parse = LabelSelector.Parse;
        TryParseSelector tryParse = LabelSelector.TryParse;
        Func<IEnumerable<KeyValuePair<string, string>>, LabelSelector> fromLabels = LabelSelector.FromLabels;
        Func<IEnumerable<LabelSelectorRequirement>, LabelSelector> fromRequirements = LabelSelector.FromRequirements;
        Func<LabelSelectorSpec?, LabelSelector> fromSpec = LabelSelector.FromSpec;
        var selector = parse("app in (web)");
        Assert.True(tryParse("app in (web)", out var parsed) && parsed.Equals(selector));
        Assert.Equal(selector, fromRequirements([requirement]));
        Assert.True(fromLabels(labels).Matches(labels));
        Assert.Same(LabelSelector.Nothing, fromSpec(null));
        Assert.True(fromSpec(new LabelSelectorSpec(ImmutableDictionary<string, string>.Empty, [])).IsEverything);
        LabelSelectorSpec? spec = selector.ToSpec();
        Assert.Equal(selector, fromSpec(spec));
        ImmutableArray<LabelSelectorRequirement> requirements = selector.Requirements;
        Func<IReadOnlyDictionary<string, string>, bool> matches = selector.Matches;
        Assert.Equal(requirement, Assert.Single(requirements));
        Assert.True(matches(labels));
        Assert.Equal("app in (web)", selector.ToString());

        Func<string, bool> isValidKey = LabelValidation.IsValidKey;
        Func<string, bool> isValidValue = LabelValidation.IsValidValue;
        Func<string, IReadOnlyList<string>> validateKey = LabelValidation.ValidateKey;
        Func<string, IReadOnlyList<string>> validateValue = LabelValidation.ValidateValue;
        Assert.True(isValidKey("app") && isValidValue("web") && !isValidKey("-") && !isValidValue("-"));
        Assert.Empty(validateKey("app"));
        Assert.NotEmpty(validateValue("-"));
    }

    // Try… forms answer false for bad text without throwing; Parse throws FormatException for the same text.
    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("/")]
    [InlineData("10.0.0.0/")]
    [InlineData("10.0.0.0/99999999999")]
    [InlineData("[::1]/128")]
    [InlineData("fe80::1%eth0/64")]
    [InlineData("300.0.0.0/8")]
    [InlineData("-1")]
    [InlineData("30000+-1")]
    [InlineData("30000+99999999999")]
    [InlineData("99999999999-1")]
    [InlineData("65535+2")]
    [InlineData("a in (")]
    [InlineData("a notin ()")]
    [InlineData("a>99999999999999999999")]
    [InlineData("!!a")]
    [InlineData("a,,b")]
    [InlineData("\u0000")]
    [InlineData("/api/v1/namespaces//services/:/proxy")]
    [InlineData("/api/v1/namespaces/ns/services/https:web:/proxy/%zz")]
    public void Try_forms_reject_bad_text_without_throwing(string text)
    {
        if (!ServiceCidr.TryParse(text, out _))
        {
            Assert.Throws<FormatException>(() => ServiceCidr.Parse(text));
        }

        if (!PortRange.TryParse(text, out _))
        {
            Assert.Throws<FormatException>(() => PortRange.Parse(text));
        }

        if (!LabelSelector.TryParse(text, out _))
        {
            Assert.Throws<FormatException>(() => LabelSelector.Parse(text));
        }

        if (!ServiceModel.Traffic.ServiceProxyPath.TryParse(text, out _))
        {
            Assert.Throws<FormatException>(() => ServiceModel.Traffic.ServiceProxyPath.Parse(text));
        }

        Assert.False(ServiceCidr.TryParse(text, out _) && PortRange.TryParse(text, out _));
    }

    private static void Parsable<T>()
        where T : IEquatable<T>, ISpanParsable<T>, ISpanFormattable
    {
    }
}
