using System.Collections.Immutable;
using System.Globalization;
using Microsoft.Extensions.Options;
using ServiceModel.Networking;

namespace ServiceModel.Configuration;

/// <summary>
/// Validates <see cref="ServiceModelOptions"/> with the API server's and controller manager's rules and
/// messages (<c>cmd/kube-apiserver/app/options/validation.go</c>, <c>completion.go</c>,
/// <c>cmd/kube-controller-manager/app/options/endpointslicecontroller.go</c>). Plain code, no
/// reflection: safe for trimming and native AOT.
/// </summary>
/// <remarks>
/// <para>Rules and texts, in the order they are reported:</para>
/// <list type="bullet">
/// <item>no range: <c>--service-cluster-ip-range must contain at least one valid cidr</c>;</item>
/// <item>unparsable entries: <c>service-cluster-ip-range[0] is not a valid cidr</c>,
/// <c>service-cluster-ip-range[1] is not an ip net</c> (followed by our reason);</item>
/// <item>a primary range of fewer than 8 addresses: <c>error determining service IP ranges for primary
/// service cidr: the service cluster IP range must be at least 8 IP addresses</c>;</item>
/// <item>more than two entries: <c>--service-cluster-ip-range must not contain more than two entries</c>;</item>
/// <item>more than 20 host bits (the bitmap allocator's limit):
/// <c>specified --service-cluster-ip-range is too large; for 32-bit addresses, the mask must be &gt;= 12</c>
/// (and <c>[1]</c> for the secondary, e.g. <c>for 128-bit addresses, the mask must be &gt;= 108</c>); with
/// <see cref="ServiceModelOptions.UseServiceCidrs"/> more than 64 host bits, as upstream when
/// <c>MultiCIDRServiceAllocator</c> is on (<c>for 128-bit addresses, the mask must be &gt;= 64</c>);</item>
/// <item>two entries of one family: <c>--service-cluster-ip-range[0] and --service-cluster-ip-range[1] must be of different IP family</c>;</item>
/// <item>a bad NodePort range: <c>invalid argument "…" for "--service-node-port-range" flag: …</c>;</item>
/// <item><c>max-endpoints-per-slice must not be less than 1, but got 0</c> /
/// <c>max-endpoints-per-slice must not be more than 1000, but got 1001</c>;</item>
/// <item><c>legacy-endpoints-max-capacity must not be less than 1, but got 0</c> /
/// <c>… must not be more than 1000, but got …</c> (our own setting, same wording).</item>
/// </list>
/// <para>
/// Where we differ: upstream masks host bits (<c>10.0.0.1/24</c> means <c>10.0.0.0/24</c>) and falls back
/// to the deprecated default for an empty flag; we reject both. Upstream 1.35 always runs the
/// ServiceCIDR allocator (the gate is locked on), so its limit is always 64; ServiceModel keeps the bitmap
/// (limit 20) as its default and applies 64 only with <see cref="ServiceModelOptions.UseServiceCidrs"/>.
/// </para>
/// </remarks>
/// <threadsafety>Stateless; safe to use from any thread.</threadsafety>
public sealed class ServiceModelOptionsValidator : IValidateOptions<ServiceModelOptions>
{
    /// <summary>The most host bits a ClusterIP range may have for the bitmap allocator (kube-apiserver's <c>maxCIDRBits</c>).</summary>
    public const int MaxClusterIPRangeHostBits = 20;

    /// <summary>
    /// The most host bits a ClusterIP range may have with <see cref="ServiceModelOptions.UseServiceCidrs"/>
    /// (kube-apiserver's <c>maxCIDRBits</c> when <c>MultiCIDRServiceAllocator</c> is on).
    /// </summary>
    public const int MaxServiceCidrRangeHostBits = 64;

    /// <summary>The fewest addresses the primary ClusterIP range must span (kube-apiserver's <c>ServiceIPRange</c>).</summary>
    public const int MinPrimaryClusterIPRangeSize = 8;

    private const string Flag = "--service-cluster-ip-range";

