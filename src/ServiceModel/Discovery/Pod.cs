using System.Collections.Immutable;
using ServiceModel.Internal;
using System.Text.Json.Serialization;
using ServiceModel.Serialization;

namespace ServiceModel.Discovery;

/// <summary>
/// The parts of a Kubernetes Pod that decide its endpoints: identity, labels, addresses, phase,
/// readiness, deletion, placement, DNS names and named container ports.
/// </summary>
/// <remarks>
/// Immutable; derive variants with <see langword="with"/>. Equality is by value, collections
/// included. Unset collections read as empty.
/// </remarks>
[JsonConverter(typeof(PodJsonConverter))]
public sealed record Pod
{
    private readonly ImmutableDictionary<string, string> _labels = ImmutableDictionary<string, string>.Empty;
    private readonly ImmutableArray<string> _podIPs = [];
    private readonly string _namespace;
    private readonly string _name;
    private readonly ImmutableArray<ContainerPort> _containerPorts = [];
    private readonly ImmutableArray<PodCondition> _conditions = [];

    /// <summary>Creates a pod in <paramref name="namespace"/> named <paramref name="name"/>.</summary>
    /// <param name="namespace">The pod's namespace (<c>metadata.namespace</c>).</param>
    /// <param name="name">The pod's name (<c>metadata.name</c>).</param>
    /// <exception cref="ArgumentException">Either argument is null or empty.</exception>
    public Pod(string @namespace, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(@namespace, nameof(@namespace));
        ArgumentException.ThrowIfNullOrEmpty(name);
        _namespace = @namespace;
        _name = name;
    }

    /// <summary>The pod's namespace (<c>metadata.namespace</c>); never null or empty.</summary>
    /// <exception cref="ArgumentException">Set to null or empty (also through <see langword="with"/>).</exception>
    public string Namespace
    {
        get => _namespace;
        init
        {
            ArgumentException.ThrowIfNullOrEmpty(value, nameof(Namespace));
            _namespace = value;
        }
    }

    /// <summary>The pod's name (<c>metadata.name</c>); never null or empty.</summary>
    /// <exception cref="ArgumentException">Set to null or empty (also through <see langword="with"/>).</exception>
    public string Name
    {
        get => _name;
        init
        {
            ArgumentException.ThrowIfNullOrEmpty(value, nameof(Name));
            _name = value;
        }
    }

    /// <summary>The pod's UID (<c>metadata.uid</c>); empty by default.</summary>
    /// <exception cref="ArgumentNullException">Set to <see langword="null"/> (also through <see langword="with"/>).</exception>
    public string Uid { get; init => field = ModelGuard.NotNull(value, nameof(Uid)); } = "";

    /// <summary>The pod's labels (<c>metadata.labels</c>); empty by default, never null.</summary>
    /// <exception cref="ArgumentException">A value is <see langword="null"/> (also through <see langword="with"/>).</exception>
    public ImmutableDictionary<string, string> Labels
    {
        get => _labels;
        init => _labels = ModelGuard.Values(value, nameof(Labels));
    }

    /// <summary>
    /// The pod's addresses (<c>status.podIPs[].ip</c>), primary first, in the API's own text; empty by
    /// default. A pod without addresses gets no endpoint. Endpoints copy this text as written; an
    /// address counts as IPv6 only when it reads as a (non IPv4-mapped) IPv6 address, as upstream's
    /// <c>IsIPv6String</c> decides.
    /// </summary>
    /// <exception cref="ArgumentException">An item is <see langword="null"/> (also through <see langword="with"/>).</exception>
    public ImmutableArray<string> PodIPs
    {
        get => _podIPs;
        init => _podIPs = ModelGuard.Items(value, nameof(PodIPs));
    }

    /// <summary>The pod's phase (<c>status.phase</c>); <see cref="PodPhase.Running"/> by default.</summary>
    public PodPhase Phase { get; init; } = PodPhase.Running;

    /// <summary>
    /// Whether the pod's <c>Ready</c> condition is <c>True</c>, as the endpoint controllers read it;
    /// <see langword="false"/> by default (a pod without the condition is not ready).
    /// </summary>
    /// <remarks>
    /// A view of <see cref="Conditions"/>, not a separate fact: setting it sets the status of the
    /// <c>Ready</c> condition to <c>True</c> or <c>False</c> (adding the condition when missing), so
    /// the two never disagree. In an object initializer the later of <see cref="Ready"/> and
    /// <see cref="Conditions"/> wins.
    /// </remarks>
    public bool Ready
    {
        get => IsReady(_conditions);
        init => _conditions = WithReady(_conditions, value);
    }

