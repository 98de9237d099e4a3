using System.Text.RegularExpressions;
using YamlDotNet.Core;

namespace ServiceModel.KubernetesClient.Internal;

/// <summary>Messages of YAML reader errors without the positions YamlDotNet prefixes (the location says them).</summary>
internal static partial class ManifestText
{
    public static string WithoutMarks(YamlException error) => Marks().Replace(error.Message, "");

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ")]
    private static partial Regex Marks();
}
