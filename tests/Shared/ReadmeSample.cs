using System.Text.RegularExpressions;

namespace ServiceModel.Tests.Shared;

/// <summary>
/// Compares a README code block with the code between two marker comments of a test, so an example
/// the README shows is the example a test runs. Linked into every test project that has one.
/// </summary>
internal static class ReadmeSample
{
    /// <summary>The repository root: the first folder above the test's output that holds ServiceModel.sln.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ServiceModel.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No ServiceModel.sln above {AppContext.BaseDirectory}.");
    }

    /// <summary>
    /// The first <c>```csharp</c> block after the README heading <paramref name="heading"/> (the whole
    /// heading line, e.g. <c>## Example</c>), or null when there is none.
    /// </summary>
    public static string? ShownUnder(string heading)
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md")).ReplaceLineEndings("\n");
        var match = Regex.Match(readme, "^" + Regex.Escape(heading) + "\n.*?```csharp\n(?<code>.*?)```", RegexOptions.Singleline | RegexOptions.Multiline);
        return match.Success ? match.Groups["code"].Value.TrimEnd() : null;
    }

    /// <summary>
    /// The lines between the last <paramref name="beginMarker"/> and <paramref name="endMarker"/>
    /// comments of a test file (path relative to the repository root), less the method body's
    /// eight-space indentation.
    /// </summary>
    public static string Tested(string relativePath, string beginMarker, string endMarker)
    {
        var test = File.ReadAllText(Path.Combine(RepositoryRoot(), relativePath)).ReplaceLineEndings("\n");
        var begin = test.LastIndexOf(beginMarker, StringComparison.Ordinal);
        var end = test.LastIndexOf(endMarker, StringComparison.Ordinal);
        return string.Join('\n', test[(test.IndexOf('\n', begin) + 1)..test.LastIndexOf('\n', end)]
            .Split('\n')
            .Select(line => line.Length >= 8 ? line[8..] : line.TrimStart())).TrimEnd();
    }
}
