using System.Net;
using ServiceModel.Allocation;
using ServiceModel.Networking;

namespace ServiceModel.Tests.Allocation;

/// <summary>The multi-CIDR ClusterIP allocator (ServiceCIDR + IPAddress objects) against upstream's behaviour.</summary>
public class ServiceCidrAllocatorTests
{
    private static readonly ParentReference s_web = ParentReference.ForService("default", "web");

    private static ServiceCidrObject Cidr(string name, params string[] cidrs) => new() { Name = name, Cidrs = [.. cidrs] };

    private static ServiceCidrAllocator With(params ServiceCidrObject[] objects)
    {
        var allocator = new ServiceCidrAllocator(new Random(7));
        foreach (var serviceCidr in objects)
        {
            allocator.AddServiceCidr(serviceCidr);
        }

        return allocator;
    }

    [Fact]
    public void AnAddedServiceCidrGetsTheFinalizerAndReadyCondition()
    {
        var stored = With().AddServiceCidr(Cidr("extra", "10.1.0.0/24") with { DeletionTimestamp = DateTimeOffset.UnixEpoch });
        Assert.Equal([ServiceCidrObject.ProtectionFinalizer], stored.Finalizers.ToArray());
        var ready = Assert.Single(stored.Conditions);
        Assert.Equal(("Ready", "True", "", "Kubernetes Service CIDR is ready"), (ready.Type, ready.Status, ready.Reason, ready.Message));
        Assert.Null(stored.DeletionTimestamp);
    }

    [Fact]
    public void NetworkAndIPv4BroadcastAreNotHandedOutButTheLastIPv6AddressIs()
    {
        var allocator = With(Cidr("a", "10.0.0.0/24", "fd00::/120"));
        foreach (var excluded in new[] { "10.0.0.0", "10.0.0.255", "fd00::", "10.0.1.1" })
        {
            var error = Assert.Throws<AllocationException>(() => allocator.Allocate(IPAddress.Parse(excluded)));
            Assert.Equal(AllocationError.NotInRange, error.Error);
            Assert.Equal("the provided network does not match the current range", error.Message);
        }

        allocator.Allocate(IPAddress.Parse("fd00::ff"), s_web);
        allocator.Allocate(IPAddress.Parse("10.0.0.254"));
        var taken = Assert.Throws<AllocationException>(() => allocator.Allocate(IPAddress.Parse("10.0.0.254")));
        Assert.Equal((AllocationError.AlreadyAllocated, "provided IP is already allocated"), (taken.Error, taken.Message));
        Assert.Equal(2, allocator.Used);
    }

    [Fact]
    public void OverlappingRangesHandOutTheirUnion()
    {
        // 10.0.1.0 is the network address of the /24 but an ordinary address of the /16.
        var allocator = With(Cidr("small", "10.0.1.0/24"), Cidr("big", "10.0.0.0/16"));
        allocator.Allocate(IPAddress.Parse("10.0.1.0"));
        allocator.Allocate(IPAddress.Parse("10.0.1.5"));
        Assert.False(allocator.TryAllocate(IPAddress.Parse("10.0.1.5"), out var error));
        Assert.Equal(AllocationError.AlreadyAllocated, error);
    }

    [Fact]
    public void AllocateNextTakesTheStaticBandLast()
    {
        // A /24 has 254 addresses and a static band of 16 (10.0.0.1-10.0.0.16).
        var allocator = With(Cidr("a", "10.0.0.0/24"));
        for (var i = 0; i < 238; i++)
        {
            var ip = allocator.AllocateNext(IPFamily.IPv4);
            Assert.True(ip.GetAddressBytes()[3] > 16, ip.ToString());
        }

        for (var i = 0; i < 16; i++)
        {
            Assert.True(allocator.AllocateNext(IPFamily.IPv4).GetAddressBytes()[3] <= 16);
        }

        var full = Assert.Throws<AllocationException>(() => allocator.AllocateNext(IPFamily.IPv4));
        Assert.Equal((AllocationError.Full, "range is full"), (full.Error, full.Message));
        Assert.False(allocator.TryAllocateNext(IPFamily.IPv6, out _));
    }

