using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ServiceModel.KubernetesClient.Internal;

/// <summary>One object found in a manifest: its own text (readable alone), where it starts, and what it says it is.</summary>
internal sealed record ScannedObject(string Text, int Line, int Column, string? ApiVersion, string? Kind, int? ItemIndex);

/// <summary>A problem found while scanning, before any object was read.</summary>
internal sealed record ScanProblem(int Line, int Column, int? ItemIndex, string Message);

/// <summary>One document's objects (one, or a List's items) and problems.</summary>
internal sealed record ScannedDocument(int Line, int Column, List<ScannedObject> Objects, List<ScanProblem> Problems);

/// <summary>
/// Splits a manifest text into documents as kubectl does (a line that starts with <c>---</c>
/// followed only by blanks or a comment separates documents), and finds in each document the
/// objects to read, with the YAML parser's positions: a document that is an object, or the items
/// of a List. Positions let every error name its line, and a syntax error spoils only its own document.
/// </summary>
internal static class ManifestScanner
{
    public static IEnumerable<ScannedDocument> Scan(string text)
    {
        foreach (var (chunk, firstLine) in Split(text))
        {
            foreach (var document in ScanChunk(chunk, firstLine))
            {
                yield return document;
            }
        }
    }

    public static IEnumerable<(string Chunk, int FirstLine)> Split(string text)
    {
        var start = 0;
        var chunkStart = 0;
        var chunkLine = 1;
        var line = 1;
        while (start <= text.Length)
        {
            var end = text.IndexOf('\n', start);
            var lineEnd = end < 0 ? text.Length : end;
            if (IsSeparator(text.AsSpan(start, lineEnd - start)))
            {
                yield return (text[chunkStart..start], chunkLine);
                chunkStart = end < 0 ? text.Length : end + 1;
                chunkLine = line + 1;
            }

            if (end < 0)
            {
                break;
            }

            start = end + 1;
            line++;
        }

        yield return (text[chunkStart..], chunkLine);
    }

    private static bool IsSeparator(ReadOnlySpan<char> line)
    {
        if (!line.StartsWith("---", StringComparison.Ordinal))
        {
            return false;
        }

        var rest = line[3..].Trim();
        return rest.IsEmpty || rest[0] == '#';
    }

    public static List<ScannedDocument> ScanChunk(string chunk, int firstLine)
    {
        var documents = new List<ScannedDocument>();
        var parser = new Parser(new StringReader(chunk));
        try
        {
            parser.Consume<StreamStart>();
            while (!parser.TryConsume<StreamEnd>(out _))
            {
                parser.Consume<DocumentStart>();
                var root = parser.Current!;
                var document = new ScannedDocument(firstLine + (int)root.Start.Line - 1, (int)root.Start.Column, [], []);
                if (root is MappingStart)
                {
                    var header = ReadHeader(parser);
                    AddObjects(chunk, firstLine, header, document);
                    documents.Add(document);
                }
                else if (root is Scalar { Value.Length: 0 } or Scalar { Value: "~" or "null" or "Null" or "NULL", Style: ScalarStyle.Plain })
                {
                    // An empty document (only comments, or an explicit null): nothing to read, as kubectl skips it.
                    parser.SkipThisAndNestedEvents();
                }
                else
                {
                    document.Problems.Add(new ScanProblem(document.Line, document.Column, null,
                        $"a manifest document must be an object with apiVersion and kind, found {Describe(root)}"));
                    documents.Add(document);
                    parser.SkipThisAndNestedEvents();
                }

                parser.Consume<DocumentEnd>();
            }
        }
        catch (YamlException error)
        {
            // A syntax error: the rest of this document cannot be read; say so where the parser stopped.
            AddSyntaxError(documents, firstLine, error.Start, ManifestText.WithoutMarks(error));
        }
        catch (InvalidOperationException error)
        {
            // YamlDotNet's scanner throws this (without a position) on some malformed flow text,
            // e.g. a flow mapping left open across a top-level key: name the last event it read.
            AddSyntaxError(documents, firstLine, parser.Current?.End ?? Mark.Empty, error.Message);
        }

        return documents;
    }

