using System.Collections.Immutable;
using ServiceModel.Services;

namespace ServiceModel.Discovery;

/// <summary>A slice being built: an existing one (named) or a new one (unnamed until the end).</summary>
internal sealed class SliceDraft(
    EndpointSlice? original,
    AddressType addressType,
    ImmutableArray<EndpointPort> ports,
    ImmutableDictionary<string, string> labels,
    List<Endpoint> endpoints)
{
    public string? Name { get; set; } = original?.Name;

    public AddressType AddressType { get; } = addressType;

    public List<Endpoint> Endpoints { get; } = endpoints;

    public EndpointSlice ToSlice(string name, Service service, string generateName)
    {
        if (original is not null && string.Equals(original.Name, name, StringComparison.Ordinal))
        {
            return original with { Labels = labels, Endpoints = [.. Endpoints] };
        }

        return new EndpointSlice(service.Namespace, name, AddressType)
        {
            GenerateName = generateName,
            Ports = ports,
            Labels = labels,
            Endpoints = [.. Endpoints],
            OwnerReferences = [new OwnerReference { ApiVersion = "v1", Kind = "Service", Name = service.Name, Uid = service.Uid, Controller = true }],
        };
    }
}
