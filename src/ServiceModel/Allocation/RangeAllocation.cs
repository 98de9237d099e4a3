using System.Collections.Immutable;
using System.Text.Json.Serialization;
using ServiceModel.Internal;
using ServiceModel.Serialization;

namespace ServiceModel.Allocation;

/// <summary>
/// A snapshot of an allocator: byte for byte the <c>range</c> and <c>data</c> of Kubernetes'
/// <c>RangeAllocation</c> object for the same allocations.
/// </summary>
/// <param name="Range">The range text: a CIDR such as <c>"10.0.0.0/24"</c> or a port range such as <c>"30000-32767"</c>.</param>
/// <param name="Data">
/// The bitmap as a big-endian unsigned integer without leading zero bytes, bit i set when offset i
/// is allocated; empty when nothing is. A default array (also through <c>with</c>) is read as empty.
/// </param>
[JsonConverter(typeof(RangeAllocationJsonConverter))]
public sealed record RangeAllocation(string Range, ImmutableArray<byte> Data)
{
    private readonly ImmutableArray<byte> _data = Data.IsDefault ? [] : Data;

    /// <summary>The range text: a CIDR such as <c>"10.0.0.0/24"</c> or a port range such as <c>"30000-32767"</c>.</summary>
    /// <exception cref="ArgumentNullException">Set to <see langword="null"/> (also through <see langword="with"/> or the constructor).</exception>
    public string Range { get; init => field = ModelGuard.NotNull(value, nameof(Range)); } = ModelGuard.NotNull(Range, nameof(Range));

    /// <summary>The bitmap bytes (never default: a default array is stored as empty).</summary>
    public ImmutableArray<byte> Data
    {
        get => _data;
        init => _data = value.IsDefault ? [] : value;
    }

    /// <summary>Value equality: same range text and the same bytes.</summary>
    /// <param name="other">The other snapshot.</param>
    public bool Equals(RangeAllocation? other)
        => other is not null
            && string.Equals(Range, other.Range, StringComparison.Ordinal)
            && Data.AsSpan().SequenceEqual(other.Data.AsSpan());

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Range, StringComparer.Ordinal);
        hash.AddBytes(Data.AsSpan());
        return hash.ToHashCode();
    }
}
