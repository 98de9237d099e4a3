using ServiceModel.Discovery;

namespace ServiceModel.Traffic;

/// <summary>One endpoint of one Service port as kube-proxy keeps it: first address, slice port, node, conditions and topology hints.</summary>
internal readonly record struct EndpointView(
    string Address, int Port, string? NodeName, string? Zone, bool Ready, bool Serving, bool Terminating, EndpointHints? Hints)
{
    public bool IsUsable => Ready || (Serving && Terminating);

    public bool IsServingTerminating => !Ready && Serving && Terminating;

    public TrafficCandidate ToCandidate(double probability) => new()
    {
        Address = Address,
        Port = Port,
        NodeName = NodeName,
        Zone = Zone,
        Ready = Ready,
        Serving = Serving,
        Terminating = Terminating,
        Probability = probability,
    };
}
