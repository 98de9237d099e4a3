using System.Collections.Immutable;
using System.Diagnostics;
using ServiceModel.Services;

namespace ServiceModel.Tests.Services;

// metadata.annotations (ValidateAnnotations in apimachinery's objectmeta.go, v1.35): keys are label
// keys once lowercased, reported at metadata.annotations with the key as given; keys and values
// together may take 256 KiB (UTF-8 bytes); the ValidateService-level topology annotation check.
public class AnnotationValidationTests
{
    private const string Path = "metadata.annotations";

    private const string NamePartSyntax =
        "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character " +
        "(e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

    private const string ManySlashes =
        "a valid label key must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character " +
        "(e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') " +
        "with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')";

    private const string TooLong = "metadata.annotations: Too long: may not be more than 262144 bytes";

    private static Service Svc(ImmutableDictionary<string, string> annotations, ImmutableDictionary<string, string>? labels = null, int port = 80)
        => ServiceDefaults.Apply(new Service
        {
            Name = "web",
            Labels = labels ?? ImmutableDictionary<string, string>.Empty,
            Annotations = annotations,
            Spec = new ServiceSpec { Ports = [new ServicePort { Port = port }] },
        });

    private static ImmutableDictionary<string, string> Map(params (string Key, string Value)[] pairs)
        => pairs.ToImmutableDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    private static string[] Errors(Service service) => [.. ServiceValidator.Validate(service).Select(e => e.ToString())];

    [Fact]
    public void Keys_are_checked_lowercased_and_values_are_free_text()
    {
        var annotations = Map(
            ("Example.COM/Some-Key", "any text: with spaces,\nnewlines and ünïcode"),
            ("kubernetes.io/change-cause", ""),
            ("APP", "{\"json\": true}"));
        Assert.Empty(Errors(Svc(annotations)));

        // The same uppercase prefix is not a valid label key: annotations really are lowercased first.
        Assert.NotEmpty(ServiceValidator.Validate(Svc(Map(), labels: Map(("Example.COM/Some-Key", "v")))));
    }

    [Fact]
    public void Bad_keys_are_reported_at_the_map_with_the_key_as_given_in_key_order()
    {
        var errors = Errors(Svc(Map(("b/c/D", "1"), ("-Bad", "2"), ("ok", "3"), ("/X", "4"))));
        Assert.Equal(
            [
                $"{Path}: Invalid value: \"-Bad\": {NamePartSyntax}",
                $"{Path}: Invalid value: \"/X\": prefix part must be non-empty",
                $"{Path}: Invalid value: \"b/c/D\": {ManySlashes}",
            ],
            errors);
    }

    [Fact]
    public void Name_part_length_is_counted_in_bytes_of_the_lowercased_key()
    {
        Assert.Empty(Errors(Svc(Map((new string('A', 63), "")))));
        Assert.Equal([$"{Path}: Invalid value: \"{new string('A', 64)}\": name part must be no more than 63 bytes"], Errors(Svc(Map((new string('A', 64), "")))));
    }

    [Fact]
    public void Letters_whose_go_lowercase_is_ascii_pass_like_upstream()
    {
        // Go's strings.ToLower maps U+0130 to 'i' and the Kelvin sign U+212A to 'k' (simple case
        // mapping), so upstream accepts these keys; other non-ASCII letters stay invalid.
        Assert.Empty(Errors(Svc(Map(("\u0130tem", "x"), ("\u212Aey", "y")))));
        Assert.Equal([$"{Path}: Invalid value: \"\u00C9t\u00E9\": {NamePartSyntax}"], Errors(Svc(Map(("\u00C9t\u00E9", "x")))));
    }

    [Fact]
    public void The_total_size_limit_is_256_KiB_of_keys_and_values_in_utf8_bytes()
    {
        // "k" + value: exactly the limit passes, one byte more fails with upstream's TooLong text.
        Assert.Empty(Errors(Svc(Map(("k", new string('v', 262143))))));
        Assert.Equal([TooLong], Errors(Svc(Map(("k", new string('v', 262144))))));

        // Split over several entries, keys count too.
        Assert.Equal([TooLong], Errors(Svc(Map(("a", new string('v', 131071)), ("b", new string('v', 131071)), ("cc", "")))));
        Assert.Empty(Errors(Svc(Map(("a", new string('v', 131071)), ("b", new string('v', 131071))))));

        // 'é' is two UTF-8 bytes: 131072 of them are 262144 bytes, plus the key's one byte.
        Assert.Equal([TooLong], Errors(Svc(Map(("k", new string('\u00E9', 131072))))));
        Assert.Empty(Errors(Svc(Map(("k", new string('\u00E9', 131071))))));
    }

    [Fact]
    public void Annotation_errors_follow_labels_and_precede_the_spec_and_size_comes_last()
    {
        var service = Svc(Map(("-bad", new string('v', 300_000))), labels: Map(("-label", "v")), port: 0);
        var errors = Errors(service);
        Assert.Equal(5, errors.Length);
        Assert.StartsWith("metadata.labels: Invalid value: \"-label\"", errors[0], StringComparison.Ordinal);
        Assert.StartsWith($"{Path}: Invalid value: \"-bad\"", errors[1], StringComparison.Ordinal);
        Assert.Equal(TooLong, errors[2]);
        Assert.StartsWith("spec.ports[0].port:", errors[3], StringComparison.Ordinal);
        Assert.StartsWith("spec.ports[0].targetPort:", errors[4], StringComparison.Ordinal);
    }

