using System.Buffers;
using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ServiceModel.Serialization;

/// <summary>
/// Reads and writes model objects in the Kubernetes API's own JSON: what <c>kubectl get -o json</c>
/// prints and the API server serves.
/// </summary>
/// <remarks>
/// <para>
/// Supported types: <see cref="Services.Service"/> (<c>v1</c> <c>Service</c>), <see cref="Discovery.Pod"/>
/// (<c>v1</c> <c>Pod</c>), <see cref="Discovery.EndpointSlice"/> (<c>discovery.k8s.io/v1</c>),
/// <see cref="Discovery.Endpoints"/> (<c>v1</c>, legacy), <see cref="Labels.LabelSelectorSpec"/>
/// (<c>metav1.LabelSelector</c>), <see cref="Allocation.RangeAllocation"/>, and the multi-CIDR
/// allocator's objects <see cref="Networking.ServiceCidrObject"/> (<c>networking.k8s.io/v1</c>
/// <c>ServiceCIDR</c>) and <see cref="Networking.IPAddressObject"/> (<c>networking.k8s.io/v1</c>
/// <c>IPAddress</c>), so a <see cref="Allocation.ServiceCidrAllocatorState"/> is written and read as
/// the <c>ServiceCIDRList</c> and <c>IPAddressList</c> the API server serves; lists of the kinds
/// through <see cref="DeserializeList{T}(string)"/> and <see cref="SerializeList{T}(IEnumerable{T})"/>.
/// </para>
/// <para>
/// Field names, enum strings and omission rules are the API's (see docs/interop.md); computed model
/// members are never written; unknown fields are ignored. A read failure is a
/// <see cref="JsonException"/> whose message starts with the JSON path of the fault (for example
/// <c>$.spec.ports[0].port</c>) and says what was expected; its <see cref="JsonException.Path"/>,
/// <see cref="JsonException.LineNumber"/> and <see cref="JsonException.BytePositionInLine"/> are set.
/// The message stays short whatever the input: a property name in the path is cut past 320
/// characters (every valid label or annotation key shows whole) and an offending value past 40.
/// A string or property name that is not Unicode (an escaped unpaired surrogate, bytes that are not
/// UTF-8) is such a failure too, where the API server would read U+FFFD instead.
/// </para>
/// <para>Every member is thread-safe. Nothing here uses reflection: trimming and Native AOT stay warning-free.</para>
/// </remarks>
public static class KubernetesJson
{
    private static readonly JsonSerializerOptions SharedOptions = CreateOptions();

    /// <summary>
    /// Options whose resolver is source-generated and knows every supported type, for use with
    /// <see cref="JsonSerializer"/> directly or combined into your own resolver chain. Read-only.
    /// </summary>
    /// <remarks>
    /// Through <see cref="JsonSerializer"/> a failure's message does not carry the JSON path; the
    /// methods of this class add it.
    /// </remarks>
    public static JsonSerializerOptions Options => SharedOptions;

