using System.Buffers;
using System.Text.Json;

namespace ServiceModel.Serialization;

/// <summary>
/// A <see cref="Utf8JsonWriter"/> over a buffer rented from <see cref="ArrayPool{T}.Shared"/>, one
/// kept per thread, so writing an object allocates only its final text. Rent, write, read
/// <see cref="Written"/>, dispose (which returns the buffer to the pool).
/// </summary>
internal sealed class PooledJsonOutput : IBufferWriter<byte>, IDisposable
{
    [ThreadStatic]
    private static PooledJsonOutput? cached;

    private byte[] _buffer = [];
    private int _written;

    private PooledJsonOutput() => Writer = new Utf8JsonWriter(this);

    /// <summary>The writer onto the pooled buffer.</summary>
    public Utf8JsonWriter Writer { get; }

    /// <summary>What has been written so far into the pooled buffer (flushes the writer).</summary>
    public ReadOnlySpan<byte> Written
    {
        get
        {
            Writer.Flush();
            return _buffer.AsSpan(0, _written);
        }
    }

    /// <summary>An output onto a pooled buffer.</summary>
    public static PooledJsonOutput Rent()
    {
        var output = cached ?? new PooledJsonOutput();
        cached = null;
        return output;
    }

    /// <inheritdoc/>
    public void Advance(int count) => _written += count;

    /// <inheritdoc/>
    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(_written);
    }

    /// <inheritdoc/>
    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(_written);
    }

    /// <summary>Drops what was written, returns the buffer to the pool and the output to this thread's cache.</summary>
    public void Dispose()
    {
        Writer.Reset(this);
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }

        _buffer = [];
        _written = 0;
        cached = this;
    }

    private void Ensure(int sizeHint)
    {
        var needed = _written + Math.Max(sizeHint, 1);
        if (needed <= _buffer.Length)
        {
            return;
        }

        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, Math.Max(4096, _buffer.Length * 2)));
        _buffer.AsSpan(0, _written).CopyTo(larger);
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }

        _buffer = larger;
    }
}
