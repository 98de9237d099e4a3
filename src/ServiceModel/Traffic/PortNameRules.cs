using System.Globalization;
using ServiceModel.Services;

namespace ServiceModel.Traffic;

/// <summary>
/// The syntax of the port part of a service proxy path: a port number 1-65535 or an IANA
/// service name as Kubernetes checks it (<c>IsValidPortName</c>, shared with ServiceValidator).
/// </summary>
internal static class PortNameRules
{
    /// <summary>Every problem with <paramref name="port"/>; empty when it is a valid number or name.</summary>
    public static List<string> Validate(ReadOnlySpan<char> port)
    {
        var errors = new List<string>();
        if (IsAllDigits(port))
        {
            if (!TryParseNumber(port, out _))
            {
                errors.Add("must be between 1 and 65535, inclusive");
            }

            return errors;
        }

        errors.AddRange(ServicePortRules.PortNameErrors(port.ToString()));
        return errors;
    }

    /// <summary>Whether the text is a port number (digits only, 1-65535), as the API server's <c>ParseInt</c> sees it.</summary>
    public static bool TryParseNumber(ReadOnlySpan<char> port, out int number)
    {
        number = 0;
        if (!IsAllDigits(port)
            || !int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            || value is < 1 or > 65535)
        {
            return false;
        }

        number = value;
        return true;
    }

    private static bool IsAllDigits(ReadOnlySpan<char> text)
        => !text.IsEmpty && !text.ContainsAnyExceptInRange('0', '9');
}
