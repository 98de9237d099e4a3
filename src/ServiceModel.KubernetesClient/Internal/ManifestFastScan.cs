namespace ServiceModel.KubernetesClient.Internal;

/// <summary>
/// A line scan that finds, without a YAML parser pass, the one object of an ordinary manifest
/// document (a block mapping at column 1 with plain top-level <c>apiVersion:</c> and <c>kind:</c>),
/// giving the same <see cref="ScannedObject"/> <see cref="ManifestScanner"/> would. It only says
/// yes when the text leaves no room for doubt; anything unusual (directives, document markers
/// inside the chunk, line breaks other than LF and CRLF, a first line that is not a plain key,
/// quoted, tagged or anchored header values, repeated header keys, List kinds) is left to the scanner.
/// </summary>
/// <remarks>
/// Why it is sound: in a document whose root is a block mapping at column 1, a line starting at
/// column 1 with <c>key:</c> can only be a top-level key, except inside a multi-line quoted or
/// flow scalar; the caller confirms that the object read back names the same apiVersion and kind,
/// which such a case breaks, and reads any document the client's reader refuses through the scanner.
/// </remarks>
internal static class ManifestFastScan
{
    /// <summary>The outcome of <see cref="TryScan"/>.</summary>
    public enum Outcome
    {
        /// <summary>The chunk needs the scanner.</summary>
        Doubt,

        /// <summary>The chunk holds only blank and comment lines: no document, as the scanner finds none.</summary>
        Empty,

        /// <summary>The chunk holds one ordinary object.</summary>
        Object,
    }

    public static Outcome TryScan(string chunk, int firstLine, out ScannedObject? scanned)
    {
        scanned = null;
        var startIndex = -1;
        var startLine = 0;
        string? apiVersion = null;
        string? kind = null;
        var line = 0;
        var position = 0;
        while (position < chunk.Length)
        {
            var newline = chunk.IndexOf('\n', position);
            var next = newline < 0 ? chunk.Length : newline + 1;
            var content = chunk.AsSpan(position, (newline < 0 ? chunk.Length : newline) - position);
            if (content.EndsWith('\r'))
            {
                content = content[..^1];
            }

            // YAML also breaks lines at a lone CR and at NEL, LS and PS; a BOM may restart a document.
            if (content.IndexOfAny('\r', '\u0085', '\u2028') >= 0 || content.IndexOfAny('\u2029', '\uFEFF') >= 0)
            {
                return Outcome.Doubt;
            }

            line++;
            if (content.Length > 0 && content[0] is '-' or '.' or '%')
            {
                if (content.StartsWith("---", StringComparison.Ordinal) || content.StartsWith("...", StringComparison.Ordinal) || content[0] == '%')
                {
                    return Outcome.Doubt;
                }
            }

            if (startIndex < 0)
            {
                var trimmed = content.TrimStart(" \t");
                if (trimmed.IsEmpty || trimmed[0] == '#')
                {
                    position = next;
                    continue;
                }

                if (trimmed.Length != content.Length || !IsPlainKeyLine(content))
                {
                    return Outcome.Doubt;
                }

                startIndex = position;
                startLine = line;
            }

            if (content.StartsWith("apiVersion:", StringComparison.Ordinal))
            {
                if (apiVersion is not null || PlainValue(content["apiVersion:".Length..]) is not { } value)
                {
                    return Outcome.Doubt;
                }

                apiVersion = value;
            }
            else if (content.StartsWith("kind:", StringComparison.Ordinal))
            {
                if (kind is not null || PlainValue(content["kind:".Length..]) is not { } value)
                {
                    return Outcome.Doubt;
                }

                kind = value;
            }

            position = next;
        }

        if (startIndex < 0)
        {
            return Outcome.Empty;
        }

        if (apiVersion is null || kind is null || kind.EndsWith("List", StringComparison.Ordinal))
        {
            return Outcome.Doubt;
        }

        // The scanner's text of a root block mapping runs from its first key to the end of the chunk
        // (the mapping ends where the stream does); its position is the first key's.
        scanned = new ScannedObject(chunk[startIndex..], firstLine + startLine - 1, 1, apiVersion, kind, null);
        return Outcome.Object;
    }

    // A short implicit key of name characters at column 1, then ':' and a blank or the line's end:
    // the start of a block mapping, nothing else.
    private static bool IsPlainKeyLine(ReadOnlySpan<char> content)
    {
        if (content.Length == 0 || !char.IsAsciiLetter(content[0]))
        {
            return false;
        }

        for (var i = 1; i < content.Length && i < 256; i++)
        {
            var c = content[i];
            if (c == ':')
            {
                return i + 1 == content.Length || content[i + 1] is ' ' or '\t';
            }

            if (!char.IsAsciiLetterOrDigit(c) && c is not ('_' or '-' or '.' or '/'))
            {
                return false;
            }
        }

        return false;
    }

    // A plain scalar of name characters, optionally followed by blanks and a comment.
    private static string? PlainValue(ReadOnlySpan<char> rest)
    {
        if (rest.IsEmpty || rest[0] is not (' ' or '\t'))
        {
            return null;
        }

        rest = rest.TrimStart(" \t");
        var length = 0;
        while (length < rest.Length && (char.IsAsciiLetterOrDigit(rest[length]) || rest[length] is '_' or '-' or '.' or '/'))
        {
            length++;
        }

        if (length == 0 || !char.IsAsciiLetter(rest[0]))
        {
            return null;
        }

        var tail = rest[length..].TrimStart(" \t");
        if (!tail.IsEmpty && (tail[0] != '#' || tail.Length == rest.Length - length))
        {
            return null;
        }

        return rest[..length].ToString();
    }
}
