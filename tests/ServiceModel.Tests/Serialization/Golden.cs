using System.Text.Json.Nodes;

namespace ServiceModel.Tests.Serialization;

/// <summary>The golden files: API server output embedded in the test assembly, and JSON comparisons.</summary>
internal static class Golden
{
    public static string Text(string name)
    {
        using var stream = typeof(Golden).Assembly.GetManifestResourceStream("Golden." + name)
            ?? throw new InvalidOperationException("no golden file " + name);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static byte[] Bytes(string name)
    {
        using var stream = typeof(Golden).Assembly.GetManifestResourceStream("Golden." + name)
            ?? throw new InvalidOperationException("no golden file " + name);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>Fails unless both texts are the same JSON with the properties in the same order.</summary>
    public static void AssertSameJson(string expected, string actual)
    {
        var e = JsonNode.Parse(expected);
        var a = JsonNode.Parse(actual);
        Assert.True(JsonNode.DeepEquals(e, a), $"JSON differs.\nexpected: {e?.ToJsonString()}\nactual:   {a?.ToJsonString()}");
        Assert.Equal(Order(e), Order(a));
    }

    /// <summary>
    /// Fails unless every property <paramref name="actual"/> has is in <paramref name="expected"/>
    /// with the same value (arrays element by element, same length), in the same relative order:
    /// the writer may leave out what the model does not carry, but never invent or change anything.
    /// </summary>
    public static void AssertSubset(string expected, string actual)
        => AssertSubset(JsonNode.Parse(expected), JsonNode.Parse(actual), "$");

    private static void AssertSubset(JsonNode? expected, JsonNode? actual, string path)
    {
        switch (actual)
        {
            case JsonObject obj:
                var expectedObject = Assert.IsType<JsonObject>(expected, exactMatch: false);
                var lastIndex = -1;
                foreach (var (key, value) in obj)
                {
                    Assert.True(expectedObject.ContainsKey(key), $"{path}.{key} written but not in the golden file");
                    var index = expectedObject.IndexOf(key);
                    Assert.True(index > lastIndex, $"{path}.{key} written out of the API's order");
                    lastIndex = index;
                    AssertSubset(expectedObject[key], value, path + "." + key);
                }

                break;
            case JsonArray array:
                var expectedArray = Assert.IsType<JsonArray>(expected, exactMatch: false);
                Assert.True(expectedArray.Count == array.Count, $"{path}: {array.Count} items written, {expectedArray.Count} in the golden file");
                for (var i = 0; i < array.Count; i++)
                {
                    AssertSubset(expectedArray[i], array[i], $"{path}[{i}]");
                }

                break;
            default:
                Assert.True(JsonNode.DeepEquals(expected, actual), $"{path}: wrote {actual?.ToJsonString() ?? "null"}, golden has {expected?.ToJsonString() ?? "null"}");
                break;
        }
    }

    private static List<string> Order(JsonNode? node)
    {
        var names = new List<string>();
        Walk(node, "$", names);
        return names;
    }

    private static void Walk(JsonNode? node, string path, List<string> names)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    names.Add(path + "." + key);
                    Walk(value, path + "." + key, names);
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    Walk(array[i], $"{path}[{i}]", names);
                }

                break;
        }
    }
}