    [Fact]
    public void ASlash64HandsOutDistinctAddressesInsideIt()
    {
        var allocator = With(Cidr("v6", "fd00:1:2:3::/64"));
        var cidr = ServiceCidr.Parse("fd00:1:2:3::/64");
        var seen = new HashSet<IPAddress>();
        for (var i = 0; i < 5000; i++)
        {
            var ip = allocator.AllocateNext(IPFamily.IPv6, s_web);
            Assert.True(seen.Add(ip));
            Assert.Equal(cidr, new ServiceCidr(Mask64(ip), 64));
        }

        Assert.Equal(5000, allocator.UsedOf(IPFamily.IPv6));
        Assert.All(allocator.ListIPAddresses(), o => Assert.Equal(s_web, o.ParentRef));
    }

    [Fact]
    public void ALargeBandStaysCorrectAcrossTheSparseDenseSwitchBothWays()
    {
        // A /15 has an upper band of 130,814 addresses: sparse at first, dense from half full.
        var allocator = With(Cidr("a", "10.0.0.0/15"));
        var seen = new HashSet<UInt128>();
        while (allocator.TryAllocateNextValue(IPFamily.IPv4, out var value))
        {
            Assert.True(seen.Add(value));
        }

        Assert.Equal(131_070, seen.Count);
        foreach (var value in seen)
        {
            Assert.True(allocator.ReleaseValue(IPFamily.IPv4, value));
        }

        Assert.Equal(0, allocator.Used);
        Assert.True(allocator.TryAllocateNextValue(IPFamily.IPv4, out _));
    }

    [Fact]
    public void ADeletedRangeInUseStaysTerminatingUntilItsLastSoleAddressIsReleased()
    {
        var clock = new ManualClock { Now = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero) };
        var allocator = new ServiceCidrAllocator(new Random(1), clock);
        allocator.AddServiceCidr(Cidr("a", "10.0.0.0/28"));
        var ip = allocator.AllocateNext(IPFamily.IPv4);
        clock.Now += TimeSpan.FromMinutes(1);

        Assert.False(allocator.DeleteServiceCidr("a"));
        var terminating = allocator.GetServiceCidr("a")!;
        Assert.Equal(clock.GetUtcNow(), terminating.DeletionTimestamp);
        var condition = Assert.Single(terminating.Conditions);
        Assert.Equal(
            ("Ready", "False", "Terminating", "There are still IPAddresses referencing the ServiceCIDR, please remove them or create a new ServiceCIDR"),
            (condition.Type, condition.Status, condition.Reason, condition.Message));
        Assert.Equal(clock.GetUtcNow(), condition.LastTransitionTime);

        // No new addresses from a terminating range, specific or next.
        Assert.False(allocator.TryAllocateNext(IPFamily.IPv4, out _));
        Assert.False(allocator.TryAllocate(IPAddress.Parse("10.0.0.1").Equals(ip) ? IPAddress.Parse("10.0.0.2") : IPAddress.Parse("10.0.0.1"), out var error));
        Assert.Equal(AllocationError.NotInRange, error);
        Assert.False(allocator.DeleteServiceCidr("a"));

