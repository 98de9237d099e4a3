using System.Runtime.CompilerServices;

namespace ServiceModel.Allocation;

// The allocators' lock: test-and-test-and-set on one int, backing off with SpinWait (which yields
// and then sleeps, so a waiter behind a long operation does not burn a core). An uncontended round
// trip is one interlocked exchange to enter and a release store to leave, about half of Lock's
// cost, which dominated the allocators' hot paths. Not reentrant: no holder may enter again.
// A mutable struct: keep it in a non-readonly field and call it on that field.
internal struct SpinGate
{
    // 1 while a thread holds the gate.
    private int _held;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Enter()
    {
        if (Interlocked.CompareExchange(ref _held, 1, 0) != 0)
        {
            EnterContended();
        }
    }

    // A release store: the critical section's writes are visible before the gate reads as free.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Exit() => Volatile.Write(ref _held, 0);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void EnterContended()
    {
        var spinner = default(SpinWait);
        do
        {
            spinner.SpinOnce();
        }
        while (Volatile.Read(ref _held) != 0 || Interlocked.CompareExchange(ref _held, 1, 0) != 0);
    }
}
