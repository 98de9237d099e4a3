using System.Collections.Immutable;
using System.Globalization;

namespace ServiceModel.KubernetesClient.Internal;

/// <summary>
/// Reading and writing the API's scalar spellings: enums by their exact API text, timestamps as UTC
/// instants, maps and lists with the API's "absent when empty" convention.
/// </summary>
internal static class ApiValues
{
    /// <summary>
    /// Parses an enum from its API spelling (case-sensitive, as the API server compares it);
    /// <see langword="null"/> or empty gives <paramref name="unset"/>.
    /// </summary>
    /// <exception cref="FormatException">The text is not one of the enum's API spellings; the message names the field.</exception>
    public static TEnum Parse<TEnum>(string? text, TEnum unset, string field)
        where TEnum : struct, Enum
        => string.IsNullOrEmpty(text) ? unset : ParseRequired<TEnum>(text, field);

    /// <summary>
    /// Parses an optional enum the API holds in a plain string: <see langword="null"/> or empty
    /// (Go's zero value) gives <see langword="null"/>.
    /// </summary>
    /// <exception cref="FormatException">The text is not one of the enum's API spellings; the message names the field.</exception>
    public static TEnum? ParseOptional<TEnum>(string? text, string field)
        where TEnum : struct, Enum
        => string.IsNullOrEmpty(text) ? null : ParseRequired<TEnum>(text, field);

    /// <summary>
    /// Parses an optional enum the API holds in a pointer (<c>*string</c>): only <see langword="null"/>
    /// is unset; <c>""</c> is a set, unsupported value, as the API server's validation sees it.
    /// </summary>
    /// <exception cref="FormatException">The text is not one of the enum's API spellings; the message names the field.</exception>
    public static TEnum? ParsePointer<TEnum>(string? text, string field)
        where TEnum : struct, Enum
        => text is null ? null : ParseRequired<TEnum>(text, field);

    /// <summary>Parses an enum that must be present.</summary>
    /// <exception cref="FormatException">The text is missing or not one of the enum's API spellings.</exception>
    public static TEnum ParseRequired<TEnum>(string? text, string field)
        where TEnum : struct, Enum
    {
        if (text is not null)
        {
            foreach (var value in Enum.GetValues<TEnum>())
            {
                if (string.Equals(value.ToString(), text, StringComparison.Ordinal))
                {
                    return value;
                }
            }
        }

        var supported = Supported<TEnum>();
        throw new FormatException(
            text is null
                ? $"{field}: Required value: supported values: {supported}"
                : $"{field}: Unsupported value: {Quote(text)}: supported values: {supported}");
    }

    /// <summary>An enum's API spelling, for a model value written to the client.</summary>
    /// <exception cref="ArgumentException">The value is none the enum defines (an integer cast to it); the message names the field.</exception>
    public static string Text<TEnum>(TEnum value, string field)
        where TEnum : struct, Enum
        => Enum.IsDefined(value)
            ? value.ToString()
            : throw new ArgumentException($"{field}: Unsupported value: {Quote(value.ToString())}: supported values: {Supported<TEnum>()}");

    /// <summary>An optional enum's API spelling; <see langword="null"/> stays absent.</summary>
    /// <exception cref="ArgumentException">The value is none the enum defines; the message names the field.</exception>
    public static string? Text<TEnum>(TEnum? value, string field)
        where TEnum : struct, Enum
        => value is { } set ? Text(set, field) : null;

    private static string Supported<TEnum>()
        where TEnum : struct, Enum
        => string.Join(", ", Enum.GetNames<TEnum>().Order(StringComparer.Ordinal).Select(Quote));

    /// <summary>A required name (<c>metadata.name</c> and the like).</summary>
    /// <exception cref="ArgumentException">The value is null or empty; the message names the field.</exception>
    public static string Required(string? value, string field)
        => string.IsNullOrEmpty(value)
            ? throw new ArgumentException($"{field}: Required value")
            : value;

    /// <summary>
    /// Runs a conversion and prefixes any error with the object it was converting
    /// (<c>Service default/web: spec.type: …</c>), keeping the exception's type.
    /// </summary>
    public static T Converting<T>(string kind, string? @namespace, string? name, Func<T> convert)
    {
        try
        {
            return convert();
        }
        catch (FormatException error)
        {
            throw new FormatException(Describe(kind, @namespace, name) + ": " + error.Message, error);
        }
        catch (ArgumentException error) when (error is not ArgumentNullException)
        {
            throw new ArgumentException(Describe(kind, @namespace, name) + ": " + error.Message, error);
        }
    }

