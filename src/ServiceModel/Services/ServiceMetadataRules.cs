using System.Collections.Immutable;
using System.Text;
using ServiceModel.Internal;
using ServiceModel.Labels;
using ServiceModel.Validation;

namespace ServiceModel.Services;

// The object metadata of a Service: its name (a DNS-1035 label), namespace (a DNS-1123 label),
// label maps (also used for the selector) and annotations. On create all of them are checked; on
// update the labels and annotations are (after the immutability checks), as ValidateObjectMetaUpdate does.
internal static class ServiceMetadataRules
{
    /// <summary>The most bytes all annotation keys and values may take together (256 KiB).</summary>
    public const int TotalAnnotationSizeLimit = 256 * 1024;

    public const string AnnotationsPath = "metadata.annotations";

    // The two spellings of the Topology Aware Routing annotation, which ValidateService requires to
    // agree when both are set (Discovery reads them; Services may not depend on Discovery).
    private const string TopologyModeAnnotation = "service.kubernetes.io/topology-mode";
    private const string DeprecatedTopologyAwareHintsAnnotation = "service.kubernetes.io/topology-aware-hints";

    public static void ValidateMetadata(Service service, ImmutableArray<ValidationError>.Builder errors)
    {
        if (string.IsNullOrEmpty(service.Name))
        {
            errors.Add(ValidationError.Required("metadata.name", "name or generateName is required"));
        }
        else
        {
            foreach (var message in DnsNames.Dns1035LabelErrors(service.Name))
            {
                errors.Add(ValidationError.Invalid("metadata.name", service.Name, message));
            }
        }

        if (string.IsNullOrEmpty(service.Namespace))
        {
            errors.Add(ValidationError.Required("metadata.namespace"));
        }
        else
        {
            foreach (var message in LabelValidation.ValidateDns1123Label(service.Namespace))
            {
                errors.Add(ValidationError.Invalid("metadata.namespace", service.Namespace, message));
            }
        }

        ValidateLabelMap(service.Labels, "metadata.labels", errors);
        ValidateAnnotations(service.Annotations, errors);
    }

    public static void ValidateLabelMap(IReadOnlyDictionary<string, string>? labels, string path, ImmutableArray<ValidationError>.Builder errors)
    {
        if (labels is null)
        {
            return;
        }

        // Go iterates maps in random order; sorting keys makes our order reproducible.
        foreach (var key in labels.Keys.Order(StringComparer.Ordinal))
        {
            foreach (var message in LabelValidation.ValidateKey(key))
            {
                errors.Add(ValidationError.Invalid(path, key, message));
            }

            // Upstream reports a bad value at the map's own path, not at the key: one path for both.
            foreach (var message in LabelValidation.ValidateValue(labels[key]))
            {
                errors.Add(ValidationError.Invalid(path, labels[key], message));
            }
        }
    }

    // ValidateAnnotations: every key a label key once lowercased (so "Example.com/Key" passes), each
    // error at the map's path with the key as given; then one TooLong error when the keys and values
    // together exceed 256 KiB. Values are free text and never checked one by one.
    public static void ValidateAnnotations(ImmutableDictionary<string, string> annotations, ImmutableArray<ValidationError>.Builder errors)
    {
        if (annotations.IsEmpty)
        {
            return;
        }

        // The valid case is checked without sorting; only a map with a bad key pays for the order.
        var allValid = true;
        foreach (var key in annotations.Keys)
        {
            if (!LabelValidation.IsValidKey(GoLower(key)))
            {
                allValid = false;
                break;
            }
        }

        if (!allValid)
        {
            foreach (var key in annotations.Keys.Order(StringComparer.Ordinal))
            {
                foreach (var message in LabelValidation.ValidateKey(GoLower(key)))
                {
                    errors.Add(ValidationError.Invalid(AnnotationsPath, key, message));
                }
            }
        }

        if (IsOverSizeLimit(annotations))
        {
            errors.Add(ValidationError.TooLong(AnnotationsPath, TotalAnnotationSizeLimit));
        }
    }

    // ValidateService's first check: the topology-mode annotation must agree with the deprecated
    // topology-aware-hints one when both are set (compared exactly, case included).
    public static void ValidateTopologyAnnotations(ImmutableDictionary<string, string> annotations, ImmutableArray<ValidationError>.Builder errors)
    {
        if (annotations.TryGetValue(TopologyModeAnnotation, out var mode)
            && annotations.TryGetValue(DeprecatedTopologyAwareHintsAnnotation, out var hints)
            && !string.Equals(mode, hints, StringComparison.Ordinal))
        {
            errors.Add(ValidationError.Invalid(
                AnnotationsPath + "[" + TopologyModeAnnotation + "]",
                mode,
                "must match annotations[" + DeprecatedTopologyAwareHintsAnnotation + "] when both are specified"));
        }
    }

    // Go's len summed over keys and values: UTF-8 bytes. A UTF-16 unit is one to three bytes, so the
    // character counts settle most maps without encoding anything, and counting stops at the limit.
    private static bool IsOverSizeLimit(ImmutableDictionary<string, string> annotations)
    {
        long chars = 0;
        foreach (var (key, value) in annotations)
        {
            chars += key.Length + (long)value.Length;
        }

        if (chars > TotalAnnotationSizeLimit)
        {
            return true;
        }

        if (chars * 3 <= TotalAnnotationSizeLimit)
        {
            return false;
        }

        long bytes = 0;
        foreach (var (key, value) in annotations)
        {
            bytes += Encoding.UTF8.GetByteCount(key) + (long)Encoding.UTF8.GetByteCount(value);
            if (bytes > TotalAnnotationSizeLimit)
            {
                return true;
            }
        }

        return false;
    }

    // Go's strings.ToLower, as far as it can change a verdict: ASCII letters, and the two non-ASCII
    // letters whose lowercase is ASCII (U+0130 'İ' -> 'i', U+212A KELVIN SIGN -> 'k'), which Go's
    // simple case mapping turns into valid key characters. Any other non-ASCII character leaves the
    // key invalid either way and is lowered with the invariant culture. Returns the key itself when
    // nothing changes (the common, all-lowercase case allocates nothing).
    internal static string GoLower(string key)
    {
        var first = key.AsSpan().IndexOfAnyInRange('A', 'Z');
        var firstNonAscii = key.AsSpan().IndexOfAnyExceptInRange('\0', '\u007f');
        if (first < 0 && firstNonAscii < 0)
        {
            return key;
        }

        return string.Create(key.Length, key, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                span[i] = c switch
                {
                    >= 'A' and <= 'Z' => (char)(c | 0x20),
                    < '\u0080' => c,
                    '\u0130' => 'i',
                    '\u212A' => 'k',
                    _ => char.IsSurrogate(c) ? c : char.ToLowerInvariant(c),
                };
            }
        });
    }
}