    /// <summary>Writes <paramref name="value"/> as the API's JSON (compact, UTF-16 string).</summary>
    /// <typeparam name="T">A supported model type.</typeparam>
    /// <param name="value">The value to write.</param>
    /// <returns>The JSON text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not a supported type.</exception>
    /// <exception cref="JsonException">The value has something the API cannot express (for example a selector operator outside <c>In</c>, <c>NotIn</c>, <c>Exists</c>, <c>DoesNotExist</c>).</exception>
    public static string Serialize<T>(T value)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(value);
        var converter = Converter<T>();
        using var output = PooledJsonOutput.Rent();
        converter.Write(output.Writer, value, SharedOptions);
        return Encoding.UTF8.GetString(output.Written);
    }

    /// <summary>Writes <paramref name="value"/> as the API's JSON in UTF-8.</summary>
    /// <typeparam name="T">A supported model type.</typeparam>
    /// <param name="value">The value to write.</param>
    /// <returns>The UTF-8 bytes of the JSON text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not a supported type.</exception>
    /// <exception cref="JsonException">The value has something the API cannot express.</exception>
    public static byte[] SerializeToUtf8Bytes<T>(T value)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(value);
        var converter = Converter<T>();
        using var output = PooledJsonOutput.Rent();
        converter.Write(output.Writer, value, SharedOptions);
        return output.Written.ToArray();
    }

    /// <summary>
    /// Appends <paramref name="value"/> as the API's JSON in UTF-8 to <paramref name="utf8Json"/>,
    /// allocating nothing beyond what <paramref name="utf8Json"/> asks for: the way to write many
    /// objects into one reused buffer (a request body, a pipe). On failure nothing is appended.
    /// </summary>
    /// <typeparam name="T">A supported model type.</typeparam>
    /// <param name="utf8Json">The buffer to append the UTF-8 bytes to.</param>
    /// <param name="value">The value to write.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not a supported type.</exception>
    /// <exception cref="JsonException">The value has something the API cannot express.</exception>
    public static void Serialize<T>(IBufferWriter<byte> utf8Json, T value)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        ArgumentNullException.ThrowIfNull(value);
        var converter = Converter<T>();

        // Written whole before anything reaches the caller's buffer, so a failure leaves it as it was.
        using var output = PooledJsonOutput.Rent();
        converter.Write(output.Writer, value, SharedOptions);
        utf8Json.Write(output.Written);
    }

    /// <summary>Writes <paramref name="value"/> as the API's JSON in UTF-8 to <paramref name="utf8Json"/>.</summary>
    /// <typeparam name="T">A supported model type.</typeparam>
    /// <param name="utf8Json">The stream to write to; left open.</param>
    /// <param name="value">The value to write.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not a supported type.</exception>
    /// <exception cref="JsonException">The value has something the API cannot express.</exception>
    public static void Serialize<T>(Stream utf8Json, T value)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        ArgumentNullException.ThrowIfNull(value);
        var converter = Converter<T>();
        using var output = PooledJsonOutput.Rent();
        converter.Write(output.Writer, value, SharedOptions);
        utf8Json.Write(output.Written);
    }

    /// <summary>Reads one object from the API's JSON.</summary>
    /// <typeparam name="T">A supported model type.</typeparam>
    /// <param name="json">The JSON text.</param>
    /// <returns>The model value.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not a supported type.</exception>
    /// <exception cref="JsonException">The text is not JSON, or not a <typeparamref name="T"/>: the message names the JSON path and what was expected.</exception>
    public static T Deserialize<T>(string json)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(json);
        return FromString(json, static utf8 => Deserialize<T>(utf8));
    }

    /// <summary>Reads one object from the API's JSON in UTF-8.</summary>
    /// <typeparam name="T">A supported model type.</typeparam>
    /// <param name="utf8Json">The UTF-8 bytes of the JSON text (a leading byte order mark is allowed).</param>
    /// <returns>The model value.</returns>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not a supported type.</exception>
    /// <exception cref="JsonException">The text is not JSON, or not a <typeparamref name="T"/>: the message names the JSON path and what was expected.</exception>
    public static T Deserialize<T>(ReadOnlySpan<byte> utf8Json)
        where T : class
    {
        var converter = Converter<T>();
        utf8Json = WithoutBom(utf8Json);
        var reader = new Utf8JsonReader(utf8Json, ReaderOptions);
        try
        {
            reader.Read();
            if (reader.TokenType == JsonTokenType.Null)
            {
                throw JsonRead.Expected(ref reader, "an object");
            }

            var value = converter.Read(ref reader, typeof(T), SharedOptions)!;
            EnsureEnd(ref reader);
            return value;
        }
        catch (JsonException e)
        {
            throw Located(utf8Json, e);
        }
        catch (InvalidOperationException e) when (IsUndecodableText(e))
        {
            throw Located(utf8Json, UndecodableText(ref reader, e));
        }
    }

    /// <summary>Reads one object from a stream of the API's JSON in UTF-8 (read to its end).</summary>
    /// <typeparam name="T">A supported model type.</typeparam>
    /// <param name="utf8Json">The stream; read to its end and left open.</param>
    /// <returns>The model value.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="utf8Json"/> is null.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not a supported type.</exception>
    /// <exception cref="JsonException">The text is not JSON, or not a <typeparamref name="T"/>: the message names the JSON path and what was expected.</exception>
    public static T Deserialize<T>(Stream utf8Json)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        return FromStream(utf8Json, static utf8 => Deserialize<T>(utf8));
    }

    /// <summary>
    /// Writes <paramref name="items"/> as the API's list of their kind (<c>ServiceList</c>,
    /// <c>PodList</c>, <c>EndpointSliceList</c>, <c>EndpointsList</c>, <c>ServiceCIDRList</c>,
    /// <c>IPAddressList</c>), each item with its own
    /// <c>apiVersion</c> and <c>kind</c>.
    /// </summary>
    /// <typeparam name="T">A supported Kubernetes kind (not <see cref="Labels.LabelSelectorSpec"/>).</typeparam>
    /// <param name="items">The items, in order.</param>
    /// <returns>The JSON text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="items"/> or one of its items is null.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not a supported kind.</exception>
    public static string SerializeList<T>(IEnumerable<T> items)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(items);
        var converter = KindConverter<T>();
        using var output = PooledJsonOutput.Rent();
        var writer = output.Writer;
        writer.WriteStartObject();
        writer.WriteString("apiVersion"u8, converter.ApiVersion);
        writer.WriteString("kind"u8, converter.ListKind);
        writer.WritePropertyName("metadata"u8);
        writer.WriteStartObject();
        writer.WriteEndObject();
        writer.WritePropertyName("items"u8);
        writer.WriteStartArray();
        foreach (var item in items)
        {
            ArgumentNullException.ThrowIfNull(item, nameof(items));
            converter.Write(writer, item, SharedOptions);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        return Encoding.UTF8.GetString(output.Written);
    }

    /// <summary>
    /// Reads a list: the kind's own list (<c>ServiceList</c>, …, as the API server serves a
    /// collection) or a <c>v1</c> <c>List</c> (as <c>kubectl get -o json</c> prints one).
    /// </summary>
    /// <remarks>
    /// Every item must be a <typeparamref name="T"/>: an item without <c>kind</c> is taken as one
    /// (the API server leaves it out in typed lists), an item of another kind is an error, never
    /// skipped. To read a mixed list, use the adapter package's manifest reader.
    /// </remarks>
    /// <typeparam name="T">A supported Kubernetes kind.</typeparam>
    /// <param name="json">The JSON text.</param>
    /// <returns>The items, in order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not a supported kind.</exception>
    /// <exception cref="JsonException">The text is not JSON, not a list, or has an item that is not a <typeparamref name="T"/>: the message names the JSON path and what was expected.</exception>
    public static ImmutableArray<T> DeserializeList<T>(string json)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(json);
        return FromString(json, static utf8 => DeserializeList<T>(utf8));
    }

    /// <summary>Reads a list from the API's JSON in UTF-8; see <see cref="DeserializeList{T}(string)"/>.</summary>
    /// <typeparam name="T">A supported Kubernetes kind.</typeparam>
    /// <param name="utf8Json">The UTF-8 bytes of the JSON text.</param>
    /// <returns>The items, in order.</returns>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not a supported kind.</exception>
    /// <exception cref="JsonException">The text is not a list of <typeparamref name="T"/>: the message names the JSON path and what was expected.</exception>
    public static ImmutableArray<T> DeserializeList<T>(ReadOnlySpan<byte> utf8Json)
        where T : class
    {
        var converter = KindConverter<T>();
        utf8Json = WithoutBom(utf8Json);
        var reader = new Utf8JsonReader(utf8Json, ReaderOptions);
        try
        {
            reader.Read();
            var items = KubernetesListJson.Read(ref reader, converter, SharedOptions);
            EnsureEnd(ref reader);
            return items;
        }
        catch (JsonException e)
        {
            throw Located(utf8Json, e);
        }
        catch (InvalidOperationException e) when (IsUndecodableText(e))
        {
            throw Located(utf8Json, UndecodableText(ref reader, e));
        }
    }

    /// <summary>Reads a list from a stream of the API's JSON in UTF-8; see <see cref="DeserializeList{T}(string)"/>.</summary>
    /// <typeparam name="T">A supported Kubernetes kind.</typeparam>
    /// <param name="utf8Json">The stream; read to its end and left open.</param>
    /// <returns>The items, in order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="utf8Json"/> is null.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not a supported kind.</exception>
    /// <exception cref="JsonException">The text is not a list of <typeparamref name="T"/>: the message names the JSON path and what was expected.</exception>
    public static ImmutableArray<T> DeserializeList<T>(Stream utf8Json)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        return FromStream(utf8Json, static utf8 => DeserializeList<T>(utf8));
    }

    private static readonly JsonReaderOptions ReaderOptions = new() { CommentHandling = JsonCommentHandling.Skip };

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(KubernetesJsonContext.Default.Options)
        {
            TypeInfoResolver = KubernetesJsonContext.Default,
            ReadCommentHandling = JsonCommentHandling.Skip,
        };
        options.MakeReadOnly();
        return options;
    }

    // Looked up once per type: the resolver's lookup is not free, and reading or writing one
    // object must not pay for it.
    private static JsonConverter<T> Converter<T>()
        => ConverterOf<T>.Value ?? throw Unsupported(typeof(T));

    private static KubernetesObjectConverter<T> KindConverter<T>()
        where T : class
        => ConverterOf<T>.Value as KubernetesObjectConverter<T> ?? throw Unsupported(typeof(T));

    private static class ConverterOf<T>
    {
        // Only the model types' own converters: the resolver also knows the BCL's (object, string),
        // and the object converter called directly writes "{}" for any value, a Service included.
        public static readonly JsonConverter<T>? Value =
            SharedOptions.TryGetTypeInfo(typeof(T), out var info) && info.Converter is JsonConverter<T> converter
            && converter.GetType().Assembly == typeof(KubernetesJson).Assembly
                ? converter
                : null;
    }

    private static NotSupportedException Unsupported(Type type)
        => new($"{type.Name} is not a type {nameof(KubernetesJson)} reads or writes (a list needs a Kubernetes kind); supported: Service, Pod, EndpointSlice, Endpoints, RangeAllocation, ServiceCidrObject, IPAddressObject, and LabelSelectorSpec outside lists.");

    private static ReadOnlySpan<byte> WithoutBom(ReadOnlySpan<byte> utf8Json)
        => utf8Json.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? utf8Json[3..] : utf8Json;

    private static void EnsureEnd(ref Utf8JsonReader reader)
    {
        if (reader.Read())
        {
            throw JsonRead.Expected(ref reader, "the end of the text after one JSON value");
        }
    }

    // The reader refuses to decode a string or property name that is not Unicode (an escaped lone
    // surrogate such as "\ud800", or bytes that are not UTF-8) with an InvalidOperationException it
    // marks for System.Text.Json to rethrow as a JsonException; this class reads without the
    // serializer, so it does that itself. Any other InvalidOperationException is a bug and stays one.
    private const string RethrowableSource = "System.Text.Json.Rethrowable";

    private static bool IsUndecodableText(InvalidOperationException error) => error.Source == RethrowableSource;

    private static JsonReadException UndecodableText(ref Utf8JsonReader reader, InvalidOperationException error)
        => new("expected text that is valid Unicode, found a " + (reader.TokenType == JsonTokenType.PropertyName ? "property name" : "string")
            + " with an unpaired surrogate escape or bytes that are not UTF-8", reader.TokenStartIndex, error);

    // Turns any read failure into one whose message starts with the JSON path of the fault.
    private static JsonException Located(ReadOnlySpan<byte> utf8Json, JsonException error)
    {
        string path;
        long line, position;
        string message;
        if (error is JsonReadException located)
        {
            path = JsonErrorLocator.PathAt(utf8Json, located.Offset);
            (line, position) = JsonErrorLocator.LineAt(utf8Json, located.Offset);
            message = located.Message;
        }
        else
        {
            // The reader's own failure (not JSON at all): its message already says what was expected.
            path = JsonErrorLocator.PathAt(utf8Json, -1);
            line = error.LineNumber ?? 0;
            position = error.BytePositionInLine ?? 0;
            message = error.Message;
        }

        return new JsonException($"{path}: {message}", path, line, position, error);
    }

    private delegate TResult Utf8Reader<TResult>(ReadOnlySpan<byte> utf8Json);

    private static TResult FromString<TResult>(string json, Utf8Reader<TResult> read)
    {
        var rented = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(json.Length));
        try
        {
            return read(rented.AsSpan(0, Encoding.UTF8.GetBytes(json, rented)));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static TResult FromStream<TResult>(Stream stream, Utf8Reader<TResult> read)
    {
        var (buffer, length) = ReadAll(stream);
        try
        {
            return read(buffer.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static (byte[] Buffer, int Length) ReadAll(Stream stream)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(stream.CanSeek ? (int)Math.Max(16, stream.Length - stream.Position + 1) : 16 * 1024);
        var length = 0;
        try
        {
            int read;
            while ((read = stream.Read(buffer, length, buffer.Length - length)) > 0)
            {
                length += read;
                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
            }

            return (buffer, length);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }
}