    private static string Describe(string kind, string? @namespace, string? name)
        => string.IsNullOrEmpty(name) ? kind : kind + " " + Namespace(@namespace) + "/" + name;

    /// <summary>The object's namespace, <c>"default"</c> when the manifest leaves it out (as kubectl applies it without a context namespace).</summary>
    public static string Namespace(string? value) => string.IsNullOrEmpty(value) ? "default" : value;

    /// <summary>A client timestamp as an instant; the client's <see cref="DateTime"/> is UTC unless marked local.</summary>
    public static DateTimeOffset? Instant(DateTime? value)
        => value switch
        {
            null => null,
            { Kind: DateTimeKind.Local } local => new DateTimeOffset(local.ToUniversalTime(), TimeSpan.Zero),
            var other => new DateTimeOffset(DateTime.SpecifyKind(other.Value, DateTimeKind.Utc), TimeSpan.Zero),
        };

    /// <summary>An instant as the client's UTC <see cref="DateTime"/>.</summary>
    public static DateTime? Utc(DateTimeOffset? value) => value?.UtcDateTime;

    /// <summary>A client map as an ordinal immutable dictionary; null reads as empty.</summary>
    /// <exception cref="ArgumentException">The map holds a null value (the API's JSON has no such map: its values are strings); the message names the entry.</exception>
    public static ImmutableDictionary<string, string> ReadMap(IDictionary<string, string>? map, string field)
    {
        if (map is null || map.Count == 0)
        {
            return ImmutableDictionary<string, string>.Empty;
        }

        var result = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in map)
        {
            result.Add(key, value ?? throw new ArgumentException($"{field}[{key}]: Required value (the map holds null)"));
        }

        return result.ToImmutable();
    }

    /// <summary>
    /// A model map as a client map; empty is written as absent, as the API server omits it. Keys go
    /// in ordinal order, the order the API server's encoder (and the core's KubernetesJson) writes
    /// them: a dictionary filled without removals enumerates in insertion order, which is the order
    /// the client's writer follows.
    /// </summary>
    public static Dictionary<string, string>? Map(ImmutableDictionary<string, string>? map)
    {
        if (map is null || map.IsEmpty)
        {
            return null;
        }

        var result = new Dictionary<string, string>(map.Count, StringComparer.Ordinal);
        foreach (var pair in map.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            result.Add(pair.Key, pair.Value);
        }

        return result;
    }

    /// <summary>A client list of strings; null reads as empty.</summary>
    /// <exception cref="ArgumentException">The list holds null; the message names the element.</exception>
    public static ImmutableArray<string> ReadList(IList<string>? list, string field)
        => Each(list, field, static (item, _) => item);

    /// <summary>A model list as a client list; empty is written as absent, as the API server omits it.</summary>
    public static List<TOut>? List<TIn, TOut>(ImmutableArray<TIn> list, Func<TIn, TOut> convert)
        => list.IsDefaultOrEmpty ? null : list.Select(convert).ToList();

    /// <summary>A model list as a client list, naming each element (<c>spec.ports[2]</c>) to the conversion; empty is written as absent.</summary>
    public static List<TOut>? List<TIn, TOut>(ImmutableArray<TIn> list, string field, Func<TIn, string, TOut> convert)
    {
        if (list.IsDefaultOrEmpty)
        {
            return null;
        }

        var result = new List<TOut>(list.Length);
        for (var i = 0; i < list.Length; i++)
        {
            result.Add(convert(list[i], field + "[" + i.ToString(CultureInfo.InvariantCulture) + "]"));
        }

        return result;
    }

    /// <summary>A model string list as a client list; empty is written as absent.</summary>
    public static List<string>? List(ImmutableArray<string> list) => list.IsDefaultOrEmpty ? null : [.. list];

    /// <summary>Converts every element of a client list, naming the element in errors; null reads as empty.</summary>
    public static ImmutableArray<TOut> Each<TIn, TOut>(IList<TIn>? list, string field, Func<TIn, string, TOut> convert)
    {
        if (list is null || list.Count == 0)
        {
            return [];
        }

        var result = ImmutableArray.CreateBuilder<TOut>(list.Count);
        for (var i = 0; i < list.Count; i++)
        {
            var path = field + "[" + i.ToString(CultureInfo.InvariantCulture) + "]";
            var item = list[i] ?? throw new ArgumentException($"{path}: Required value (the list holds null)");
            result.Add(convert(item, path));
        }

        return result.MoveToImmutable();
    }

    /// <summary>Go's <c>%q</c> for the texts that appear in these messages.</summary>
    public static string Quote(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
