using System.Buffers.Binary;
using System.Net;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ServiceModel.Allocation;
using ServiceModel.Networking;

namespace ServiceModel.Tests.Allocation;

/// <summary>
/// The multi-CIDR allocator against a naive model (a HashSet of addresses and a dictionary of
/// ServiceCIDR objects) under random sequences of allocate, allocate-specific, release, add-range,
/// delete-range and snapshot/restore, with ranges added and removed mid-sequence.
/// </summary>
public class ServiceCidrAllocatorModelTests
{
    // Overlapping and nested ranges of both families, small ones that fill up, and a sparse /64.
    private static readonly string[][] s_objects =
    [
        ["10.0.0.0/28"],
        ["10.0.0.0/27"],
        ["10.0.0.16/28"],
        ["10.0.0.0/24"],
        ["fd00::/124"],
        ["fd00::/120"],
        ["fd00:1::/64"],
        ["10.0.0.0/30"],
        ["10.0.0.0/28", "fd00::/124"],
    ];

    private static readonly string[] s_cidrs = [.. s_objects.SelectMany(o => o).Distinct()];

    private enum Kind
    {
        Add,
        Delete,
        Next,
        Specific,
        Release,
        RoundTrip,
    }

    private static Gen<(Kind Kind, int A, int B)> Operation { get; } =
        from kind in Gen.Frequency(
            (2, Gen.Constant(Kind.Add)),
            (1, Gen.Constant(Kind.Delete)),
            (5, Gen.Constant(Kind.Next)),
            (3, Gen.Constant(Kind.Specific)),
            (4, Gen.Constant(Kind.Release)),
            (1, Gen.Constant(Kind.RoundTrip)))
        from a in Gen.Choose(0, 1000)
        from b in Gen.Choose(0, 300)
        select (kind, a, b);

    [Property(MaxTest = 150)]
    public Property BehavesLikeTheModel() => BehavesLikeTheModelWith(ServiceCidrAllocator.DefaultStoreLimit);

    // A store limit of 40 addresses mixes both representations over the same addresses: the /28s,
    // the /27 and /30 and fd00::/124 keep their addresses in bitmaps while the /24, fd00::/120 and
    // the /64 around them leave theirs in the hash set, so adding or deleting a range moves live
    // addresses between the two mid-sequence.
    [Property(MaxTest = 150)]
    public Property BehavesLikeTheModelWithBitmapAndHashSetRangesOverlapping() => BehavesLikeTheModelWith(40);

    private static Property BehavesLikeTheModelWith(ulong storeLimit)
        => Prop.ForAll(Gen.ListOf(Operation).Select(l => l.Take(80).ToArray()).ToArbitrary(), Gen.Choose(0, 10_000).ToArbitrary(), (ops, seed) =>
        {
            var allocator = new ServiceCidrAllocator(new Random(seed), null, storeLimit);
            var model = new Model();
            foreach (var (kind, a, b) in ops)
            {
                Step(ref allocator, model, kind, a, b, seed, storeLimit);
                model.Check(allocator);
            }
        });

    private static void Step(ref ServiceCidrAllocator current, Model model, Kind kind, int a, int b, int seed, ulong storeLimit)
    {
        var allocator = current;
        switch (kind)
        {
            case Kind.Add:
            {
                var index = a % s_objects.Length;
                var name = "o" + index;
                var add = () => allocator.AddServiceCidr(new ServiceCidrObject { Name = name, Cidrs = [.. s_objects[index]] });
                if (model.Objects.ContainsKey(name))
                {
                    Assert.Equal(ServiceCidrError.AlreadyExists, Assert.Throws<ServiceCidrException>(add).Error);
                }
                else
                {
                    add();
                    model.Objects[name] = (s_objects[index], false);
                    model.RemoveFinished();
                }

                break;
            }

            case Kind.Delete:
            {
                var name = "o" + (a % s_objects.Length);
                if (!model.Objects.TryGetValue(name, out var entry))
                {
                    Assert.Equal(ServiceCidrError.NotFound, Assert.Throws<ServiceCidrException>(() => allocator.DeleteServiceCidr(name)).Error);
                    break;
                }

                model.Objects[name] = (entry.Cidrs, true);
                model.RemoveFinished();
                Assert.Equal(!model.Objects.ContainsKey(name), allocator.DeleteServiceCidr(name));
                break;
            }

            case Kind.Next:
            {
                var family = a % 2 == 0 ? IPFamily.IPv4 : IPFamily.IPv6;
                var expectFree = model.HasFree(family);
                var allocated = allocator.TryAllocateNext(family, out var ip);
                Assert.Equal(expectFree, allocated);
                if (allocated)
                {
                    var value = Value(ip!);
                    Assert.True(model.InReadyRange(family, value), $"{ip} is not in a ready range");
                    Assert.True(model.Allocated.Add((family, value)), $"{ip} was handed out twice");
                }

                break;
            }

            case Kind.Specific:
            {
                var cidr = ServiceCidr.Parse(s_cidrs[a % s_cidrs.Length]);
                var network = Value(cidr.NetworkAddress);
                var hostBits = (cidr.Family == IPFamily.IPv6 ? 128 : 32) - cidr.PrefixLength;
                var total = UInt128.One << hostBits;

                // Offsets near both ends of the range (network address and broadcast included), or spread over a /64.
                var offset = hostBits >= 40 ? ((UInt128)(ulong)b << 40) + (ulong)b : b % 2 == 0 ? (UInt128)(ulong)(b / 2) % total : total - 1 - ((ulong)(b / 2) % total);
                var value = network + offset;
                var family = cidr.Family;
                var expected = model.InReadyRange(family, value) && !model.Allocated.Contains((family, value));
                var ok = allocator.TryAllocate(ToAddress(value, family), out var error);
                Assert.Equal(expected, ok);
                if (ok)
                {
                    model.Allocated.Add((family, value));
                }
                else
                {
                    Assert.Equal(model.InReadyRange(family, value) ? AllocationError.AlreadyAllocated : AllocationError.NotInRange, error);
                }

                break;
            }

            case Kind.Release:
            {
                var list = model.Allocated.OrderBy(x => x.Family).ThenBy(x => x.Value).ToList();
                (IPFamily Family, UInt128 Value) target = list.Count > 0 && b % 5 != 0 ? list[a % list.Count] : (IPFamily.IPv4, Value(IPAddress.Parse("10.0.0.3")));
                var expected = model.Allocated.Remove(target);
                Assert.Equal(expected, allocator.Release(ToAddress(target.Value, target.Family)));
                model.RemoveFinished();
                break;
            }

            default:
                current = ServiceCidrAllocator.Restore(allocator.Snapshot(), new Random(seed + a), null, storeLimit);
                break;
        }
    }

