using System.Collections.Immutable;
using ServiceModel.Services;

namespace ServiceModel.Discovery;

/// <summary>
/// Answers "which Services select this pod" without testing every Service's selector: each
/// Service is filed under one (namespace, label key, label value) its selector requires, so a pod
/// only meets the Services filed under one of its own labels.
/// </summary>
/// <remarks>
/// <para>
/// Every pair of a Service's <c>spec.selector</c> is required, so a pod that lacks a Service's
/// filing pair cannot match it. Each Service is filed under the pair whose bucket is smallest when
/// it is added (ties: the first key in ordinal order), which keeps buckets short when many
/// Services share a common label such as <c>app</c>. Services without a selector select no pod
/// and are not filed.
/// </para>
/// <para>
/// A lookup probes one bucket per pod label and checks the whole selector only for the Services in
/// the buckets it hits. Results come ordered by namespace, then name.
/// </para>
/// <threadsafety>Immutable after construction and thread-safe.</threadsafety>
/// </remarks>
public sealed class ServiceIndex
{
    private static readonly Comparison<Service> s_byName = static (left, right) =>
    {
        var byNamespace = string.CompareOrdinal(left.Namespace, right.Namespace);
        return byNamespace != 0 ? byNamespace : string.CompareOrdinal(left.Name, right.Name);
    };

    private readonly Dictionary<(string Namespace, string Key, string Value), Service[]> _buckets;

    /// <summary>Indexes <paramref name="services"/>.</summary>
    /// <param name="services">The Services to index; those without a selector are skipped.</param>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or one of its items is null.</exception>
    public ServiceIndex(IEnumerable<Service> services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var buckets = new Dictionary<(string Namespace, string Key, string Value), List<Service>>();
        var count = 0;
        foreach (var service in services)
        {
            ArgumentNullException.ThrowIfNull(service, nameof(services));
            var selector = service.Spec.Selector;
            if (selector is null || selector.Count == 0)
            {
                continue;
            }

            (string, string, string)? best = null;
            var bestSize = int.MaxValue;
            foreach (var key in selector.Keys.Order(StringComparer.Ordinal))
            {
                var candidate = (service.Namespace, key, selector[key]);
                var size = buckets.TryGetValue(candidate, out var bucket) ? bucket.Count : 0;
                if (size < bestSize)
                {
                    best = candidate;
                    bestSize = size;
                }
            }

            var filing = best!.Value;
            if (!buckets.TryGetValue(filing, out var list))
            {
                buckets.Add(filing, list = []);
            }

            list.Add(service);
            count++;
        }

        _buckets = new Dictionary<(string, string, string), Service[]>(buckets.Count);
        foreach (var (filing, list) in buckets)
        {
            _buckets.Add(filing, [.. list]);
        }

        Count = count;
    }

    /// <summary>How many Services are indexed (those with a selector).</summary>
    public int Count { get; }

    /// <summary>The Services whose selector selects <paramref name="pod"/> (same namespace, every selector pair among its labels).</summary>
    /// <param name="pod">The pod.</param>
    /// <returns>The Services, ordered by namespace then name; empty when none.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="pod"/> is null.</exception>
    public ImmutableArray<Service> ServicesFor(Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ImmutableArray<Service>.Builder? matches = null;
        foreach (var (key, value) in pod.Labels)
        {
            if (!_buckets.TryGetValue((pod.Namespace, key, value), out var bucket))
            {
                continue;
            }

            foreach (var service in bucket)
            {
                if (PodRules.SelectorMatches(service.Spec.Selector!, pod.Labels))
                {
                    (matches ??= ImmutableArray.CreateBuilder<Service>()).Add(service);
                }
            }
        }

        if (matches is null)
        {
            return [];
        }

        matches.Sort(s_byName);
        return matches.DrainToImmutable();
    }
}
