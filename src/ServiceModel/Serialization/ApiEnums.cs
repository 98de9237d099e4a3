using ServiceModel.Discovery;
using ServiceModel.Labels;
using ServiceModel.Networking;
using ServiceModel.Services;

namespace ServiceModel.Serialization;

/// <summary>The API strings of every enum the wire format carries.</summary>
internal static class ApiEnums
{
    public static readonly ApiEnum<ServiceType> ServiceType = new(
        (Services.ServiceType.ClusterIP, "ClusterIP"),
        (Services.ServiceType.NodePort, "NodePort"),
        (Services.ServiceType.LoadBalancer, "LoadBalancer"),
        (Services.ServiceType.ExternalName, "ExternalName"));

    public static readonly ApiEnum<Protocol> Protocol = new(
        (Services.Protocol.TCP, "TCP"),
        (Services.Protocol.UDP, "UDP"),
        (Services.Protocol.SCTP, "SCTP"));

    public static readonly ApiEnum<IPFamily> IPFamily = new(
        (Networking.IPFamily.IPv4, "IPv4"),
        (Networking.IPFamily.IPv6, "IPv6"));

    public static readonly ApiEnum<IPFamilyPolicy> IPFamilyPolicy = new(
        (Services.IPFamilyPolicy.SingleStack, "SingleStack"),
        (Services.IPFamilyPolicy.PreferDualStack, "PreferDualStack"),
        (Services.IPFamilyPolicy.RequireDualStack, "RequireDualStack"));

    public static readonly ApiEnum<TrafficPolicy> TrafficPolicy = new(
        (Services.TrafficPolicy.Cluster, "Cluster"),
        (Services.TrafficPolicy.Local, "Local"));

    public static readonly ApiEnum<SessionAffinity> SessionAffinity = new(
        (Services.SessionAffinity.None, "None"),
        (Services.SessionAffinity.ClientIP, "ClientIP"));

    public static readonly ApiEnum<PodPhase> PodPhase = new(
        (Discovery.PodPhase.Pending, "Pending"),
        (Discovery.PodPhase.Running, "Running"),
        (Discovery.PodPhase.Succeeded, "Succeeded"),
        (Discovery.PodPhase.Failed, "Failed"),
        (Discovery.PodPhase.Unknown, "Unknown"));

    public static readonly ApiEnum<AddressType> AddressType = new(
        (Discovery.AddressType.IPv4, "IPv4"),
        (Discovery.AddressType.IPv6, "IPv6"),
        (Discovery.AddressType.FQDN, "FQDN"));

    // metav1.LabelSelector allows only these four; the string-selector operators have no API form here.
    public static readonly ApiEnum<SelectorOperator> SelectorOperator = new(
        (Labels.SelectorOperator.In, "In"),
        (Labels.SelectorOperator.NotIn, "NotIn"),
        (Labels.SelectorOperator.Exists, "Exists"),
        (Labels.SelectorOperator.DoesNotExist, "DoesNotExist"));
}
