using System.Collections.Immutable;
using ServiceModel.Labels;
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

    private readonly Dictionary<(string Namespace, string Key, string Value), Entry[]> _buckets;

    /// <summary>Indexes <paramref name="services"/>.</summary>
    /// <param name="services">The Services to index; those without a selector are skipped.</param>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or one of its items is null.</exception>
    public ServiceIndex(IEnumerable<Service> services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var buckets = new Dictionary<(string Namespace, string Key, string Value), List<Entry>>();
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

            list.Add(new Entry(service, PodRules.SelectorOf(service)));
            count++;
        }

        _buckets = new Dictionary<(string, string, string), Entry[]>(buckets.Count);
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
        return Match(pod, null);
    }

    /// <summary>
    /// Hands every pod to the Services that select it, in one pass over the pods: the batch path
    /// for computing many Services' endpoints (pass <c>lookup[service]</c> to
    /// <see cref="EndpointSliceReconciler.Compute"/>, <see cref="EndpointSliceReconciler.Reconcile"/>
    /// or <see cref="Endpoints.ForService"/>), rather than handing each Service every pod.
    /// </summary>
    /// <remarks>
    /// Costs one <see cref="ServicesFor"/> per pod, so the whole batch follows the number of pods
    /// and of matches, not pods × Services. The lookup is keyed by Service (value equality); a
    /// Service that selects no pod, or is not indexed, reads as an empty sequence. Pods keep their
    /// input order within each Service.
    /// </remarks>
    /// <param name="pods">The pods, for example every pod of a namespace.</param>
    /// <returns>The pods of each indexed Service that selects at least one.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="pods"/> or one of its items is null.</exception>
    public ILookup<Service, Pod> AssignPods(IEnumerable<Pod> pods)
    {
        ArgumentNullException.ThrowIfNull(pods);
        var assigned = new Dictionary<Service, List<Pod>>(ReferenceEqualityComparer.Instance);
        foreach (var pod in pods)
        {
            ArgumentNullException.ThrowIfNull(pod, nameof(pods));
            Match(pod, assigned);
        }

        return new ServicePods(assigned);
    }

    // Collects the Services selecting the pod, or (with `assigned`) files the pod under each.
    private ImmutableArray<Service> Match(Pod pod, Dictionary<Service, List<Pod>>? assigned)
    {
        Entry[]? first = null;
        List<Entry[]>? more = null;
        var candidates = 0;
        foreach (var (key, value) in pod.Labels)
        {
            if (_buckets.TryGetValue((pod.Namespace, key, value), out var bucket))
            {
                if (first is null)
                {
                    first = bucket;
                }
                else
                {
                    (more ??= []).Add(bucket);
                }

                candidates += bucket.Length;
            }
        }

        if (first is null)
        {
            return [];
        }

        // Matching one pod against several selectors pays for a prepared label set.
        IReadOnlyDictionary<string, string> labels = candidates > 1 ? LabelSet.Create(pod.Labels) : pod.Labels;
        ImmutableArray<Service>.Builder? matches = null;
        Collect(first, labels, pod, assigned, ref matches);
        if (more is not null)
        {
            foreach (var bucket in more)
            {
                Collect(bucket, labels, pod, assigned, ref matches);
            }
        }

        if (matches is null)
        {
            return [];
        }

        matches.Sort(s_byName);
        return matches.DrainToImmutable();
    }

    private static void Collect(
        Entry[] bucket,
        IReadOnlyDictionary<string, string> labels,
        Pod pod,
        Dictionary<Service, List<Pod>>? assigned,
        ref ImmutableArray<Service>.Builder? matches)
    {
        foreach (var entry in bucket)
        {
            if (!entry.Selector.Matches(labels))
            {
                continue;
            }

            if (assigned is null)
            {
                (matches ??= ImmutableArray.CreateBuilder<Service>()).Add(entry.Service);
            }
            else
            {
                if (!assigned.TryGetValue(entry.Service, out var list))
                {
                    assigned.Add(entry.Service, list = []);
                }

                list.Add(pod);
            }
        }
    }

    private readonly record struct Entry(Service Service, LabelSelector Selector);
}
