namespace ServiceModel.Tool;

/// <summary>One problem found, at the document it concerns (<see cref="Object"/> is <c>Kind/namespace/name</c>, or <c>""</c> when the document could not be read).</summary>
internal sealed record Finding(Rule Rule, string Object, string? File, int Line, string Message);
