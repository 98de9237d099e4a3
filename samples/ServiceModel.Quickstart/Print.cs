using ServiceModel.Services;
using ServiceModel.Traffic;

namespace ServiceModel.Quickstart;

/// <summary>The walkthrough's output format: numbered sections and aligned "label  value" rows.</summary>
internal static class Print
{
    private const int LabelWidth = 30;
    private const int TextWidth = 100;
    private static int s_section;

    public static void Section(string title, string whatItShows)
    {
        Console.WriteLine();
        Console.WriteLine($"{++s_section}. {title}");
        Console.WriteLine($"   {whatItShows}");
    }

    public static void Row(string label, object? value) => Console.WriteLine($"   {label,-LabelWidth}{value}");

    /// <summary>A paragraph, word-wrapped at <see cref="TextWidth"/> columns and indented.</summary>
    public static void Text(string text)
    {
        var line = new System.Text.StringBuilder("  ");
        foreach (var word in text.Split(' '))
        {
            if (line.Length + 1 + word.Length > TextWidth)
            {
                Console.WriteLine(line);
                line.Clear().Append("  ");
            }

            line.Append(' ').Append(word);
        }

        Console.WriteLine(line);
    }

    /// <summary>kube-proxy's reasoning for one connection, as the library words it.</summary>
    public static void Why(TrafficRoute route) => Text("why: " + route.Message);

    /// <summary>The fields of a stored Service that the walkthrough follows.</summary>
    public static void Spec(Service service)
    {
        var spec = service.Spec;
        Row("spec.type", spec.Type);
        Row("spec.clusterIP", spec.ClusterIP);
        Row("spec.ports[0]", Describe(spec.Ports[0]));
        Row(spec.ExternalTrafficPolicy is null ? "spec.internalTrafficPolicy" : "spec.externalTrafficPolicy",
            spec.ExternalTrafficPolicy ?? spec.InternalTrafficPolicy);
    }

    public static string Describe(ServicePort port)
        => $"{port.Port}/{port.Protocol} -> targetPort {port.TargetPort}" + (port.NodePort == 0 ? string.Empty : $", nodePort {port.NodePort}");

    /// <summary>Where a connection goes, one line per candidate pod, e.g. <c>10.244.1.2:9376 (worker-1) p=1/2</c>.</summary>
    public static string Outcome(TrafficRoute route) => route.Outcome switch
    {
        TrafficOutcome.Routed => string.Join(", ", route.Candidates.Select(c => $"{c.Endpoint} on {c.NodeName} p={Fraction(c.Probability)}")),
        TrafficOutcome.Dropped => "dropped (no local endpoint; the client times out)",
        TrafficOutcome.Rejected => "rejected (no endpoints; ICMP port unreachable)",
        _ => "not proxied (no rule for this address)",
    };

    // kube-proxy spreads uniformly, so every probability is 1/n.
    private static string Fraction(double p) => p >= 1 ? "1" : $"1/{Math.Round(1 / p)}";
}
