namespace ServiceModel.Allocation;

/// <summary>Why an allocation, or a restore from a snapshot, failed.</summary>
public enum AllocationError
{
    /// <summary>Every value in the range is allocated (Kubernetes: <c>range is full</c>).</summary>
    Full = 0,

    /// <summary>The requested value is already allocated (Kubernetes: <c>provided IP is already allocated</c> / <c>provided port is already allocated</c>).</summary>
    AlreadyAllocated = 1,

    /// <summary>The requested value is not one the range hands out (outside it, or an excluded address).</summary>
    NotInRange = 2,

    /// <summary>A snapshot belongs to a different range than the one it is restored into.</summary>
    RangeMismatch = 3,

    /// <summary>A snapshot's range text is unreadable or its data sets bits beyond the range.</summary>
    CorruptSnapshot = 4,
}
