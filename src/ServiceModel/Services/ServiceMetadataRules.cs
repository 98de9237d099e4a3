using System.Collections.Immutable;
using ServiceModel.Internal;
using ServiceModel.Labels;
using ServiceModel.Validation;

namespace ServiceModel.Services;

// The object metadata of a Service: its name (a DNS-1035 label), namespace (a DNS-1123 label) and
// label maps (also used for the selector). On create all three are checked; on update only the
// labels are (after the name and namespace immutability checks), as ValidateObjectMetaUpdate does.
internal static class ServiceMetadataRules
{
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
}
