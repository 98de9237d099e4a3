using System.Buffers;
using System.Collections.Immutable;
using ServiceModel.Internal;
using ServiceModel.Labels;
using ServiceModel.Validation;

namespace ServiceModel.Services;

// spec.ports: each port's name, number, protocol, target port and app protocol, and the uniqueness
// of node ports and of (protocol, port) pairs across ports.
internal static class ServicePortRules
{
    /// <summary>The message for a port number outside 1-65535.</summary>
    public const string PortRangeMessage = "must be between 1 and 65535, inclusive";

    private static readonly string[] s_protocols = ["SCTP", "TCP", "UDP"];

    // Vectorised searches keep a megabyte-long name as cheap to reject as a short one.
    private static readonly SearchValues<char> s_portNameChars = SearchValues.Create("-0123456789abcdefghijklmnopqrstuvwxyz");

    public static void ValidatePort(ServicePort port, bool requireName, HashSet<string> names, string path, ImmutableArray<ValidationError>.Builder errors)
    {
        if (requireName && string.IsNullOrEmpty(port.Name))
        {
            errors.Add(ValidationError.Required(path + ".name"));
        }
        else if (!string.IsNullOrEmpty(port.Name))
        {
            foreach (var message in LabelValidation.ValidateDns1123Label(port.Name))
            {
                errors.Add(ValidationError.Invalid(path + ".name", port.Name, message));
            }

            if (!names.Add(port.Name))
            {
                errors.Add(ValidationError.Duplicate(path + ".name", port.Name));
            }
        }

        if (port.Port is < 1 or > 65535)
        {
            errors.Add(ValidationError.Invalid(path + ".port", port.Port, PortRangeMessage));
        }

        if (!Enum.IsDefined(port.Protocol))
        {
            errors.Add(ValidationError.NotSupported(path + ".protocol", port.Protocol, s_protocols));
        }

        if (port.TargetPort.IsString)
        {
            foreach (var message in PortNameErrors(port.TargetPort.StringValue!))
            {
                errors.Add(ValidationError.Invalid(path + ".targetPort", port.TargetPort.StringValue, message));
            }
        }
        else if (port.TargetPort.IntValue is < 1 or > 65535)
        {
            errors.Add(ValidationError.Invalid(path + ".targetPort", port.TargetPort.IntValue, PortRangeMessage));
        }

        if (port.AppProtocol is not null)
        {
            foreach (var message in LabelValidation.ValidateKey(port.AppProtocol))
            {
                errors.Add(ValidationError.Invalid(path + ".appProtocol", port.AppProtocol, message));
            }
        }
    }

    public static void ValidateNodePorts(ServiceSpec spec, ImmutableArray<ServicePort> ports, ImmutableArray<ValidationError>.Builder errors)
    {
        if (spec.Type == ServiceType.ClusterIP)
        {
            for (var i = 0; i < ports.Length; i++)
            {
                if (ports[i].NodePort != 0)
                {
                    errors.Add(ValidationError.Forbidden(ServiceValidator.Index("spec.ports", i) + ".nodePort", "may not be used when `type` is 'ClusterIP'"));
                }
            }
        }

        var nodePorts = new HashSet<(Protocol, int)>();
        for (var i = 0; i < ports.Length; i++)
        {
            if (ports[i].NodePort != 0 && !nodePorts.Add((ports[i].Protocol, ports[i].NodePort)))
            {
                errors.Add(ValidationError.Duplicate(ServiceValidator.Index("spec.ports", i) + ".nodePort", ports[i].NodePort));
            }
        }

        var seen = new HashSet<(Protocol, int)>();
        for (var i = 0; i < ports.Length; i++)
        {
            if (!seen.Add((ports[i].Protocol, ports[i].Port)))
            {
                // Upstream reports the (protocol, port) key as a ServicePort with only those two fields set.
                errors.Add(ValidationError.Duplicate(ServiceValidator.Index("spec.ports", i), new ServicePort { Protocol = ports[i].Protocol, Port = ports[i].Port }));
            }
        }
    }

    // IsValidPortName: IANA service names (RFC 6335), lower case only.
    public static List<string> PortNameErrors(string port)
    {
        var errors = new List<string>(4);
        // Go's len: bytes, though the message says characters.
        if (port.Length > 15 || System.Text.Encoding.UTF8.GetByteCount(port) > 15)
        {
            errors.Add(DnsNames.FieldLength(15));
        }

        if (port.Length == 0 || port.AsSpan().ContainsAnyExcept(s_portNameChars))
        {
            errors.Add("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
        }

        if (!port.AsSpan().ContainsAnyInRange('a', 'z'))
        {
            errors.Add("must contain at least one letter (a-z)");
        }

        if (port.Contains("--", StringComparison.Ordinal))
        {
            errors.Add("must not contain consecutive hyphens");
        }

        if (port.Length > 0 && (port[0] == '-' || port[^1] == '-'))
        {
            errors.Add("must not begin or end with a hyphen");
        }

        return errors;
    }
}
