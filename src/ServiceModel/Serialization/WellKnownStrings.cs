using System.Text;
using System.Text.Json;

namespace ServiceModel.Serialization;

/// <summary>
/// A fixed table of strings the Kubernetes API itself defines and objects repeat everywhere: the
/// well-known label and annotation keys (kubernetes.io/docs/reference/labels-annotations-taints),
/// the values its controllers write into them, and the string-typed API values such as
/// <c>trafficDistribution</c>. A read returns the table's instance instead of allocating a copy.
/// </summary>
/// <remarks>
/// The table is fixed at build time, never learned from the input, so it cannot grow with what is
/// read; it is immutable and safe to use from any thread.
/// </remarks>
internal static class WellKnownStrings
{
    private static readonly string[] s_strings =
    [
        // Recommended labels and the conventional selector key of every upstream example.
        "app",
        "app.kubernetes.io/name",
        "app.kubernetes.io/instance",
        "app.kubernetes.io/version",
        "app.kubernetes.io/component",
        "app.kubernetes.io/part-of",
        "app.kubernetes.io/managed-by",
        "app.kubernetes.io/created-by",

        // Labels and annotations the API server and its controllers set or read.
        Discovery.EndpointSlice.ServiceNameLabel,
        "kubernetes.io/metadata.name",
        "kubernetes.io/hostname",
        "kubernetes.io/os",
        "kubernetes.io/arch",
        Discovery.Node.ZoneLabel,
        "topology.kubernetes.io/region",
        Discovery.EndpointSlice.ManagedByLabel,
        "endpointslice.kubernetes.io/skip-mirror",
        "endpoints.kubernetes.io/last-change-trigger-time",
        Discovery.Endpoints.OverCapacityAnnotation,
        Discovery.EndpointSlice.HeadlessServiceLabel,
        "service.kubernetes.io/service-proxy-name",
        Discovery.TopologyAwareHints.TopologyModeAnnotation,
        "service.kubernetes.io/topology-aware-hints",
        "kubectl.kubernetes.io/last-applied-configuration",
        "kubectl.kubernetes.io/default-container",
        "pod-template-hash",
        "controller-revision-hash",

        // Values those keys carry.
        "true",
        "false",
        "Auto",
        Discovery.EndpointSlice.ControllerName,
        "endpointslicemirroring-controller.k8s.io",
        "linux",
        "windows",

        // String-typed API values (spec.trafficDistribution).
        Services.TrafficDistribution.PreferClose,
        Services.TrafficDistribution.PreferSameZone,
        Services.TrafficDistribution.PreferSameNode,
    ];

    private static readonly byte[][] s_utf8 = Array.ConvertAll(s_strings, Encoding.UTF8.GetBytes);

    /// <summary>
    /// The table's instance of the current string or property name token's text, or null when the
    /// text is not in the table.
    /// </summary>
    public static string? Find(ref Utf8JsonReader reader)
    {
        // Unescaped text in one segment (nearly always) is compared only with same-length entries;
        // otherwise the reader unescapes for each comparison.
        var length = reader.HasValueSequence || reader.ValueIsEscaped ? -1 : reader.ValueSpan.Length;
        for (var i = 0; i < s_utf8.Length; i++)
        {
            var utf8 = s_utf8[i];
            if ((length < 0 || utf8.Length == length) && reader.ValueTextEquals(utf8))
            {
                return s_strings[i];
            }
        }

        return null;
    }

    /// <summary>The current string token's text: the table's instance when it has one, otherwise a new string.</summary>
    public static string GetString(ref Utf8JsonReader reader) => Find(ref reader) ?? reader.GetString()!;
}
