namespace ServiceModel.Traffic;

/// <summary>Why kube-proxy chose the <see cref="TopologyMode"/> it did; <see cref="EndpointCategories.Message"/> says the same in words.</summary>
public enum TopologyReason
{
    /// <summary>Every ready endpoint has a node hint and at least one names the entry node.</summary>
    SameNodeHints = 0,

    /// <summary>Every ready endpoint has a zone hint and at least one names the entry node's zone.</summary>
    SameZoneHints = 1,

    /// <summary>The traffic policy in force is Local only, so cluster-wide endpoints (and topology) do not apply.</summary>
    NotApplicable = 2,

    /// <summary>No endpoint is ready, so there are no hints to consider.</summary>
    NoReadyEndpoints = 3,

    /// <summary>At least one ready endpoint has no zone hint (and node hints did not apply): hints are used only when every ready endpoint has them.</summary>
    EndpointMissingZoneHint = 4,

    /// <summary>Every ready endpoint has a zone hint, but the entry node has no zone label.</summary>
    NodeHasNoZone = 5,

    /// <summary>Every ready endpoint has a zone hint, but none names the entry node's zone.</summary>
    NoHintsForZone = 6,
}
