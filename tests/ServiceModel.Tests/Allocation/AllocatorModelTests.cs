using System.Collections.Immutable;
using FsCheck;
using FsCheck.Experimental;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ServiceModel.Allocation;
using ServiceModel.Tests.Properties;

namespace ServiceModel.Tests.Allocation;

/// <summary>
/// Model-based tests: each allocator against a sorted set plus a naive, bit-by-bit rendering of
/// upstream's random scan with offset that replays the same seeded random draws.
/// </summary>
public class AllocatorModelTests
{
    // Small ranges with a static band, so runs reach both bands and Full.
    private static readonly (string Kind, string Range)[] s_ranges =
    [
        ("ip", "10.0.0.0/27"),   // 30 addresses, band 16
        ("ip", "fd00::/123"),    // 31 addresses, band 16
        ("ip", "10.0.0.0/28"),   // 14 addresses, no band
        ("port", "30000-30039"), // 40 ports, band 16
        ("port", "100-109"),     // 10 ports, no band
    ];

    private static AllocatorUnderTest Build(int rangeIndex, Random random)
    {
        var (kind, range) = s_ranges[rangeIndex];
        return kind == "ip" ? AllocatorUnderTest.ClusterIPs(range, random) : AllocatorUnderTest.NodePorts(range, random);
    }

    /// <summary>The model: allocated offsets, the seed, and the bounds of every random draw so far.</summary>
    public sealed record Model(int RangeIndex, int Seed, int Capacity, int Band, ImmutableSortedSet<int> Allocated, ImmutableList<int> Draws, int? LastNext)
    {
        /// <summary>Upstream's strategy, naively: the upper band from a random start, wrapping; then the lower band.</summary>
        public Model AllocateNext()
        {
            if (Allocated.Count >= Capacity)
            {
                return this with { LastNext = null };
            }

            var random = new Random(Seed);
            foreach (var bound in Draws)
            {
                random.Next(bound);
            }

            var draws = Draws;
            var upper = Capacity - Band;
            var start = random.Next(upper);
            draws = draws.Add(upper);
            for (var i = 0; i < upper; i++)
            {
                var at = Band + ((start + i) % upper);
                if (!Allocated.Contains(at))
                {
                    return this with { Allocated = Allocated.Add(at), Draws = draws, LastNext = at };
                }
            }

            start = random.Next(Band);
            draws = draws.Add(Band);
            for (var i = 0; i < Band; i++)
            {
                var at = (start + i) % Band;
                if (!Allocated.Contains(at))
                {
                    return this with { Allocated = Allocated.Add(at), Draws = draws, LastNext = at };
                }
            }

            throw new InvalidOperationException("the model's count says a value is free");
        }

        public override string ToString() => $"{s_ranges[RangeIndex].Range} [{string.Join(",", Allocated)}]";
    }

    private sealed class AllocatorMachine() : Machine<AllocatorUnderTest, Model>(24)
    {
        public override Arbitrary<Setup<AllocatorUnderTest, Model>> Setup =>
            (from range in Gen.Choose(0, s_ranges.Length - 1)
             from seed in Gen.Choose(0, int.MaxValue)
             select (Setup<AllocatorUnderTest, Model>)new AllocatorSetup(range, seed)).ToArbitrary();

        public override Gen<Operation<AllocatorUnderTest, Model>> Next(Model model)
        {
            var index = Gen.Choose(-1, model.Capacity);
            return Gen.Frequency(
                (3, index.Select(i => (Operation<AllocatorUnderTest, Model>)new AllocateOperation(i))),
                (5, Gen.Constant((Operation<AllocatorUnderTest, Model>)new AllocateNextOperation())),
                (3, index.Select(i => (Operation<AllocatorUnderTest, Model>)new ReleaseOperation(i))),
                (1, Gen.Constant((Operation<AllocatorUnderTest, Model>)new SnapshotRestoreOperation())));
        }
    }

