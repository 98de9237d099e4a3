namespace ServiceModel.Discovery;

/// <summary>
/// What makes two endpoints "the same endpoint" to the reconciler: sorted addresses, hostname and
/// the target's namespace and name. Everything else (conditions, node, zone) may change in place.
/// </summary>
internal readonly struct EndpointIdentity : IEquatable<EndpointIdentity>
{
    private readonly string _addresses;
    private readonly string? _hostname;
    private readonly string? _namespace;
    private readonly string? _name;

    public EndpointIdentity(Endpoint endpoint)
    {
        var addresses = endpoint.Addresses;
        if (addresses.Length == 1)
        {
            _addresses = addresses[0];
        }
        else
        {
            var sorted = addresses.ToArray();
            Array.Sort(sorted, StringComparer.Ordinal);
            _addresses = string.Join('\n', sorted);
        }

        _hostname = endpoint.Hostname ?? "";
        _namespace = endpoint.TargetRef?.Namespace ?? "";
        _name = endpoint.TargetRef?.Name ?? "";
    }

    public bool Equals(EndpointIdentity other)
        => string.Equals(_addresses, other._addresses, StringComparison.Ordinal)
           && string.Equals(_name, other._name, StringComparison.Ordinal)
           && string.Equals(_namespace, other._namespace, StringComparison.Ordinal)
           && string.Equals(_hostname, other._hostname, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is EndpointIdentity other && Equals(other);

    // Namespace and hostname rarely tell endpoints of one Service apart; equality still checks them.
    public override int GetHashCode() => HashCode.Combine(_addresses, _name);

    /// <summary>
    /// Whether two endpoints of the same identity also agree on what the identity leaves out: node,
    /// zone, conditions and target reference. When they do, the existing one needs no update.
    /// </summary>
    public static bool EqualBeyondIdentity(Endpoint left, Endpoint right)
        => string.Equals(left.NodeName, right.NodeName, StringComparison.Ordinal)
           && string.Equals(left.Zone, right.Zone, StringComparison.Ordinal)
           && left.Conditions == right.Conditions
           && Equals(left.TargetRef, right.TargetRef);
}
