using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ServiceModel.Labels;
using ServiceModel.Services;
using ServiceModel.Tests.Properties;

namespace ServiceModel.Tests.Services;

public class AnnotationProperties
{
    private static readonly Service s_valid = ServiceDefaults.Apply(new Service
    {
        Name = "web",
        Spec = new ServiceSpec { Ports = [new ServicePort { Port = 80 }] },
    });

    private static string[] Errors(ImmutableDictionary<string, string> annotations)
        => [.. ServiceValidator.Validate(s_valid with { Annotations = annotations }).Select(e => e.ToString())];

    [Property(MaxTest = 300)]
    public Property Valid_annotations_never_yield_errors()
        => Prop.ForAll(AnnotationGenerators.ValidPairs.ToArbitrary(), pairs =>
        {
            var errors = Errors(AnnotationGenerators.ToMap(pairs));
            var update = ServiceValidator.ValidateUpdate(s_valid, s_valid with { Annotations = AnnotationGenerators.ToMap(pairs) });
            return (errors.Length == 0 && update.IsEmpty).Label(string.Join("; ", errors.Concat(update.Select(e => e.ToString()))));
        });

    // The map's own iteration order (here changed through a comparer that hashes differently) never
    // changes which errors come back or their order.
    [Property(MaxTest = 300)]
    public Property Errors_are_order_stable()
        => Prop.ForAll(AnnotationGenerators.HostilePairs.ToArbitrary(), pairs =>
        {
            var forward = Errors(AnnotationGenerators.ToMap(pairs));
            var scrambled = Errors(AnnotationGenerators.ToMap([.. pairs.Reverse()], new ReversedHashComparer()));
            return forward.SequenceEqual(scrambled).Label(string.Join("; ", forward) + " <> " + string.Join("; ", scrambled));
        });

    // For ASCII keys (where Go's and .NET's lowercasing agree) a key is reported exactly when its
    // lowercase form is not a label key, once per message, in ordinal key order.
    [Property(MaxTest = 300)]
    public Property A_key_is_reported_exactly_when_its_lowercase_is_not_a_label_key()
        => Prop.ForAll(AnnotationGenerators.HostilePairs.ToArbitrary(), pairs =>
        {
            var ascii = pairs.Where(p => p.Key.All(char.IsAscii)).ToArray();
            var reported = ServiceValidator.Validate(s_valid with { Annotations = AnnotationGenerators.ToMap(ascii) })
                .Where(e => e.Field == "metadata.annotations")
                .Select(e => (string)e.BadValue!)
                .ToArray();
            var expected = ascii.Select(p => p.Key)
                .Order(StringComparer.Ordinal)
                .SelectMany(k => LabelValidation.ValidateKey(k.ToLowerInvariant()).Select(_ => k))
                .ToArray();
            return reported.SequenceEqual(expected).Label(string.Join(", ", reported) + " <> " + string.Join(", ", expected));
        });

    private sealed class ReversedHashComparer : IEqualityComparer<string>
    {
        public bool Equals(string? x, string? y) => string.Equals(x, y, StringComparison.Ordinal);

        public int GetHashCode(string obj) => ~StringComparer.Ordinal.GetHashCode(new string([.. obj.Reverse()]));
    }
}