    private sealed class AllocatorSetup(int rangeIndex, int seed) : Setup<AllocatorUnderTest, Model>
    {
        public override AllocatorUnderTest Actual() => Build(rangeIndex, new Random(seed));

        public override Model Model()
        {
            var probe = Build(rangeIndex, new Random(seed));
            return new Model(rangeIndex, seed, probe.Capacity, probe.StaticBandSize, [], [], null);
        }

        public override string ToString() => $"{s_ranges[rangeIndex].Range} seed {seed}";
    }

    private static bool SameState(AllocatorUnderTest actual, Model model)
        => actual.Used == model.Allocated.Count
            && actual.Used + actual.Free == model.Capacity
            && actual.Allocated().SequenceEqual(model.Allocated);

    private sealed class AllocateOperation(int index) : Operation<AllocatorUnderTest, Model>
    {
        public override Model Run(Model model)
            => index >= 0 && index < model.Capacity ? model with { Allocated = model.Allocated.Add(index) } : model;

        public override Property Check(AllocatorUnderTest actual, Model model)
        {
            // Run already applied this operation to the model.
            var inRange = index >= 0 && index < model.Capacity;
            var wasFree = inRange && !actual.IsAllocated(index);
            var ok = actual.TryAllocate(index, out var error);
            var expected = ok ? wasFree : (inRange ? !wasFree && error == AllocationError.AlreadyAllocated : error == AllocationError.NotInRange);
            return (expected && SameState(actual, model)).Label($"Allocate({index}) -> {ok}/{error}");
        }

        public override string ToString() => $"Allocate({index})";
    }

    private sealed class AllocateNextOperation : Operation<AllocatorUnderTest, Model>
    {
        public override Model Run(Model model) => model.AllocateNext();

        public override Property Check(AllocatorUnderTest actual, Model model)
        {
            var next = actual.TryAllocateNext();
            return (next == model.LastNext && SameState(actual, model)).Label($"AllocateNext -> {next}, model {model.LastNext}");
        }

        public override string ToString() => "AllocateNext";
    }

    private sealed class ReleaseOperation(int index) : Operation<AllocatorUnderTest, Model>
    {
        public override Model Run(Model model) => model with { Allocated = model.Allocated.Remove(index) };

        public override Property Check(AllocatorUnderTest actual, Model model)
        {
            var wasAllocated = actual.IsAllocated(index);
            var released = actual.Release(index);
            return (released == wasAllocated && SameState(actual, model)).Label($"Release({index}) -> {released}");
        }

        public override string ToString() => $"Release({index})";
    }

    private sealed class SnapshotRestoreOperation : Operation<AllocatorUnderTest, Model>
    {
        public override Model Run(Model model) => model;

        public override Property Check(AllocatorUnderTest actual, Model model)
        {
            actual.SnapshotAndRestore();
            return SameState(actual, model).Label("Snapshot -> Restore");
        }

        public override string ToString() => "SnapshotRestore";
    }

    [Property(MaxTest = 150)]
    public Property Allocators_behave_like_the_set_model() => StateMachine.ToProperty(new AllocatorMachine());

    [Property(MaxTest = 100)]
    public Property AllocateNext_fills_the_range_in_exactly_Capacity_calls()
        => Prop.ForAll(Gen.Choose(0, s_ranges.Length - 1).ToArbitrary(), Gen.Choose(0, int.MaxValue).ToArbitrary(), (range, seed) =>
        {
            var allocator = Build(range, new Random(seed));
            var seen = new HashSet<int>();
            for (var i = 0; i < allocator.Capacity; i++)
            {
                if (allocator.TryAllocateNext() is not { } next || !seen.Add(next) || allocator.Used + allocator.Free != allocator.Capacity)
                {
                    return false;
                }
            }

            return allocator.TryAllocateNext() is null && allocator.Free == 0;
        });
}
