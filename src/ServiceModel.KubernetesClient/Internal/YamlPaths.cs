using System.Globalization;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ServiceModel.KubernetesClient.Internal;

/// <summary>Names the field at a position of a YAML text (<c>spec.ports[0].port</c>), to say which field a reader error is about.</summary>
internal static class YamlPaths
{
    /// <summary>The path of the node that starts at <paramref name="index"/>, or null when none does (or the text does not parse).</summary>
    public static string? At(string text, long index)
    {
        var path = new List<object>();   // string for a mapping key, int for a sequence index
        var frames = new Stack<Frame>();
        try
        {
            var parser = new Parser(new StringReader(text));
            while (parser.MoveNext())
            {
                var current = parser.Current!;
                switch (current)
                {
                    case MappingEnd or SequenceEnd:
                        if (!frames.Pop().IsMapping)
                        {
                            path.RemoveAt(path.Count - 1);
                        }

                        Leave(frames, path);
                        continue;
                    case NodeEvent node:
                        if (frames.TryPeek(out var frame) && frame.IsMapping && frame.ExpectKey)
                        {
                            if (node is not Scalar key)
                            {
                                // A complex key names no field; Kubernetes objects have none.
                                return null;
                            }

                            frame.ExpectKey = false;
                            path.Add(key.Value);
                            continue;
                        }

                        if (node.Start.Index == index)
                        {
                            return Format(path);
                        }

                        if (node is MappingStart or SequenceStart)
                        {
                            frames.Push(new Frame(node is MappingStart));
                            if (node is SequenceStart)
                            {
                                path.Add(0);
                            }
                        }
                        else
                        {
                            Leave(frames, path);
                        }

                        continue;
                }
            }
        }
        catch (YamlException)
        {
            // The text was read once already; if it does not parse now, there is no path to give.
        }

        return null;
    }

    // A value was read: a mapping expects its next key, a sequence moves to its next index.
    private static void Leave(Stack<Frame> frames, List<object> path)
    {
        if (!frames.TryPeek(out var frame))
        {
            return;
        }

        if (frame.IsMapping)
        {
            frame.ExpectKey = true;
            path.RemoveAt(path.Count - 1);
        }
        else
        {
            path[^1] = (int)path[^1] + 1;
        }
    }

    private static string Format(List<object> path)
    {
        var text = new StringBuilder();
        foreach (var part in path)
        {
            if (part is int i)
            {
                text.Append('[').Append(i.ToString(CultureInfo.InvariantCulture)).Append(']');
            }
            else
            {
                if (text.Length > 0)
                {
                    text.Append('.');
                }

                text.Append((string)part);
            }
        }

        return text.ToString();
    }

    private sealed class Frame(bool isMapping)
    {
        public bool IsMapping { get; } = isMapping;

        public bool ExpectKey { get; set; } = isMapping;
    }
}
