namespace ServiceModel.Discovery;

/// <summary>
/// A pod's lifecycle phase (<c>status.phase</c>), spelled as the Kubernetes API spells it.
/// </summary>
public enum PodPhase
{
    /// <summary>Accepted but not all containers are running yet (<c>"Pending"</c>).</summary>
    Pending = 0,

    /// <summary>Bound to a node with at least one container running (<c>"Running"</c>).</summary>
    Running = 1,

    /// <summary>Every container terminated successfully; terminal (<c>"Succeeded"</c>).</summary>
    Succeeded = 2,

    /// <summary>Every container terminated and at least one failed; terminal (<c>"Failed"</c>).</summary>
    Failed = 3,

    /// <summary>The phase could not be obtained (<c>"Unknown"</c>).</summary>
    Unknown = 4,
}
