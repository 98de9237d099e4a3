namespace ServiceModel.Discovery;

/// <summary>The selected pods in name order, with the port group they share or each one's own.</summary>
internal sealed record SelectedPods(List<Pod> Pods, PortGroup? Shared, PortGroup[]? PerPod);
