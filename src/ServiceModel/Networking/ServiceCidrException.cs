namespace ServiceModel.Networking;

/// <summary>A ServiceCIDR operation failed for an expected reason (<see cref="Error"/>); nothing changed.</summary>
public sealed class ServiceCidrException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="error">Why the operation failed.</param>
    /// <param name="message">Kubernetes' text for it.</param>
    public ServiceCidrException(ServiceCidrError error, string message)
        : base(message)
    {
        Error = error;
    }

    /// <summary>Why the operation failed.</summary>
    public ServiceCidrError Error { get; }
}
