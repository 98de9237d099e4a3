using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace ServiceModel.Traffic;

/// <summary>
/// The endpoints one scope spreads connections over (all nodes, or one node), chosen as upstream's
/// <c>CategorizeEndpoints</c> does: the ready ones, failing those the serving-and-terminating ones.
/// Built once; every route over the scope shares its candidates and its listing text.
/// </summary>
internal sealed class EndpointPool
{
    // Beyond this many candidates a message names the first few and counts the rest, so its length stays bounded.
    private const int ListedInFull = 4;
    private const int ListedWhenLong = 3;

    public static readonly EndpointPool Empty = new([], terminating: false, TopologyMode.None, string.Empty);

    // A pool narrowed by topology hints admits only endpoints hinted for its node or zone.
    private readonly TopologyMode _mode;
    private readonly string _hintedFor;

    private EndpointPool(ImmutableArray<TrafficCandidate> candidates, bool terminating, TopologyMode mode, string hintedFor)
    {
        Candidates = candidates;
        Terminating = terminating;
        Listing = List(candidates);
        _mode = mode;
        _hintedFor = hintedFor;
        if (mode != TopologyMode.None)
        {
            var (kind, reason) = mode == TopologyMode.PreferSameNode ? ("node", TopologyReason.SameNodeHints) : ("zone", TopologyReason.SameZoneHints);
            Scope = $"hinted for {kind} {hintedFor}";
            TopologyClause = $"; topology hints: {TopologyFilter.MessageFor(reason, hintedFor, hintedFor)}";
        }
    }

    /// <summary>Where a hinted pool's endpoints are, e.g. <c>hinted for zone zone-a</c>; empty for other pools.</summary>
    public string Scope { get; } = string.Empty;

    /// <summary>Why a hinted pool is used, as a message clause; empty for other pools. Built once, so a route adds no text for it.</summary>
    public string TopologyClause { get; } = string.Empty;

    public ImmutableArray<TrafficCandidate> Candidates { get; }

    /// <summary>True when no endpoint in scope was ready and the serving, terminating ones are used.</summary>
    public bool Terminating { get; }

    /// <summary>The candidates' <c>ip:port</c> texts, e.g. <c>10.0.0.1:8080, 10.0.0.2:8080</c>, or the first few and <c>and 997 more</c>.</summary>
    public string Listing { get; }

    public int Count => Candidates.Length;

    /// <summary>The pool over every endpoint (cluster-wide scope), in slice order.</summary>
    public static EndpointPool Build(ReadOnlySpan<EndpointView> endpoints) => Build(endpoints, [], all: true, TopologyMode.None, string.Empty);

    /// <summary>The pool over <paramref name="members"/> (indexes into <paramref name="endpoints"/>, in slice order).</summary>
    public static EndpointPool Build(ReadOnlySpan<EndpointView> endpoints, ReadOnlySpan<int> members) => Build(endpoints, members, all: false, TopologyMode.None, string.Empty);

    /// <summary>
    /// The pool over <paramref name="members"/>, the ready endpoints hinted for node or zone
    /// <paramref name="hintedFor"/> as <paramref name="mode"/> reads hints.
    /// </summary>
    public static EndpointPool BuildHinted(ReadOnlySpan<EndpointView> endpoints, ReadOnlySpan<int> members, TopologyMode mode, string hintedFor)
        => Build(endpoints, members, all: false, mode, hintedFor);

    private static EndpointPool Build(ReadOnlySpan<EndpointView> endpoints, ReadOnlySpan<int> members, bool all, TopologyMode mode, string hintedFor)
    {
        var count = all ? endpoints.Length : members.Length;
        int ready = 0, servingTerminating = 0;
        for (var k = 0; k < count; k++)
        {
            var endpoint = endpoints[all ? k : members[k]];
            if (endpoint.Ready)
            {
                ready++;
            }
            else if (endpoint.IsServingTerminating)
            {
                servingTerminating++;
            }
        }

        var size = ready > 0 ? ready : servingTerminating;
        if (size == 0)
        {
            return Empty;
        }

        var terminating = ready == 0;
        var probability = 1.0 / size;
        var builder = ImmutableArray.CreateBuilder<TrafficCandidate>(size);
        for (var k = 0; k < count; k++)
        {
            var endpoint = endpoints[all ? k : members[k]];
            if (terminating ? endpoint.IsServingTerminating : endpoint.Ready)
            {
                builder.Add(endpoint.ToCandidate(probability));
            }
        }

        return new EndpointPool(builder.MoveToImmutable(), terminating, mode, hintedFor);
    }

    /// <summary>Whether <paramref name="endpoint"/> is one of this pool's candidates.</summary>
    public bool Contains(EndpointView endpoint)
        => (Terminating ? endpoint.IsServingTerminating : endpoint.Ready)
            && TopologyFilter.AvailableForTopology(endpoint.Hints, _mode, _hintedFor, _hintedFor);

    private static string List(ImmutableArray<TrafficCandidate> candidates)
    {
        if (candidates.IsEmpty)
        {
            return string.Empty;
        }

        var shown = candidates.Length <= ListedInFull ? candidates.Length : ListedWhenLong;
        var text = new StringBuilder();
        for (var i = 0; i < shown; i++)
        {
            text.Append(i == 0 ? string.Empty : ", ").Append(candidates[i].Endpoint);
        }

        if (shown < candidates.Length)
        {
            text.Append(CultureInfo.InvariantCulture, $" and {candidates.Length - shown} more");
        }

        return text.ToString();
    }
}
