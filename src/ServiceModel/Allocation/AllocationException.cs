namespace ServiceModel.Allocation;

/// <summary>
/// An allocation or restore failed for an expected reason (<see cref="Error"/>); the message is
/// Kubernetes' text where Kubernetes has one. The allocator is unchanged.
/// </summary>
public class AllocationException : InvalidOperationException
{
    /// <summary>Creates an exception with reason <see cref="AllocationError.Full"/> and a generic message.</summary>
    public AllocationException()
        : this(AllocationError.Full, "range is full")
    {
    }

    /// <summary>Creates an exception with reason <see cref="AllocationError.Full"/>.</summary>
    /// <param name="message">The message.</param>
    public AllocationException(string message)
        : this(AllocationError.Full, message)
    {
    }

    /// <summary>Creates an exception with reason <see cref="AllocationError.Full"/> and an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public AllocationException(string message, Exception? innerException)
        : this(AllocationError.Full, message, innerException)
    {
    }

    /// <summary>Creates an exception for <paramref name="error"/>.</summary>
    /// <param name="error">Why the operation failed.</param>
    /// <param name="message">What was wrong and what is allowed.</param>
    /// <param name="innerException">The cause, if any.</param>
    public AllocationException(AllocationError error, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Error = error;
    }

    /// <summary>Why the operation failed.</summary>
    public AllocationError Error { get; }
}