    /// <summary>Validates <paramref name="options"/>; every problem is reported, in upstream's order.</summary>
    /// <param name="name">The options name (ignored: every named instance follows the same rules).</param>
    /// <param name="options">The options.</param>
    /// <returns>Success, or a failure listing every message.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    public ValidateOptionsResult Validate(string? name, ServiceModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        ParseClusterIPRanges(options.ServiceClusterIPRange, options.UseServiceCidrs, errors);
        ParseNodePortRange(options.ServiceNodePortRange, errors);
        CheckLimit("max-endpoints-per-slice", options.MaxEndpointsPerSlice, ServiceModelOptions.MaxEndpointsPerSliceLimit, errors);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>Parses and checks the ClusterIP range flag text, appending every problem to <paramref name="errors"/>.</summary>
    internal static ImmutableArray<ServiceCidr> ParseClusterIPRanges(string? text, bool serviceCidrs, List<string> errors)
    {
        var maxHostBits = serviceCidrs ? MaxServiceCidrRangeHostBits : MaxClusterIPRangeHostBits;
        var initial = errors.Count;
        if (string.IsNullOrEmpty(text))
        {
            errors.Add(Flag + " must contain at least one valid cidr");
            return [];
        }

        // Like the API server, only the first two entries are parsed; a third is reported by the count check.
        var entries = text.Split(',');
        var parsed = ImmutableArray.CreateBuilder<ServiceCidr>(2);
        var failed = false;
        for (var i = 0; i < Math.Min(entries.Length, 2); i++)
        {
            try
            {
                parsed.Add(ServiceCidr.Parse(entries[i]));
            }
            catch (FormatException ex)
            {
                errors.Add((i == 0 ? "service-cluster-ip-range[0] is not a valid cidr: " : "service-cluster-ip-range[1] is not an ip net: ") + ex.Message);
                failed = true;
            }
        }

        // Upstream stops at parse errors (they come from Complete(), before Validate()).
        if (failed)
        {
            return [];
        }

        var primary = parsed[0];
        var hostBits = HostBits(primary);
        if (hostBits < 16 && (1 << hostBits) < MinPrimaryClusterIPRangeSize)
        {
            errors.Add("error determining service IP ranges for primary service cidr: the service cluster IP range must be at least "
                + MinPrimaryClusterIPRangeSize.ToString(CultureInfo.InvariantCulture) + " IP addresses");
        }

        if (entries.Length > 2)
        {
            errors.Add(Flag + " must not contain more than two entries");
        }

        CheckMaxSize(primary, Flag, maxHostBits, errors);
        if (parsed.Count == 2)
        {
            if (parsed[1].Family == primary.Family)
            {
                errors.Add(Flag + "[0] and " + Flag + "[1] must be of different IP family");
            }

            CheckMaxSize(parsed[1], Flag + "[1]", maxHostBits, errors);
        }

        return errors.Count == initial ? parsed.ToImmutable() : [];
    }

    /// <summary>Parses the NodePort range flag text, appending the problem to <paramref name="errors"/>.</summary>
    internal static PortRange ParseNodePortRange(string? text, List<string> errors)
    {
        try
        {
            return PortRange.Parse(text ?? string.Empty);
        }
        catch (FormatException ex)
        {
            errors.Add("invalid argument \"" + text + "\" for \"--service-node-port-range\" flag: " + ex.Message);
            return default;
        }
    }

    private static int HostBits(ServiceCidr cidr) => (cidr.Family == IPFamily.IPv4 ? 32 : 128) - cidr.PrefixLength;

    private static void CheckMaxSize(ServiceCidr cidr, string flag, int maxHostBits, List<string> errors)
    {
        var bits = cidr.Family == IPFamily.IPv4 ? 32 : 128;
        if (HostBits(cidr) > maxHostBits)
        {
            errors.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"specified {flag} is too large; for {bits}-bit addresses, the mask must be >= {bits - maxHostBits}"));
        }
    }

    private static void CheckLimit(string flag, int value, int max, List<string> errors)
    {
        if (value < 1)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{flag} must not be less than 1, but got {value}"));
        }
        else if (value > max)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{flag} must not be more than {max}, but got {value}"));
        }
    }
}
