using System.Collections.Immutable;
using ServiceModel.Services;

namespace ServiceModel.Discovery;

/// <summary>
/// Groups pods by the numbers they resolve a Service's ports to: every pod of a group serves the
/// same endpoint ports, so both controllers work per group rather than per (pod, port) pair.
/// </summary>
internal sealed class PortGroups(ImmutableArray<ServicePort> servicePorts)
{
    private readonly List<PortGroup> _groups = [];
    private PortGroup? _shared;

    /// <summary>Whether every target port is a number, so that every pod falls in one group.</summary>
    public bool Uniform { get; } = PodRules.AllTargetPortsNumeric(servicePorts);

    /// <summary>The group of <paramref name="pod"/>; null stands for any pod when <see cref="Uniform"/>.</summary>
    public PortGroup For(Pod? pod)
    {
        if (pod is null && _shared is not null)
        {
            return _shared;
        }

        // A missing named port resolves to -1 and is left out of the group's ports.
        Span<int> resolved = servicePorts.Length <= 32 ? stackalloc int[servicePorts.Length] : new int[servicePorts.Length];
        for (var i = 0; i < servicePorts.Length; i++)
        {
            var servicePort = servicePorts[i];
            var target = servicePort.TargetPort;
            if (pod is null)
            {
                resolved[i] = target.IntValue == 0 ? servicePort.Port : target.IntValue;
            }
            else
            {
                resolved[i] = PodRules.TryFindPort(pod, servicePort, out var number) ? number : -1;
            }
        }

        foreach (var group in _groups)
        {
            if (group.Resolved.AsSpan().SequenceEqual(resolved))
            {
                return group;
            }
        }

        var ports = ImmutableArray.CreateBuilder<EndpointPort>(servicePorts.Length);
        for (var i = 0; i < servicePorts.Length; i++)
        {
            if (resolved[i] >= 0)
            {
                var servicePort = servicePorts[i];
                ports.Add(new EndpointPort
                {
                    Name = servicePort.Name ?? "",
                    Port = resolved[i],
                    Protocol = servicePort.Protocol,
                    AppProtocol = servicePort.AppProtocol,
                });
            }
        }

        var created = new PortGroup(resolved.ToArray(), ports.DrainToImmutable());
        _groups.Add(created);
        if (pod is null)
        {
            _shared = created;
        }

        return created;
    }
}