        Assert.True(allocator.Release(ip));
        Assert.Null(allocator.GetServiceCidr("a"));
        Assert.Empty(allocator.ServiceCidrs);
    }

    [Fact]
    public void ARangeCoveredByAnotherServiceCidrIsRemovedAtOnce()
    {
        var allocator = With(Cidr("small", "10.0.0.0/24"), Cidr("big", "10.0.0.0/16"));
        allocator.Allocate(IPAddress.Parse("10.0.0.7"));
        Assert.True(allocator.DeleteServiceCidr("small"));
        Assert.True(allocator.IsAllocated(IPAddress.Parse("10.0.0.7")));
        Assert.Equal(["big"], allocator.ServiceCidrs.Select(o => o.Name));
    }

    [Fact]
    public void AddingACoveringServiceCidrCompletesAPendingDeletion()
    {
        var allocator = With(Cidr("a", "10.0.0.0/24"));
        allocator.Allocate(IPAddress.Parse("10.0.0.7"));
        Assert.False(allocator.DeleteServiceCidr("a"));
        allocator.AddServiceCidr(Cidr("b", "10.0.0.0/23"));
        Assert.Null(allocator.GetServiceCidr("a"));
        Assert.True(allocator.IsAllocated(IPAddress.Parse("10.0.0.7")));
    }

    [Fact]
    public void BadServiceCidrOperationsFailWithUpstreamTextsAndChangeNothing()
    {
        var allocator = With(Cidr("a", "10.0.0.0/24"));
        var before = allocator.Snapshot();

        var invalid = Assert.Throws<NetworkingValidationException>(() => allocator.AddServiceCidr(Cidr("b", "10.0.0.0/24", "10.1.0.0/24")));
        Assert.Equal(
            "ServiceCIDR.networking.k8s.io \"b\" is invalid: spec.cidrs: Invalid value: [\"10.0.0.0/24\",\"10.1.0.0/24\"]: may specify no more than one IP for each IP family, i.e 192.168.0.0/24 and 2001:db8::/64",
            invalid.Message);
        var exists = Assert.Throws<ServiceCidrException>(() => allocator.AddServiceCidr(Cidr("a", "10.9.0.0/24")));
        Assert.Equal((ServiceCidrError.AlreadyExists, "servicecidrs.networking.k8s.io \"a\" already exists"), (exists.Error, exists.Message));
        var tooLarge = Assert.Throws<ServiceCidrException>(() => allocator.AddServiceCidr(Cidr("v6", "fd00::/48")));
        Assert.Equal((ServiceCidrError.PrefixTooShort, "shortest allowed prefix length for service CIDR is 64, got 48"), (tooLarge.Error, tooLarge.Message));
        var missing = Assert.Throws<ServiceCidrException>(() => allocator.DeleteServiceCidr("nope"));
        Assert.Equal((ServiceCidrError.NotFound, "servicecidrs.networking.k8s.io \"nope\" not found"), (missing.Error, missing.Message));
        Assert.Throws<NetworkingValidationException>(() => allocator.UpdateServiceCidr(Cidr("a", "10.0.0.0/23")));
        Assert.Throws<ServiceCidrException>(() => allocator.UpdateServiceCidr(Cidr("a", "10.0.0.0/24", "fd00::/32")));

        Assert.Equal(before, allocator.Snapshot());
    }

    [Fact]
    public void TheDefaultServiceCidrCanGainASecondFamily()
    {
        var allocator = With(ServiceCidrObject.CreateDefault(ServiceCidr.Parse("10.96.0.0/12")));
        Assert.False(allocator.TryAllocateNext(IPFamily.IPv6, out _));
        var updated = allocator.UpdateServiceCidr(ServiceCidrObject.CreateDefault(ServiceCidr.Parse("10.96.0.0/12"), ServiceCidr.Parse("fd00::/108")));
        Assert.Equal(["10.96.0.0/12", "fd00::/108"], updated.Cidrs.ToArray());
        Assert.Equal([ServiceCidrObject.ProtectionFinalizer], updated.Finalizers.ToArray());
        Assert.True(allocator.TryAllocateNext(IPFamily.IPv6, out var ip));
        Assert.StartsWith("fd00::", ip.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void SnapshotListsObjectsByNameAndRestoreRebuildsTheSameState()
    {
        var allocator = With(Cidr("b", "10.0.0.0/24"), Cidr("a", "fd00::/64"));
        allocator.Allocate(IPAddress.Parse("10.0.0.2"), s_web);
        allocator.Allocate(IPAddress.Parse("10.0.0.10"));
        allocator.Allocate(IPAddress.Parse("fd00::abcd"), s_web);
        allocator.DeleteServiceCidr("b");

        var state = allocator.Snapshot();
        Assert.Equal(["a", "b"], state.ServiceCidrs.Select(o => o.Name));
        Assert.Equal(["10.0.0.10", "10.0.0.2", "fd00::abcd"], state.IPAddresses.Select(o => o.Name));
        var first = state.IPAddresses[0];
        Assert.Null(first.ParentRef);
        Assert.Equal("IPv4", first.Labels[IPAddressObject.FamilyLabel]);
        Assert.Equal("ipallocator.k8s.io", first.Labels[IPAddressObject.ManagedByLabel]);

        var restored = ServiceCidrAllocator.Restore(state, new Random(3));
        Assert.Equal(state, restored.Snapshot());
        Assert.False(restored.TryAllocate(IPAddress.Parse("10.0.0.3"), out _));
        Assert.True(restored.Release(IPAddress.Parse("10.0.0.2")));
        Assert.True(restored.Release(IPAddress.Parse("10.0.0.10")));
        Assert.Null(restored.GetServiceCidr("b"));
    }

    [Fact]
    public void RestoreRefusesCorruptAddressesAndChangesNothingOutside()
    {
        var nonCanonical = new ServiceCidrAllocatorState { IPAddresses = [new IPAddressObject { Name = "FD00::1" }] };
        var error = Assert.Throws<AllocationException>(() => ServiceCidrAllocator.Restore(nonCanonical));
        Assert.Equal(AllocationError.CorruptSnapshot, error.Error);
        Assert.Contains("must be in canonical form (\"fd00::1\")", error.Message, StringComparison.Ordinal);
        var twice = new ServiceCidrAllocatorState { IPAddresses = [new IPAddressObject { Name = "10.0.0.1" }, new IPAddressObject { Name = "10.0.0.1" }] };
        Assert.Equal(AllocationError.CorruptSnapshot, Assert.Throws<AllocationException>(() => ServiceCidrAllocator.Restore(twice)).Error);
        var empty = ServiceCidrAllocator.Restore(new ServiceCidrAllocatorState { ServiceCidrs = default, IPAddresses = default });
        Assert.Equal(0, empty.Used);
    }

    [Fact]
    public void OrphanedAddressesCanStillBeReleased()
    {
        var allocator = ServiceCidrAllocator.Restore(new ServiceCidrAllocatorState { IPAddresses = [new IPAddressObject { Name = "192.168.0.9" }] });
        Assert.True(allocator.IsAllocated(IPAddress.Parse("192.168.0.9")));
        Assert.True(allocator.Release(IPAddress.Parse("192.168.0.9")));
        Assert.False(allocator.Release(IPAddress.Parse("192.168.0.9")));
    }

    [Fact]
    public void ARangeKeepsExactCountsWhileAnotherRangeComesToCoverItAndGoesAgain()
    {
        // The /29 hands out .1-.6 alone (its shortcut path), then the /28 (.1-.14) covers it, then goes.
        var allocator = With(Cidr("inner", "10.0.0.0/29"));
        var inner = Enumerable.Range(0, 6).Select(_ => allocator.AllocateNext(IPFamily.IPv4)).ToList();
        Assert.False(allocator.TryAllocateNext(IPFamily.IPv4, out _));

        allocator.AddServiceCidr(Cidr("outer", "10.0.0.0/28"));
        Assert.True(allocator.Release(inner[0]));
        Assert.False(allocator.Release(inner[0]));
        var more = new List<IPAddress>();
        while (allocator.TryAllocateNext(IPFamily.IPv4, out var ip, s_web))
        {
            more.Add(ip);
        }

        Assert.Equal(9, more.Count);
        Assert.Equal(14, allocator.UsedOf(IPFamily.IPv4));
        Assert.All(allocator.ListIPAddresses(), o => Assert.Equal(more.Contains(IPAddress.Parse(o.Name)) ? s_web : null, o.ParentRef));

        foreach (var ip in more.Where(ip => ip.GetAddressBytes()[3] > 6).ToList())
        {
            Assert.True(allocator.Release(ip));
            more.Remove(ip);
        }

        Assert.True(allocator.DeleteServiceCidr("outer"));
        var back = Assert.Single(more);
        Assert.True(allocator.Release(back));
        Assert.False(allocator.Release(back));
        Assert.Equal(5, allocator.UsedOf(IPFamily.IPv4));
        Assert.Equal(back, allocator.AllocateNext(IPFamily.IPv4));
        Assert.False(allocator.TryAllocateNext(IPFamily.IPv4, out _));
        Assert.Equal(6, allocator.ListIPAddresses().Length);
    }

    [Fact]
    public void Names_of_a_megabyte_give_short_messages()
    {
        var name = new string('q', 1_000_000);
        var allocator = new ServiceCidrAllocator(new Random(1));

        var added = Assert.Throws<NetworkingValidationException>(() => allocator.AddServiceCidr(new ServiceCidrObject { Name = name, Cidrs = ["10.5.0.0/24"] }));
        Assert.StartsWith("ServiceCIDR.networking.k8s.io \"qqqq", added.Message, StringComparison.Ordinal);
        Assert.InRange(added.Message.Length, 1, 4_000);
        Assert.Equal(name, added.ObjectName);

        var updated = Assert.Throws<ServiceCidrException>(() => allocator.UpdateServiceCidr(new ServiceCidrObject { Name = name, Cidrs = ["10.5.0.0/24"] }));
        Assert.InRange(updated.Message.Length, 1, 4_000);

        var restored = Assert.Throws<AllocationException>(() => ServiceCidrAllocator.Restore(new ServiceCidrAllocatorState { IPAddresses = [new IPAddressObject { Name = new string('1', 1_000_000) }] }));
        Assert.InRange(restored.Message.Length, 1, 4_000);
    }

    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; }

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static IPAddress Mask64(IPAddress ip)
    {
        var bytes = ip.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes);
    }
}
