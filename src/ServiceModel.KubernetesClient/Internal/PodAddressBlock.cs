using System.Numerics;

namespace ServiceModel.KubernetesClient.Internal;

// One node's block of the pod network as the host-local IPAM plugin (kind's) hands it out: host
// offsets from 2 (.0 is the network, .1 the bridge's gateway) to the one before the broadcast.
// host-local is round-robin: each search starts after the last address it reserved and wraps, so
// a released address comes back only after the rest of the block. Held offsets are one bit each,
// grown on demand so a wide block costs nothing until its pods need it.
internal sealed class PodAddressBlock
{
    private const long FirstHost = 2;
    private readonly long _lastHost;
    private ulong[] _held = [];
    private long _lastReserved = FirstHost - 1;

    public PodAddressBlock(int hostBits) => _lastHost = (1L << hostBits) - 2;

    public long Count { get; private set; }

    public long Capacity => _lastHost - FirstHost + 1;

    public bool TryReserve(out long host)
    {
        host = Count >= Capacity ? -1 : FirstFree(_lastReserved + 1, _lastHost);
        if (host < 0 && Count < Capacity)
        {
            host = FirstFree(FirstHost, _lastReserved);
        }

        if (host < 0)
        {
            return false;
        }

        var word = (int)(host >> 6);
        if (word >= _held.Length)
        {
            Array.Resize(ref _held, Math.Max(word + 1, _held.Length * 2));
        }

        _held[word] |= 1UL << (int)(host & 63);
        _lastReserved = host;
        Count++;
        return true;
    }

    // Takes a given address (a pod observed with it), without moving the round-robin start: the
    // plugin handed it out in a past this model does not replay.
    public bool TryReserve(long host)
    {
        if (host < FirstHost || host > _lastHost)
        {
            return false;
        }

        var word = (int)(host >> 6);
        if (word >= _held.Length)
        {
            Array.Resize(ref _held, Math.Max(word + 1, _held.Length * 2));
        }

        var bit = 1UL << (int)(host & 63);
        if ((_held[word] & bit) != 0)
        {
            return false;
        }

        _held[word] |= bit;
        Count++;
        return true;
    }

    public void Release(long host)
    {
        var word = (int)(host >> 6);
        var bit = 1UL << (int)(host & 63);
        if (word < _held.Length && (_held[word] & bit) != 0)
        {
            _held[word] &= ~bit;
            Count--;
        }
    }

    public IEnumerable<long> Held()
    {
        for (var word = 0; word < _held.Length; word++)
        {
            for (var bits = _held[word]; bits != 0; bits &= bits - 1)
            {
                yield return ((long)word << 6) + BitOperations.TrailingZeroCount(bits);
            }
        }
    }

    private long FirstFree(long from, long to)
    {
        for (var host = from; host <= to;)
        {
            var word = (int)(host >> 6);
            if (word >= _held.Length)
            {
                return host;
            }

            var free = ~_held[word] & (ulong.MaxValue << (int)(host & 63));
            if (free != 0)
            {
                var found = ((long)word << 6) + BitOperations.TrailingZeroCount(free);
                return found <= to ? found : -1;
            }

            host = ((long)word + 1) << 6;
        }

        return -1;
    }
}
