namespace ServiceModel.Allocation;

// The multi-CIDR allocator's source of random choices: SplitMix64 (a 64-bit counter through a
// strong mixer), seeded once from the injected Random so a seeded Random still makes every run
// reproducible. Random.NextInt64 over a 64-bit bound costs several calls of the seeded legacy
// generator; this costs a few multiplications. Not thread-safe: the owning allocator's lock guards it.
internal sealed class AddressRandom
{
    private ulong _state;

    public AddressRandom(Random seed)
    {
        _state = unchecked((ulong)seed.NextInt64(long.MinValue, long.MaxValue));
    }

    public ulong NextUInt64()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    // Uniform in [0, bound) for any 64-bit bound by multiply-shift; the bias (at most bound / 2^64
    // per value) is far below anything observable, and there is no rejection loop.
    public ulong NextBelow(ulong bound) => Math.BigMul(NextUInt64(), bound, out _);

    public int NextBelow(int bound) => (int)NextBelow((ulong)bound);
}
