using ServiceModel.Discovery;

namespace ServiceModel.Traffic;

/// <summary>
/// How the topology rules read one kind of endpoint record: kube-proxy's readiness, serving and
/// terminating flags, locality and hints. Static members, so a struct implementation costs nothing per call.
/// </summary>
/// <typeparam name="T">The endpoint record.</typeparam>
internal interface IHintedEndpointView<T>
{
    static abstract bool IsReady(T endpoint);

    static abstract bool IsServing(T endpoint);

    static abstract bool IsTerminating(T endpoint);

    static abstract bool IsLocal(T endpoint, string nodeName);

    static abstract EndpointHints? Hints(T endpoint);
}
