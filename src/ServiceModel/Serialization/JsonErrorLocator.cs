using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ServiceModel.Serialization;

/// <summary>
/// Finds the JSON path of a failure by reading the input again up to the failing token: the
/// happy path pays nothing for paths, and only a failed read walks the text twice.
/// </summary>
internal static class JsonErrorLocator
{
    private struct Frame
    {
        public bool IsArray;
        public int Index;
        public string? Name;
    }

    /// <summary>
    /// The path of the token that starts at <paramref name="offset"/>, or of the point where the
    /// text stops being JSON when <paramref name="offset"/> is negative.
    /// </summary>
    public static string PathAt(ReadOnlySpan<byte> utf8Json, long offset)
    {
        var stack = new List<Frame>();
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        try
        {
            while (reader.Read())
            {
                var token = reader.TokenType;
                if (stack.Count > 0 && stack[^1].IsArray && token is not JsonTokenType.EndArray)
                {
                    var top = stack[^1];
                    top.Index++;
                    stack[^1] = top;
                }

                if (offset >= 0 && reader.TokenStartIndex >= offset)
                {
                    break;
                }

                switch (token)
                {
                    case JsonTokenType.StartObject:
                        stack.Add(default);
                        break;
                    case JsonTokenType.StartArray:
                        stack.Add(new Frame { IsArray = true, Index = -1 });
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        stack.RemoveAt(stack.Count - 1);
                        break;
                    case JsonTokenType.PropertyName:
                        var frame = stack[^1];
                        frame.Name = JsonRead.BoundedText(ref reader, JsonRead.PathNameLength);
                        stack[^1] = frame;
                        break;
                }
            }
        }
        catch (JsonException)
        {
            // Malformed text: the path so far is where it broke.
        }

        return Format(stack);
    }

    /// <summary>The zero-based line and byte position in that line of <paramref name="offset"/>.</summary>
    public static (long Line, long Position) LineAt(ReadOnlySpan<byte> utf8Json, long offset)
    {
        var prefix = utf8Json[..(int)Math.Min(offset, utf8Json.Length)];
        var line = prefix.Count((byte)'\n');
        var lastBreak = prefix.LastIndexOf((byte)'\n');
        return (line, prefix.Length - lastBreak - 1);
    }

    private static string Format(List<Frame> stack)
    {
        var path = new StringBuilder("$");
        foreach (var frame in stack)
        {
            if (frame.IsArray)
            {
                if (frame.Index >= 0)
                {
                    path.Append('[').Append(frame.Index.ToString(CultureInfo.InvariantCulture)).Append(']');
                }
            }
            else if (frame.Name is { } name)
            {
                if (IsPlainName(name))
                {
                    path.Append('.').Append(name);
                }
                else
                {
                    path.Append("['").Append(name.Replace("'", "\\'", StringComparison.Ordinal)).Append("']");
                }
            }
        }

        return path.ToString();
    }

    private static bool IsPlainName(string name)
    {
        if (name.Length == 0)
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }
}