    private static void AddSyntaxError(List<ScannedDocument> documents, int firstLine, Mark at, string message)
    {
        var document = documents.Count > 0 && documents[^1].Objects.Count == 0 && documents[^1].Problems.Count == 0
            ? documents[^1]
            : null;
        if (document is null)
        {
            document = new ScannedDocument(firstLine + (int)at.Line - 1, (int)at.Column, [], []);
            documents.Add(document);
        }

        document.Objects.Clear();
        document.Problems.Add(new ScanProblem(firstLine + (int)at.Line - 1, (int)at.Column, null, "the YAML is not well-formed: " + message));
    }

    private static void AddObjects(string chunk, int firstLine, Header header, ScannedDocument document)
    {
        var isList = header.Items is not null
            && header.Kind is { } kind && kind.EndsWith("List", StringComparison.Ordinal);
        if (!isList)
        {
            document.Objects.Add(ObjectOf(chunk, firstLine, header, null, null, null));
            return;
        }

        // A typed list (ServiceList, …) may leave kind and apiVersion out of its items, as the API server does.
        var itemKind = header.Kind == "List" ? null : header.Kind![..^"List".Length];
        for (var i = 0; i < header.Items!.Count; i++)
        {
            var item = header.Items[i];
            if (item.Header is { } itemHeader)
            {
                document.Objects.Add(ObjectOf(chunk, firstLine, itemHeader, i, itemKind, itemKind is null ? null : header.ApiVersion));
            }
            else
            {
                document.Problems.Add(new ScanProblem(firstLine + (int)item.Start.Line - 1, (int)item.Start.Column, i,
                    $"items[{i}]: a List item must be an object with apiVersion and kind, found {item.Found}"));
            }
        }
    }

    private static ScannedObject ObjectOf(string chunk, int firstLine, Header header, int? itemIndex, string? defaultKind, string? defaultApiVersion)
    {
        // Indent the first line as in the file, so a block mapping cut out of a sequence reads alone
        // and columns stay those of the file.
        var column = (int)header.Start.Column;
        var text = new string(' ', column - 1) + chunk[(int)header.Start.Index..(int)header.EndIndex];
        return new ScannedObject(text, firstLine + (int)header.Start.Line - 1, column,
            header.ApiVersion ?? (header.Kind is null ? defaultApiVersion : null),
            header.Kind ?? defaultKind, itemIndex);
    }

    private static Header ReadHeader(IParser parser)
    {
        var start = parser.Consume<MappingStart>();
        string? apiVersion = null;
        string? kind = null;
        List<Item>? items = null;
        MappingEnd? end;
        while (!parser.TryConsume<MappingEnd>(out end))
        {
            if (!parser.TryConsume<Scalar>(out var key))
            {
                parser.SkipThisAndNestedEvents();
                parser.SkipThisAndNestedEvents();
                continue;
            }

            switch (key.Value)
            {
                case "apiVersion" when parser.Current is Scalar value:
                    apiVersion = value.Value;
                    parser.MoveNext();
                    break;
                case "kind" when parser.Current is Scalar value:
                    kind = value.Value;
                    parser.MoveNext();
                    break;
                case "items" when parser.Current is SequenceStart:
                    parser.MoveNext();
                    items = [];
                    while (!parser.TryConsume<SequenceEnd>(out _))
                    {
                        var current = parser.Current!;
                        if (current is MappingStart)
                        {
                            items.Add(new Item(current.Start, ReadHeader(parser), null));
                        }
                        else
                        {
                            items.Add(new Item(current.Start, null, Describe(current)));
                            parser.SkipThisAndNestedEvents();
                        }
                    }

                    break;
                default:
                    parser.SkipThisAndNestedEvents();
                    break;
            }
        }

        // A flow mapping's end event sits on its '}', which belongs to the object's text.
        var endIndex = end!.End.Index + (start.Style == MappingStyle.Flow ? 1 : 0);
        return new Header(start.Start, endIndex, apiVersion, kind, items);
    }

    private static string Describe(ParsingEvent node) => node switch
    {
        Scalar scalar => "the scalar " + ApiValues.Quote(scalar.Value),
        SequenceStart => "a sequence",
        _ => "a " + node.GetType().Name,
    };

    private sealed record Header(Mark Start, long EndIndex, string? ApiVersion, string? Kind, List<Item>? Items);

    private sealed record Item(Mark Start, Header? Header, string? Found);
}
