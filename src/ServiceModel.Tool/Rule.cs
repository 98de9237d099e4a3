namespace ServiceModel.Tool;

/// <summary>One check, as documented in docs/tool.md: a stable id, a severity and what it means.</summary>
internal sealed record Rule(string Id, Severity Severity, string Title, string Description)
{
    public static readonly Rule ManifestError = new(
        "manifest-error", Severity.Error, "Manifest cannot be read",
        "A document is not well-formed YAML or JSON, names an unknown kind or version, or holds a value of the wrong type; it is not checked.");

    public static readonly Rule InvalidService = new(
        "invalid-service", Severity.Error, "The API server would refuse the Service",
        "Every validation error the Kubernetes API server returns for the Service, in its text.");

    public static readonly Rule NodePortConflict = new(
        "node-port-conflict", Severity.Error, "Node port already allocated",
        "A requested node port (or health-check node port) that a Service applied earlier already holds.");

    public static readonly Rule ClusterIPConflict = new(
        "cluster-ip-conflict", Severity.Error, "ClusterIP already allocated",
        "A requested ClusterIP that a Service applied earlier already holds.");

    public static readonly Rule DanglingService = new(
        "dangling-service", Severity.Warning, "Service selects no pod",
        "A Service with a selector that matches no Pod and no workload's pod template (its labels, not the workload's own) in the Service's namespace.");

    public static readonly Rule TargetPortNotFound = new(
        "target-port-not-found", Severity.Warning, "Named targetPort not declared",
        "A Service port whose named targetPort no container of the selected pods declares (with the port's protocol): those endpoints are left out of the EndpointSlices for that port.");

    public static readonly Rule LocalPolicyUncoveredNodes = new(
        "local-policy-uncovered-nodes", Severity.Warning, "externalTrafficPolicy: Local leaves nodes without endpoints",
        "A NodePort or LoadBalancer Service with externalTrafficPolicy: Local whose ready pods do not run on every node: kube-proxy drops external connections that arrive at the other nodes.");

    public static readonly Rule HeadlessNodePorts = new(
        "headless-node-ports", Severity.Error, "Headless Service with node ports",
        "A headless Service (clusterIP: None) of type NodePort or LoadBalancer, or one that asks for a nodePort: the API server refuses it (a headless Service has no virtual IP for kube-proxy to forward node ports to). Its validation error, in the API server's text.");

    public static readonly Rule SelectorOtherNamespace = new(
        "selector-other-namespace", Severity.Warning, "Selector matches only pods of another namespace",
        "A Service whose selector matches no pod or pod template in its own namespace but matches some in another: a Service only selects pods of its own namespace, so it has no endpoints. Reported instead of dangling-service.");

    public static readonly Rule DuplicateObject = new(
        "duplicate-object", Severity.Warning, "Object declared more than once",
        "Two documents declare the same kind, namespace and name: applied in order, the later one updates the earlier (kubectl apply keeps the last), so one of them is silently ignored or refused as an update.");

    // Appended only: a rule's index is its SARIF ruleIndex.
    public static IReadOnlyList<Rule> All { get; } =
        [ManifestError, InvalidService, NodePortConflict, ClusterIPConflict, HeadlessNodePorts, DanglingService, SelectorOtherNamespace, TargetPortNotFound, LocalPolicyUncoveredNodes, DuplicateObject];
}
