using System.Collections.Concurrent;
using System.Net;
using ServiceModel.Allocation;
using ServiceModel.Networking;

namespace ServiceModel.Tests.Allocation;

/// <summary>Allocation and release from several threads while ServiceCIDRs come and go.</summary>
public class ServiceCidrAllocatorConcurrencyTests
{
    [Fact]
    public async Task NoAddressIsHandedOutTwiceAndEverythingIsReleasedWhileRangesComeAndGo()
    {
        var allocator = new ServiceCidrAllocator(new Random(11));
        allocator.AddServiceCidr(new ServiceCidrObject { Name = "base", Cidrs = ["10.0.0.0/26", "fd00::/64"] });
        var holders = new ConcurrentDictionary<IPAddress, int>();
        var duplicates = 0;
        using var stop = new CancellationTokenSource();

        void Worker(int id)
        {
            var random = new Random(id);
            var mine = new List<IPAddress>();
            for (var i = 0; i < 6000; i++)
            {
                var family = random.Next(3) == 0 ? IPFamily.IPv6 : IPFamily.IPv4;
                if (mine.Count < 40 && random.Next(2) == 0)
                {
                    IPAddress? ip;
                    var ok = random.Next(4) == 0
                        ? allocator.TryAllocate(ip = IPAddress.Parse($"10.{random.Next(1, 4)}.0.{random.Next(1, 255)}"), out _)
                        : allocator.TryAllocateNext(family, out ip);
                    if (ok)
                    {
                        if (!holders.TryAdd(ip!, id))
                        {
                            Interlocked.Increment(ref duplicates);
                        }

                        mine.Add(ip!);
                    }
                }
                else if (mine.Count > 0)
                {
                    var at = random.Next(mine.Count);
                    var ip = mine[at];
                    mine.RemoveAt(at);
                    holders.TryRemove(ip, out _);
                    Assert.True(allocator.Release(ip));
                }
            }

            foreach (var ip in mine)
            {
                holders.TryRemove(ip, out _);
                Assert.True(allocator.Release(ip));
            }
        }

        var ranges = Task.Run(() =>
        {
            var k = 0;
            while (!stop.IsCancellationRequested)
            {
                var name = "extra-" + (k % 3);
                var cidr = $"10.{(k % 3) + 1}.0.0/24";
                if (allocator.GetServiceCidr(name) is null)
                {
                    allocator.AddServiceCidr(new ServiceCidrObject { Name = name, Cidrs = [cidr] });
                }
                else
                {
                    try
                    {
                        allocator.DeleteServiceCidr(name);
                    }
                    catch (ServiceCidrException ex) when (ex.Error == ServiceCidrError.NotFound)
                    {
                        // A terminating object seen above was removed by a worker's release in between.
                    }
                }

                k++;
                Thread.Yield();
            }
        });

        Parallel.For(1, 4, new ParallelOptions { MaxDegreeOfParallelism = 3 }, Worker);
        await stop.CancelAsync();
        await ranges;

        Assert.Equal(0, duplicates);
        Assert.Empty(holders);
        Assert.Equal(0, allocator.Used);
        Assert.Empty(allocator.ListIPAddresses());

        // With every address released, no deleted ServiceCIDR can still be held by its finalizer.
        Assert.All(allocator.ServiceCidrs, o => Assert.Null(o.DeletionTimestamp));
    }
}
