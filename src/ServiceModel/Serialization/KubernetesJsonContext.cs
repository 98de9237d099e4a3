using System.Text.Json.Serialization;
using ServiceModel.Allocation;
using ServiceModel.Discovery;
using ServiceModel.Labels;
using ServiceModel.Networking;
using ServiceModel.Services;

namespace ServiceModel.Serialization;

/// <summary>
/// The source-generated resolver behind <see cref="KubernetesJson.Options"/>: it only hands out the
/// hand-written converters, so no reflection metadata is generated or needed (trim and AOT safe).
/// </summary>
[JsonSourceGenerationOptions(
    GenerationMode = JsonSourceGenerationMode.Metadata,
    Converters = [
        typeof(ServiceJsonConverter),
        typeof(PodJsonConverter),
        typeof(EndpointSliceJsonConverter),
        typeof(EndpointsJsonConverter),
        typeof(LabelSelectorSpecJsonConverter),
        typeof(RangeAllocationJsonConverter),
        typeof(IPAddressObjectJsonConverter),
        typeof(ServiceCidrObjectJsonConverter)])]
[JsonSerializable(typeof(Service))]
[JsonSerializable(typeof(Pod))]
[JsonSerializable(typeof(EndpointSlice))]
[JsonSerializable(typeof(Endpoints))]
[JsonSerializable(typeof(LabelSelectorSpec))]
[JsonSerializable(typeof(RangeAllocation))]
[JsonSerializable(typeof(IPAddressObject))]
[JsonSerializable(typeof(ServiceCidrObject))]
internal sealed partial class KubernetesJsonContext : JsonSerializerContext;
