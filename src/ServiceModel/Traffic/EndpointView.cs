namespace ServiceModel.Traffic;

/// <summary>One endpoint of one Service port as kube-proxy keeps it: first address, slice port, node and conditions.</summary>
internal readonly record struct EndpointView(
    string Address, int Port, string? NodeName, string? Zone, bool IsLocal, bool Ready, bool Serving, bool Terminating)
{
    public bool IsUsable => Ready || (Serving && Terminating);

    public TrafficCandidate ToCandidate(double probability)
        => new(Address, Port, NodeName, Zone, IsLocal, Ready, Serving, Terminating, probability);
}
