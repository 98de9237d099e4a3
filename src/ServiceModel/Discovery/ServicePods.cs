using System.Collections;
using System.Collections.Immutable;
using ServiceModel.Services;

namespace ServiceModel.Discovery;

/// <summary>The pods each Service selects, as <see cref="ServiceIndex.AssignPods"/> returns them.</summary>
internal sealed class ServicePods : ILookup<Service, Pod>
{
    private readonly Dictionary<Service, Grouping> _groups;

    public ServicePods(Dictionary<Service, List<Pod>> assigned)
    {
        // Looked up by value, so that an equal copy of an indexed Service finds its pods; a Service
        // indexed twice is one Service.
        _groups = new Dictionary<Service, Grouping>(assigned.Count);
        foreach (var (service, pods) in assigned)
        {
            _groups.TryAdd(service, new Grouping(service, [.. pods]));
        }
    }

    public int Count => _groups.Count;

    public IEnumerable<Pod> this[Service key]
        => key is not null && _groups.TryGetValue(key, out var group) ? group.Pods : ImmutableArray<Pod>.Empty;

    public bool Contains(Service key) => key is not null && _groups.ContainsKey(key);

    public IEnumerator<IGrouping<Service, Pod>> GetEnumerator() => _groups.Values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private sealed class Grouping(Service key, ImmutableArray<Pod> pods) : IGrouping<Service, Pod>
    {
        public Service Key { get; } = key;

        public ImmutableArray<Pod> Pods { get; } = pods;

        public IEnumerator<Pod> GetEnumerator() => ((IEnumerable<Pod>)Pods).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
