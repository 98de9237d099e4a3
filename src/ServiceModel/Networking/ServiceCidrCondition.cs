namespace ServiceModel.Networking;

/// <summary>
/// One entry of a ServiceCIDR's <c>status.conditions</c> (a <c>metav1.Condition</c>). The
/// allocator writes only the <c>Ready</c> condition, as Kubernetes' ServiceCIDR controllers do.
/// </summary>
/// <remarks>String properties default to the empty string; a null assigned to one is stored as empty.</remarks>
public sealed record ServiceCidrCondition
{
    /// <summary>The condition type of readiness (<c>"Ready"</c>).</summary>
    public const string Ready = "Ready";

    /// <summary>The reason set while a ServiceCIDR being deleted still holds addresses (<c>"Terminating"</c>).</summary>
    public const string ReasonTerminating = "Terminating";

    /// <summary>Status value <c>"True"</c>.</summary>
    public const string True = "True";

    /// <summary>Status value <c>"False"</c>.</summary>
    public const string False = "False";

    /// <summary>Status value <c>"Unknown"</c>.</summary>
    public const string Unknown = "Unknown";

    private readonly string _type = "";
    private readonly string _status = "";
    private readonly string _reason = "";
    private readonly string _message = "";

    /// <summary>The condition type, e.g. <see cref="Ready"/>. Default <c>""</c>.</summary>
    public string Type { get => _type; init => _type = value ?? ""; }

    /// <summary>The status: <see cref="True"/>, <see cref="False"/> or <see cref="Unknown"/>. Default <c>""</c>.</summary>
    public string Status { get => _status; init => _status = value ?? ""; }

    /// <summary>A CamelCase reason, e.g. <see cref="ReasonTerminating"/>; may be empty. Default <c>""</c>.</summary>
    public string Reason { get => _reason; init => _reason = value ?? ""; }

    /// <summary>A human-readable message. Default <c>""</c>.</summary>
    public string Message { get => _message; init => _message = value ?? ""; }

    /// <summary>When the status last changed. Default: <see cref="DateTimeOffset.MinValue"/> (unset).</summary>
    public DateTimeOffset LastTransitionTime { get; init; }
}
