using ServiceModel.Discovery;

namespace ServiceModel.Tool;

/// <summary>
/// Pods of every namespace indexed by label (key, value), so that a selector is matched against the
/// pods carrying its rarest pair, never against every pod. Built only when a Service selects nothing.
/// </summary>
internal sealed class PodsByLabel
{
    private readonly Dictionary<(string Key, string Value), List<Pod>> _pods = [];

    public PodsByLabel(IEnumerable<Pod> pods)
    {
        foreach (var pod in pods)
        {
            foreach (var label in pod.Labels)
            {
                var key = (label.Key, label.Value);
                if (!_pods.TryGetValue(key, out var list))
                {
                    _pods[key] = list = [];
                }

                list.Add(pod);
            }
        }
    }

    /// <summary>The namespaces other than <paramref name="except"/> holding a pod that the selector matches, sorted.</summary>
    public IReadOnlyList<string> Namespaces(IReadOnlyDictionary<string, string> selector, string except)
    {
        List<Pod>? rarest = null;
        foreach (var pair in selector)
        {
            if (!_pods.TryGetValue((pair.Key, pair.Value), out var list))
            {
                return [];
            }

            if (rarest is null || list.Count < rarest.Count)
            {
                rarest = list;
            }
        }

        if (rarest is null)
        {
            return [];
        }

        return [.. rarest
            .Where(pod => pod.Namespace != except && selector.All(pair => pod.Labels.TryGetValue(pair.Key, out var value) && value == pair.Value))
            .Select(pod => pod.Namespace)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)];
    }
}
