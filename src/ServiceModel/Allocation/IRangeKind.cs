namespace ServiceModel.Allocation;

/// <summary>
/// What <see cref="RangeAllocatorCore{TRange, TValue, TKind}"/> needs to know about one kind of
/// range: its size and static band, how its values map to bitmap offsets, and the words its
/// messages use. Implemented by an empty struct per public allocator, so every call is static.
/// </summary>
internal interface IRangeKind<TRange, TValue>
    where TRange : struct, ISpanParsable<TRange>, IEquatable<TRange>
{
    /// <summary>The plural noun for the range's values in messages ("addresses", "ports").</summary>
    static abstract string Unit { get; }

    /// <summary>Upstream's text when a snapshot names another range.</summary>
    static abstract string MismatchMessage { get; }

    static abstract int CapacityOf(TRange range);

    /// <summary>Upstream's <c>calculateRangeOffset</c>.</summary>
    static abstract int StaticBandSizeOf(TRange range);

    /// <summary>The offset of <paramref name="value"/>, or -1 when the range cannot hand it out.</summary>
    static abstract long OffsetOf(TRange range, TValue value);

    static abstract TValue ValueAt(TRange range, int offset);
}
