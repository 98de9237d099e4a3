using System.Globalization;
using System.Text;

namespace ServiceModel.KubernetesClient;

/// <summary>Where a manifest object (or an error) is: file, document, line and column, and the item of a List.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record ManifestLocation
{
    /// <summary>The file's path as the reader was given it (or found it under a folder); for text and streams, the source name given, or <see langword="null"/>.</summary>
    public string? File { get; init; }

    /// <summary>The document's index in the file, from 0, counting only documents that hold something (an empty document between two <c>---</c> is not counted).</summary>
    public int DocumentIndex { get; init; }

    /// <summary>The index of the object in its document's <c>items</c> when the document is a List (<c>kind: List</c>, <c>ServiceList</c>, …); <see langword="null"/> otherwise.</summary>
    public int? ItemIndex { get; init; }

    /// <summary>The line, from 1, where the object starts (or where the error was found).</summary>
    public int Line { get; init; }

    /// <summary>The column, from 1, on <see cref="Line"/>.</summary>
    public int Column { get; init; }

    /// <summary>The location as compilers print one: <c>file:line:column (document 2, item 0)</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(File ?? "<input>").Append(':').Append(Line.ToString(CultureInfo.InvariantCulture))
            .Append(':').Append(Column.ToString(CultureInfo.InvariantCulture))
            .Append(" (document ").Append(DocumentIndex.ToString(CultureInfo.InvariantCulture));
        if (ItemIndex is { } item)
        {
            text.Append(", item ").Append(item.ToString(CultureInfo.InvariantCulture));
        }

        return text.Append(')').ToString();
    }
}