    [Fact]
    public void A_megabyte_annotation_validates_fast_and_reports_boundedly()
    {
        const int megabyte = 1 << 20;
        var value = Svc(Map(("k", new string('v', megabyte))));
        var key = Svc(Map((new string('-', megabyte), "v")));
        ServiceValidator.Validate(value);
        ServiceValidator.Validate(key);

        var clock = Stopwatch.StartNew();
        var valueErrors = Errors(value);
        var keyErrors = Errors(key);
        clock.Stop();

        Assert.Equal([TooLong], valueErrors);
        Assert.Equal(3, keyErrors.Length);
        Assert.All(keyErrors, e => Assert.True(e.Length < 2048, $"{e.Length} characters"));
        Assert.Contains("more characters omitted", keyErrors[0], StringComparison.Ordinal);
        Assert.True(clock.ElapsedMilliseconds < 50, $"{clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public void Topology_mode_must_match_the_deprecated_hints_annotation_when_both_are_set()
    {
        const string mode = "service.kubernetes.io/topology-mode";
        const string hints = "service.kubernetes.io/topology-aware-hints";
        Assert.Empty(Errors(Svc(Map((mode, "Auto"), (hints, "Auto")))));
        Assert.Empty(Errors(Svc(Map((mode, "Auto")))));
        Assert.Empty(Errors(Svc(Map((hints, "auto")))));
        Assert.Equal(
            [$"{Path}[{mode}]: Invalid value: \"auto\": must match annotations[{hints}] when both are specified"],
            Errors(Svc(Map((mode, "auto"), (hints, "Auto")))));

        // It is ValidateService's first check, after the metadata and before the spec.
        var errors = Errors(Svc(Map((mode, "a"), (hints, "b"), ("-k", "")), port: 0));
        Assert.StartsWith($"{Path}: Invalid value: \"-k\"", errors[0], StringComparison.Ordinal);
        Assert.StartsWith($"{Path}[{mode}]", errors[1], StringComparison.Ordinal);
        Assert.StartsWith("spec.ports[0].port", errors[2], StringComparison.Ordinal);
    }

    [Fact]
    public void Annotations_are_checked_on_update_after_the_labels()
    {
        var old = Svc(Map(("ok", "1")));
        var updated = old with { Labels = Map(("-label", "v")), Annotations = Map(("-bad", "1"), ("big", new string('v', 262144))) };
        var errors = ServiceValidator.ValidateUpdate(old, updated).Select(e => e.ToString()).ToArray();
        Assert.Equal(3, errors.Length);
        Assert.StartsWith("metadata.labels:", errors[0], StringComparison.Ordinal);
        Assert.Equal($"{Path}: Invalid value: \"-bad\": {NamePartSyntax}", errors[1]);
        Assert.Equal(TooLong, errors[2]);
    }

    [Fact]
    public void Uid_may_not_change_on_update_but_may_be_left_empty()
    {
        var old = Svc(Map()) with { Uid = "6f8e7c1a-0000-4000-8000-000000000001" };
        Assert.Empty(ServiceValidator.ValidateUpdate(old, old));
        Assert.Empty(ServiceValidator.ValidateUpdate(old, old with { Uid = "" }));
        Assert.Equal(
            ["metadata.uid: Invalid value: \"other\": field is immutable"],
            ServiceValidator.ValidateUpdate(old, old with { Uid = "other", Labels = Map(("ok", "v")) }).Select(e => e.ToString()));

        // Between the namespace and the labels, as ValidateObjectMetaAccessorUpdate orders them.
        var errors = ServiceValidator.ValidateUpdate(old, old with { Namespace = "other", Uid = "x", Labels = Map(("-l", "v")) }).Select(e => e.Field).ToArray();
        Assert.Equal(["metadata.namespace", "metadata.uid", "metadata.labels"], errors);
    }

    [Fact]
    public void A_timestamp_the_stored_service_lacks_may_not_be_added_on_update()
    {
        var created = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.FromHours(2));
        var old = Svc(Map());

        // The API server copies stored timestamps over the update's, so changing or dropping one is no error.
        var stored = old with { CreationTimestamp = created, DeletionTimestamp = created };
        Assert.Empty(ServiceValidator.ValidateUpdate(stored, stored with { CreationTimestamp = null, DeletionTimestamp = created.AddHours(1) }));

        Assert.Equal(
            [
                "metadata.uid: Invalid value: \"u\": field is immutable",
                "metadata.creationTimestamp: Invalid value: \"2025-01-02T01:04:05Z\": field is immutable",
                "metadata.deletionTimestamp: Invalid value: \"2025-01-02T01:04:05Z\": field is immutable",
                "metadata.labels: Invalid value: \"-l\": " + NamePartSyntax,
            ],
            ServiceValidator.ValidateUpdate(old, old with { Uid = "u", CreationTimestamp = created.AddTicks(1234), DeletionTimestamp = created, Labels = Map(("-l", "v")) })
                .Select(e => e.ToString()));
    }
}
