namespace ServiceModel.Tool;

/// <summary>How bad a finding is: errors fail the check (exit code 1), warnings do not.</summary>
internal enum Severity
{
    Warning,
    Error,
}
