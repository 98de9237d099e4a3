using ServiceModel.KubernetesClient;

namespace ServiceModel.Tool;

/// <summary>The outcome of one check: the findings, the files that could not be read (reasons for stderr), the cluster as applied.</summary>
internal sealed record CheckResult(IReadOnlyList<Finding> Findings, IReadOnlyList<string> ReadFailures, int FileCount, ServiceCluster Cluster)
{
    /// <summary>How many objects and unreadable documents the files held (empty documents and comments not counted).</summary>
    public int DocumentCount { get; init; }

    public bool HasErrors => Findings.Any(f => f.Rule.Severity == Severity.Error);
}
