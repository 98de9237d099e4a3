using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using ServiceModel.Allocation;
using ServiceModel.Internal;

namespace ServiceModel.Services;

/// <summary>
/// The check the API server's repair controllers run over the Service allocators
/// (<c>pkg/registry/core/service/ipallocator/controller/repair.go</c>,
/// <c>pkg/registry/core/service/portallocator/controller/repair.go</c>): compares what the allocators
/// mark with what the live Services hold and reports every disagreement, with the texts upstream logs.
/// </summary>
/// <remarks>
/// <para>What a Service holds, as upstream decides it:</para>
/// <list type="bullet">
/// <item>cluster IPs: every <c>spec.clusterIPs</c> entry of a Service whose <c>spec.clusterIP</c> is set and
/// not <c>None</c> (upstream's <c>IsServiceIPSet</c>), so headless and ExternalName Services hold none; a
/// Service carrying only the singular <c>clusterIP</c> (an old client's) holds that one. Entries are read as
/// the Service fields are (leading zeros decimal) and compared as addresses;</item>
/// <item>node ports: every non-zero <c>spec.ports[].nodePort</c> and <c>spec.healthCheckNodePort</c> of any
/// Service, whatever its type (upstream's <c>collectServiceNodePorts</c>). A node port repeated under the
/// same protocol counts twice (reported as held twice), under another protocol once; the health-check node
/// port counts unless it equals a node port used only by non-TCP ports. So an ExternalName Service that
/// keeps node ports (validation allows it, allocation ignores them) is reported as holding unmarked ports,
/// as upstream reports it.</item>
/// </list>
/// <para>
/// Leaks: upstream does not release a marked but unheld value at once. It logs
/// <c>the cluster IP … may have leaked: flagging for later clean up</c> (or <c>the node port …</c>), keeps
/// the mark for two more passes, and releases it on the third consecutive pass that finds it unheld,
/// logging <c>… appears to have leaked: cleaning up</c>. This check is one pass and reports the first text;
/// it never releases anything.
/// </para>
/// <para>
/// The check only reads: it never changes an allocator. It reads each allocator as of the call; a check
/// racing allocations may see a value marked before its Service is stored (upstream's reason for waiting
/// before it releases leaks).
/// </para>
/// </remarks>
/// <threadsafety>Thread-safe: the check keeps no state and only reads the allocators.</threadsafety>
public static class AllocationRepair
{
    /// <summary>Checks a <see cref="ServiceAllocator"/>'s allocators against the live Services.</summary>
    /// <param name="allocator">The allocator whose ClusterIP and NodePort allocators are checked (read only).</param>
    /// <param name="liveServices">Every Service in the cluster, all namespaces.</param>
    /// <returns>The findings; <see cref="RepairReport.IsClean"/> when everything agrees.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="liveServices"/> contains null.</exception>
    public static RepairReport Check(ServiceAllocator allocator, IEnumerable<Service> liveServices)
    {
        ArgumentNullException.ThrowIfNull(allocator);
        return Check(allocator.PrimaryClusterIPs, allocator.SecondaryClusterIPs, allocator.NodePorts, liveServices);
    }

    /// <summary>Checks ClusterIP and NodePort allocators against the live Services.</summary>
    /// <param name="primaryClusterIPs">The primary family's ClusterIP allocator (read only).</param>
    /// <param name="secondaryClusterIPs">The other family's ClusterIP allocator on a dual-stack cluster, or <see langword="null"/>.</param>
    /// <param name="nodePorts">The NodePort allocator (read only).</param>
    /// <param name="liveServices">Every Service in the cluster, all namespaces.</param>
    /// <returns>The findings; <see cref="RepairReport.IsClean"/> when everything agrees.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="primaryClusterIPs"/>, <paramref name="nodePorts"/> or <paramref name="liveServices"/> is null.</exception>
    /// <exception cref="ArgumentException">Both ClusterIP allocators have the same family, or <paramref name="liveServices"/> contains null.</exception>
    public static RepairReport Check(
        ClusterIPAllocator primaryClusterIPs,
        ClusterIPAllocator? secondaryClusterIPs,
        NodePortAllocator nodePorts,
        IEnumerable<Service> liveServices)
    {
        ArgumentNullException.ThrowIfNull(primaryClusterIPs);
        ArgumentNullException.ThrowIfNull(nodePorts);
        ArgumentNullException.ThrowIfNull(liveServices);
        if (secondaryClusterIPs is not null && secondaryClusterIPs.Cidr.Family == primaryClusterIPs.Cidr.Family)
        {
            throw new ArgumentException(
                $"the secondary range {secondaryClusterIPs.Cidr} must be of a different IP family than the primary {primaryClusterIPs.Cidr}",
                nameof(secondaryClusterIPs));
        }

        var services = liveServices.ToList();
        if (services.Contains(null!))
        {
            throw new ArgumentException("the live Services must not contain null", nameof(liveServices));
        }

        var findings = ImmutableArray.CreateBuilder<RepairFinding>();
        ClusterIPRepairCheck.Run(primaryClusterIPs, secondaryClusterIPs, services, findings);
        NodePortRepairCheck.Run(nodePorts, services, findings);
        return new RepairReport { Findings = findings.ToImmutable() };
    }

    // "namespace/name" for the report; the log lines keep upstream's name/namespace order.
    internal static string Key(Service service) => service.Namespace + "/" + service.Name;

    internal static string LogName(Service service) => service.Name + "/" + service.Namespace;

    internal static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);

    internal static string Text(IPAddress ip) => IPText.Format(ip);
}
