using System.Collections.Immutable;

namespace ServiceModel.Discovery;

/// <summary>The ports a set of pods resolves to, and their order-free key.</summary>
internal sealed class PortGroup(int[] resolved, ImmutableArray<EndpointPort> ports)
{
    public int[] Resolved { get; } = resolved;

    public ImmutableArray<EndpointPort> Ports { get; } = ports;

    public PortSetKey Key { get; } = new(ports);
}