    /// <summary>When deletion was requested (<c>metadata.deletionTimestamp</c>); null while the pod lives.</summary>
    public DateTimeOffset? DeletionTimestamp { get; init; }

    /// <summary>Whether the pod is terminating: its <see cref="DeletionTimestamp"/> is set.</summary>
    public bool IsTerminating => DeletionTimestamp is not null;

    /// <summary>The node the pod runs on (<c>spec.nodeName</c>); null while unscheduled.</summary>
    public string? NodeName { get; init; }

    /// <summary>The pod's requested hostname (<c>spec.hostname</c>); null when unset.</summary>
    public string? Hostname { get; init; }

    /// <summary>The pod's subdomain (<c>spec.subdomain</c>); null when unset.</summary>
    public string? Subdomain { get; init; }

    /// <summary>
    /// The ports of the pod's containers, in spec order: regular containers first, then sidecars
    /// (init containers with <c>restartPolicy: Always</c>); empty by default. A named target port
    /// resolves to the first port here with that name and the Service port's protocol.
    /// </summary>
    /// <exception cref="ArgumentException">An item is <see langword="null"/> (also through <see langword="with"/>).</exception>
    public ImmutableArray<ContainerPort> ContainerPorts
    {
        get => _containerPorts;
        init => _containerPorts = ModelGuard.Items(value, nameof(ContainerPorts));
    }

    /// <summary>
    /// The pod's conditions (<c>status.conditions</c>), in the API's order; empty by default.
    /// <see cref="Ready"/> reads the <c>Ready</c> condition here.
    /// </summary>
    /// <exception cref="ArgumentException">An item is <see langword="null"/> (also through <see langword="with"/>).</exception>
    public ImmutableArray<PodCondition> Conditions
    {
        get => _conditions;
        init => _conditions = ModelGuard.Items(value, nameof(Conditions));
    }

    /// <summary>Whether the pod uses the node's network namespace (<c>spec.hostNetwork</c>); <see langword="false"/> by default.</summary>
    public bool HostNetwork { get; init; }

    /// <summary>Whether the phase is terminal (<see cref="PodPhase.Succeeded"/> or <see cref="PodPhase.Failed"/>).</summary>
    public bool IsTerminal => Phase is PodPhase.Succeeded or PodPhase.Failed;

    /// <inheritdoc/>
    public bool Equals(Pod? other)
        => other is not null
           && string.Equals(Namespace, other.Namespace, StringComparison.Ordinal)
           && string.Equals(Name, other.Name, StringComparison.Ordinal)
           && string.Equals(Uid, other.Uid, StringComparison.Ordinal)
           && Phase == other.Phase
           && HostNetwork == other.HostNetwork
           && DeletionTimestamp == other.DeletionTimestamp
           && string.Equals(NodeName, other.NodeName, StringComparison.Ordinal)
           && string.Equals(Hostname, other.Hostname, StringComparison.Ordinal)
           && string.Equals(Subdomain, other.Subdomain, StringComparison.Ordinal)
           && ImmutableEquality.ArraysEqual(PodIPs, other.PodIPs)
           && ImmutableEquality.ArraysEqual(ContainerPorts, other.ContainerPorts)
           && ImmutableEquality.DictionariesEqual(Labels, other.Labels)
           && ImmutableEquality.ArraysEqual(Conditions, other.Conditions);

    /// <inheritdoc/>
    public override int GetHashCode()
        => HashCode.Combine(
            HashCode.Combine(Namespace, Name, Uid, Phase, HostNetwork, DeletionTimestamp),
            HashCode.Combine(NodeName, Hostname, Subdomain),
            ImmutableEquality.ArrayHash(PodIPs),
            ImmutableEquality.ArrayHash(ContainerPorts),
            ImmutableEquality.DictionaryHash(Labels),
            ImmutableEquality.ArrayHash(Conditions));

    private static bool IsReady(ImmutableArray<PodCondition> conditions)
    {
        foreach (var condition in conditions)
        {
            if (condition.IsReadyCondition)
            {
                return string.Equals(condition.Status, PodCondition.StatusTrue, StringComparison.Ordinal);
            }
        }

        return false;
    }

    private static ImmutableArray<PodCondition> WithReady(ImmutableArray<PodCondition> conditions, bool ready)
    {
        var status = ready ? PodCondition.StatusTrue : PodCondition.StatusFalse;
        for (var i = 0; i < conditions.Length; i++)
        {
            if (conditions[i].IsReadyCondition)
            {
                return string.Equals(conditions[i].Status, status, StringComparison.Ordinal)
                    ? conditions
                    : conditions.SetItem(i, conditions[i] with { Status = status });
            }
        }

        return conditions.Add(new PodCondition { Type = PodCondition.ReadyType, Status = status });
    }
}
