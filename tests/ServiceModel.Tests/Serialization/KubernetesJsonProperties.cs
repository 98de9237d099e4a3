using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ServiceModel.Allocation;
using ServiceModel.Networking;
using ServiceModel.Serialization;
using ServiceModel.Services;
using ServiceModel.Tests.Properties;

namespace ServiceModel.Tests.Serialization;

public class KubernetesJsonProperties
{
    private static bool RoundTrips<T>(T value)
        where T : class
    {
        var json = KubernetesJson.Serialize(value);
        var utf8 = KubernetesJson.SerializeToUtf8Bytes(value);
        return Equals(KubernetesJson.Deserialize<T>(json), value)
            && Equals(KubernetesJson.Deserialize<T>(utf8), value)
            && KubernetesJson.Serialize(KubernetesJson.Deserialize<T>(json)) == json;
    }

    [Property(MaxTest = 300)]
    public Property Every_service_round_trips()
        => Prop.ForAll(JsonGenerators.Service.ToArbitrary(), RoundTrips);

    [Property(MaxTest = 300)]
    public Property Every_pod_round_trips()
        => Prop.ForAll(JsonGenerators.Pod.ToArbitrary(), RoundTrips);

    [Property(MaxTest = 200)]
    public Property Every_endpoint_slice_round_trips()
        => Prop.ForAll(JsonGenerators.Slice.ToArbitrary(), RoundTrips);

    [Property(MaxTest = 200)]
    public Property Every_legacy_endpoints_round_trips()
        => Prop.ForAll(JsonGenerators.Endpoints.ToArbitrary(), RoundTrips);

    [Property(MaxTest = 300)]
    public Property Every_selector_spec_round_trips()
        => Prop.ForAll(JsonGenerators.SelectorSpec.ToArbitrary(), RoundTrips);

    [Property(MaxTest = 200)]
    public Property Every_ip_address_object_round_trips()
        => Prop.ForAll(JsonGenerators.IPAddress.ToArbitrary(), RoundTrips);

    [Property(MaxTest = 200)]
    public Property Every_service_cidr_object_round_trips()
        => Prop.ForAll(JsonGenerators.ServiceCidr.ToArbitrary(), RoundTrips);

    // A snapshot written as the two lists the API server serves and read back is the same state.
    [Property(MaxTest = 100)]
    public Property Every_service_cidr_allocator_state_round_trips_as_two_lists()
        => Prop.ForAll(
            JsonGenerators.UpTo(JsonGenerators.ServiceCidr, 3).ToArbitrary(),
            JsonGenerators.UpTo(JsonGenerators.IPAddress, 4).ToArbitrary(),
            (cidrs, addresses) =>
            {
                var state = new ServiceCidrAllocatorState { ServiceCidrs = [.. cidrs], IPAddresses = [.. addresses] };
                var read = new ServiceCidrAllocatorState
                {
                    ServiceCidrs = KubernetesJson.DeserializeList<ServiceCidrObject>(KubernetesJson.SerializeList(state.ServiceCidrs)),
                    IPAddresses = KubernetesJson.DeserializeList<IPAddressObject>(KubernetesJson.SerializeList(state.IPAddresses)),
                };
                return read == state;
            });

    [Property(MaxTest = 200)]
    public Property Every_range_allocation_round_trips()
        => Prop.ForAll(JsonGenerators.RangeAllocation.ToArbitrary(), RoundTrips);

    [Property(MaxTest = 100)]
    public Property Every_service_list_round_trips()
        => Prop.ForAll(JsonGenerators.UpTo(JsonGenerators.Service, 5).ToArbitrary(), services =>
            KubernetesJson.DeserializeList<Service>(KubernetesJson.SerializeList<Service>(services)).SequenceEqual(services));
}
