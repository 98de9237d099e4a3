using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ServiceModel.Tool;

/// <summary>The three output formats of <c>servicemodel check</c>.</summary>
internal static class Reports
{
    public const string ToolVersion = "0.1.0";
    public const string DocsUri = "https://github.com/servicemodel/ServiceModel/blob/main/docs/tool.md";

    // Messages quote Kubernetes' text ("Servcie", 'None'): the default encoder would write \u0022 and
    // \u0027 for every quote. The output is a file or a pipe, never HTML, so the relaxed encoder is safe.
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string SeverityText(Severity severity) => severity == Severity.Error ? "error" : "warning";

    /// <summary>Aligned columns: location, severity, rule, object, message; a summary line last.</summary>
    public static void WriteText(TextWriter output, CheckResult result, bool color)
    {
        var rows = result.Findings.Select(f => (Where: Where(f), f)).ToList();
        var whereWidth = rows.Count == 0 ? 0 : rows.Max(r => r.Where.Length);
        var ruleWidth = rows.Count == 0 ? 0 : rows.Max(r => r.f.Rule.Id.Length);
        var objectWidth = rows.Count == 0 ? 0 : rows.Max(r => r.f.Object.Length);
        foreach (var (where, finding) in rows)
        {
            var severity = SeverityText(finding.Rule.Severity).PadRight(7);
            if (color)
            {
                severity = (finding.Rule.Severity == Severity.Error ? "\u001b[31m" : "\u001b[33m") + severity + "\u001b[0m";
            }

            output.WriteLine($"{where.PadRight(whereWidth)}  {severity}  {finding.Rule.Id.PadRight(ruleWidth)}  {finding.Object.PadRight(objectWidth)}  {finding.Message}");
        }

        var errors = result.Findings.Count(f => f.Rule.Severity == Severity.Error);
        var warnings = result.Findings.Count - errors;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{errors} error(s), {warnings} warning(s) in {result.FileCount} file(s); {result.Cluster.Services.Length} Service(s), {result.Cluster.Pods.Length} pod(s) applied"));
    }

    /// <summary><c>{"findings":[{"rule","severity","object","file","line","message"}]}</c>.</summary>
    public static void WriteJson(Stream output, CheckResult result)
    {
        using var json = new Utf8JsonWriter(output, WriterOptions);
        json.WriteStartObject();
        json.WriteStartArray("findings");
        foreach (var finding in result.Findings)
        {
            json.WriteStartObject();
            json.WriteString("rule", finding.Rule.Id);
            json.WriteString("severity", SeverityText(finding.Rule.Severity));
            json.WriteString("object", finding.Object);
            json.WriteString("file", Uri(finding.File));
            json.WriteNumber("line", finding.Line);
            json.WriteString("message", finding.Message);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>SARIF 2.1.0: one run, the rules as driver metadata, one result per finding with its file and line.</summary>
    public static void WriteSarif(Stream output, CheckResult result)
    {
        using var json = new Utf8JsonWriter(output, WriterOptions);
        json.WriteStartObject();
        json.WriteString("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        json.WriteString("version", "2.1.0");
        json.WriteStartArray("runs");
        json.WriteStartObject();
        json.WriteStartObject("tool");
        json.WriteStartObject("driver");
        json.WriteString("name", "servicemodel");
        json.WriteString("version", ToolVersion);
        json.WriteString("informationUri", DocsUri);
        json.WriteStartArray("rules");
        foreach (var rule in Rule.All)
        {
            json.WriteStartObject();
            json.WriteString("id", rule.Id);
            json.WriteString("name", rule.Id);
            json.WriteStartObject("shortDescription");
            json.WriteString("text", rule.Title);
            json.WriteEndObject();
            json.WriteStartObject("fullDescription");
            json.WriteString("text", rule.Description);
            json.WriteEndObject();
            json.WriteString("helpUri", DocsUri + "#" + rule.Id);
            json.WriteStartObject("defaultConfiguration");
            json.WriteString("level", SeverityText(rule.Severity));
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteStartArray("results");
        foreach (var finding in result.Findings)
        {
            json.WriteStartObject();
            json.WriteString("ruleId", finding.Rule.Id);
            json.WriteNumber("ruleIndex", Rule.All.ToList().IndexOf(finding.Rule));
            json.WriteString("level", SeverityText(finding.Rule.Severity));
            json.WriteStartObject("message");
            json.WriteString("text", finding.Object.Length == 0 ? finding.Message : finding.Object + ": " + finding.Message);
            json.WriteEndObject();
            json.WriteStartArray("locations");
            json.WriteStartObject();
            json.WriteStartObject("physicalLocation");
            json.WriteStartObject("artifactLocation");
            json.WriteString("uri", SarifUri(finding.File));
            json.WriteEndObject();
            if (finding.Line > 0)
            {
                json.WriteStartObject("region");
                json.WriteNumber("startLine", finding.Line);
                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    }

    // SARIF wants a URI reference; a relative path with forward slashes is one, and so is what CI
    // code-scanning uploaders resolve against the checkout.
    private static string Uri(string? file) => (file ?? "").Replace('\\', '/');

    // SARIF's artifactLocation.uri is an RFC 3986 reference: a space or '#' in a path must be escaped,
    // or code-scanning uploads refuse the log or point at another file. Each segment on its own, so '/' stays.
    private static string SarifUri(string? file) => string.Join('/', Uri(file).Split('/').Select(System.Uri.EscapeDataString));

    private static string Where(Finding finding)
        => new StringBuilder(Uri(finding.File)).Append(':').Append(finding.Line.ToString(CultureInfo.InvariantCulture)).ToString();
}