    private sealed class Model
    {
        public Dictionary<string, (string[] Cidrs, bool Deleting)> Objects { get; } = [];

        public HashSet<(IPFamily Family, UInt128 Value)> Allocated { get; } = [];

        public bool InReadyRange(IPFamily family, UInt128 value)
            => Objects.Values.Any(o => !o.Deleting && o.Cidrs.Any(c => Covers(c, family, value)));

        public bool HasFree(IPFamily family)
        {
            foreach (var (cidrs, deleting) in Objects.Values)
            {
                if (deleting)
                {
                    continue;
                }

                foreach (var text in cidrs)
                {
                    var cidr = ServiceCidr.Parse(text);
                    if (cidr.Family != family)
                    {
                        continue;
                    }

                    if (cidr.PrefixLength <= 64 && family == IPFamily.IPv6)
                    {
                        return true;
                    }

                    var network = Value(cidr.NetworkAddress);
                    var total = (ulong)1 << ((family == IPFamily.IPv6 ? 128 : 32) - cidr.PrefixLength);
                    for (ulong offset = 1; offset < total; offset++)
                    {
                        if (Covers(text, family, network + offset) && !Allocated.Contains((family, network + offset)))
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }

        // The servicecidrs controller: a deleting object goes once no allocated address is covered by it alone.
        public void RemoveFinished()
        {
            while (true)
            {
                var done = Objects.Where(o => o.Value.Deleting && !Allocated.Any(a => SoleOwner(a) == o.Key)).Select(o => o.Key).ToList();
                if (done.Count == 0)
                {
                    return;
                }

                done.ForEach(name => Objects.Remove(name));
            }
        }

        public void Check(ServiceCidrAllocator allocator)
        {
            foreach (var family in new[] { IPFamily.IPv4, IPFamily.IPv6 })
            {
                Assert.Equal(Allocated.Count(a => a.Family == family), allocator.UsedOf(family));
            }

            var objects = allocator.ServiceCidrs;
            Assert.Equal(Objects.Keys.Order(StringComparer.Ordinal), objects.Select(o => o.Name));
            foreach (var stored in objects)
            {
                var deleting = Objects[stored.Name].Deleting;
                Assert.Equal(deleting, stored.DeletionTimestamp is not null);
                var ready = Assert.Single(stored.Conditions, c => c.Type == ServiceCidrCondition.Ready);
                Assert.Equal(deleting ? "Terminating" : "", ready.Reason);
            }

            Assert.All(Allocated, a => Assert.True(allocator.IsAllocated(ToAddress(a.Value, a.Family))));
            var listed = allocator.ListIPAddresses().Select(o => IPAddress.Parse(o.Name)).Select(ip => (ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? IPFamily.IPv4 : IPFamily.IPv6, Value(ip)));
            Assert.True(Allocated.SetEquals(listed), "the IPAddress objects listed are not the allocated addresses");
        }

        private string? SoleOwner((IPFamily Family, UInt128 Value) address)
        {
            var owners = Objects.Where(o => o.Value.Cidrs.Any(c => Covers(c, address.Family, address.Value))).Select(o => o.Key).ToList();
            return owners.Count == 1 ? owners[0] : null;
        }
    }

    // Upstream's PrefixContainsIP: inside the prefix, not its network address, not the IPv4 broadcast.
    private static bool Covers(string text, IPFamily family, UInt128 value)
    {
        var cidr = ServiceCidr.Parse(text);
        if (cidr.Family != family)
        {
            return false;
        }

        var network = Value(cidr.NetworkAddress);
        var hostBits = (family == IPFamily.IPv6 ? 128 : 32) - cidr.PrefixLength;
        var last = network + ((UInt128.One << hostBits) - 1);
        return value > network && value <= last && (family == IPFamily.IPv6 || value != last);
    }

    private static UInt128 Value(IPAddress ip)
    {
        var bytes = ip.GetAddressBytes();
        return bytes.Length == 4 ? BinaryPrimitives.ReadUInt32BigEndian(bytes) : BinaryPrimitives.ReadUInt128BigEndian(bytes);
    }

    private static IPAddress ToAddress(UInt128 value, IPFamily family)
    {
        var bytes = new byte[family == IPFamily.IPv6 ? 16 : 4];
        if (family == IPFamily.IPv6)
        {
            BinaryPrimitives.WriteUInt128BigEndian(bytes, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt32BigEndian(bytes, (uint)value);
        }

        return new IPAddress(bytes);
    }
}
