namespace ServiceModel.KubernetesClient;

/// <summary>A document (or a List item) that could not be read, where it is and why.</summary>
/// <param name="Location">Where the reader found the problem.</param>
/// <param name="Message">What is wrong, naming the field where one is to blame (e.g. <c>spec.ports[0].port: …</c>).</param>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record ManifestError(ManifestLocation Location, string Message)
{
    /// <summary>The error as compilers print one: <c>file:line:column (document N): message</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Location + ": " + Message;
}
