using System.Text.RegularExpressions;

namespace ServiceModel.Tests;

/// <summary>
/// The dependency arrows of docs/architecture.md, checked on the source: a folder of the core may
/// name (by a using directive, a qualified name or a cref) only the folders its row allows.
/// </summary>
public partial class ArchitectureTests
{
    private static readonly string[] s_all = ["Internal", "Validation", "Networking", "Allocation", "Labels", "Services", "Discovery", "Traffic", "Configuration", "Serialization"];

    // Serialization is the API's JSON of the model types, which name their converters; it sits
    // beside the stack like Internal. Configuration is used by nothing in the core.
    public static TheoryData<string, string[]> Allowed => new()
    {
        { "Internal", [] },
        { "Validation", ["Internal"] },
        { "Networking", ["Validation", "Internal"] },
        { "Allocation", ["Networking", "Validation", "Internal", "Serialization"] },
        { "Labels", ["Validation", "Internal", "Serialization"] },
        { "Services", ["Allocation", "Labels", "Networking", "Validation", "Internal", "Serialization"] },
        { "Discovery", ["Services", "Allocation", "Labels", "Networking", "Validation", "Internal", "Serialization"] },
        { "Traffic", ["Discovery", "Services", "Allocation", "Labels", "Networking", "Validation", "Internal", "Serialization"] },
        { "Configuration", ["Traffic", "Discovery", "Services", "Allocation", "Labels", "Networking", "Validation", "Internal"] },
        { "Serialization", ["Traffic", "Discovery", "Services", "Allocation", "Labels", "Networking", "Validation", "Internal"] },
    };

    [Theory]
    [MemberData(nameof(Allowed))]
    public void A_folder_names_only_the_folders_below_it(string folder, string[] allowed)
    {
        var directory = Path.Combine(RepositoryRoot(), "src", "ServiceModel", folder);
        var files = Directory.GetFiles(directory, "*.cs", SearchOption.AllDirectories);
        Assert.NotEmpty(files);
        var wrong = new List<string>();
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            foreach (Match match in Reference().Matches(text))
            {
                var target = match.Groups["folder"].Value;
                if (target != folder && s_all.Contains(target) && !allowed.Contains(target))
                {
                    wrong.Add($"{Path.GetFileName(file)} -> {target} ({match.Value})");
                }
            }
        }

        Assert.True(wrong.Count == 0, folder + " points up: " + string.Join("; ", wrong.Distinct()));
    }

    [Fact]
    public void The_check_sees_an_upward_reference()
        => Assert.Matches(Reference(), "using ServiceModel.Services;");

    // A using directive or qualified name (ServiceModel.X), or a cref relative to ServiceModel (cref="X.).
    [GeneratedRegex(@"\bServiceModel\.(?<folder>[A-Z]\w*)\b|cref=""(?<folder>[A-Z]\w*)\.")]
    private static partial Regex Reference();

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ServiceModel.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("ServiceModel.sln not found above " + AppContext.BaseDirectory);
    }
}
