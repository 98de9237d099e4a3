using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using ServiceModel.Internal;

namespace ServiceModel.Labels;

/// <summary>
/// One test of a label selector: a key, an operator and the operator's values; Kubernetes'
/// <c>labels.Requirement</c>. Construction validates, so every instance is one the API server
/// would accept.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="Values"/> are stored in canonical form: sorted (ordinal) for
/// <see cref="SelectorOperator.In"/> and <see cref="SelectorOperator.NotIn"/>, in the order
/// <c>labels.Requirement.String</c> prints them. Repeated values are kept, as upstream keeps them
/// (<c>x in (a,a)</c>); only <see cref="LabelSelector.Parse(string)"/> drops repeats, as the selector
/// parser does. Equality compares key, operator and values by content.
/// </para>
/// <para>Instances are immutable and thread-safe.</para>
/// </remarks>
public sealed record LabelSelectorRequirement
{
    /// <summary>Creates a requirement, validating it exactly as Kubernetes' <c>NewRequirement</c> does.</summary>
    /// <param name="key">The label key: an optional DNS subdomain prefix and <c>'/'</c>, then a name of at most 63 characters.</param>
    /// <param name="operator">How the key relates to <paramref name="values"/>.</param>
    /// <param name="values">
    /// The values: at least one for <see cref="SelectorOperator.In"/>/<see cref="SelectorOperator.NotIn"/>;
    /// exactly one for <see cref="SelectorOperator.Equals"/>, <see cref="SelectorOperator.DoubleEquals"/>
    /// and <see cref="SelectorOperator.NotEquals"/>; none (empty or default) for
    /// <see cref="SelectorOperator.Exists"/>/<see cref="SelectorOperator.DoesNotExist"/>; exactly one
    /// base-10 64-bit integer for <see cref="SelectorOperator.GreaterThan"/>/<see cref="SelectorOperator.LessThan"/>.
    /// Each value must be a valid label value. The empty string is a valid value.
    /// </param>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> or one of the values is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">
    /// The requirement is invalid; the message is Kubernetes' (for example
    /// <c>values: Invalid value: []: for 'in', 'notin' operators, values set can't be empty</c>).
    /// </exception>
    public LabelSelectorRequirement(string key, SelectorOperator @operator, ImmutableArray<string> values)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!values.IsDefault)
        {
            foreach (var value in values)
            {
                ArgumentNullException.ThrowIfNull(value, nameof(values));
            }
        }

        var error = Validate(key, @operator, values, out _);
        if (error is not null)
        {
            throw new ArgumentException(error);
        }

        Key = key;
        Operator = @operator;
        Values = Canonical(@operator, values);
    }

    // For callers that have already validated every part (the parser and FromLabels); the order of
    // the parameters only tells it from the public constructor.
    private LabelSelectorRequirement(SelectorOperator @operator, string key, ImmutableArray<string> canonicalValues)
    {
        Key = key;
        Operator = @operator;
        Values = canonicalValues;
    }

    /// <summary>The label key the requirement tests.</summary>
    public string Key { get; }

    /// <summary>How the key relates to <see cref="Values"/>.</summary>
    public SelectorOperator Operator { get; }

    /// <summary>The values, in canonical order (never default; empty for the existence operators).</summary>
    public ImmutableArray<string> Values { get; }

    /// <summary>Deconstructs the requirement into its parts.</summary>
    /// <param name="key">Receives <see cref="Key"/>.</param>
    /// <param name="operator">Receives <see cref="Operator"/>.</param>
    /// <param name="values">Receives <see cref="Values"/>.</param>
    public void Deconstruct(out string key, out SelectorOperator @operator, out ImmutableArray<string> values)
    {
        key = Key;
        @operator = Operator;
        values = Values;
    }

    /// <summary>
    /// Whether <paramref name="labels"/> satisfy this requirement, with Kubernetes' semantics:
    /// <see cref="SelectorOperator.NotEquals"/> and <see cref="SelectorOperator.NotIn"/> match when the
    /// key is absent; <see cref="SelectorOperator.GreaterThan"/>/<see cref="SelectorOperator.LessThan"/>
    /// fail when the label's value is not a 64-bit integer. Allocates nothing.
    /// </summary>
    /// <param name="labels">The object's labels.</param>
    /// <returns><see langword="true"/> when the requirement holds.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="labels"/> is <see langword="null"/>.</exception>
    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        return CompiledRequirement.From(this, forLabelSets: false).Matches(new ReadOnlyDictionaryLabels(labels));
    }

    /// <summary>Whether another requirement has the same key, operator and values.</summary>
    /// <param name="other">The requirement to compare with.</param>
    /// <returns><see langword="true"/> when they are equal.</returns>
    public bool Equals(LabelSelectorRequirement? other)
        => other is not null && Key == other.Key && Operator == other.Operator && Values.AsSpan().SequenceEqual(other.Values.AsSpan());

    /// <summary>A hash of key, operator and values, consistent with <see cref="Equals(LabelSelectorRequirement?)"/>.</summary>
    /// <returns>The hash code.</returns>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Key, StringComparer.Ordinal);
        hash.Add(Operator);
        foreach (var value in Values)
        {
            hash.Add(value, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }

    /// <summary>The requirement as Kubernetes prints it: <c>key=v</c>, <c>key in (a,b)</c>, <c>!key</c>, <c>key&gt;5</c>, ….</summary>
    /// <returns>The canonical text.</returns>
    public override string ToString()
    {
        var text = new StringBuilder();
        AppendTo(text);
        return text.ToString();
    }

    // The integer operand of GreaterThan/LessThan (validated to parse), 0 otherwise. Worked out when
    // a selector is compiled rather than kept in a field: a megabyte selector holds 100,000
    // requirements, and 8 bytes more each is 0.8 MB more to allocate and copy through the GC.
    internal long Bound => Operator is SelectorOperator.GreaterThan or SelectorOperator.LessThan && TryParseInt64(Values[0], out var bound) ? bound : 0;

    internal static LabelSelectorRequirement CreateTrusted(string key, SelectorOperator @operator, ImmutableArray<string> canonicalValues)
        => new(@operator, key, canonicalValues);

    internal void AppendTo(StringBuilder text)
    {
        if (Operator == SelectorOperator.DoesNotExist)
        {
            text.Append('!');
        }

        text.Append(Key);
        switch (Operator)
        {
            case SelectorOperator.Exists or SelectorOperator.DoesNotExist:
                return;
            case SelectorOperator.In or SelectorOperator.NotIn:
                text.Append(Operator == SelectorOperator.In ? " in (" : " notin (");
                for (var i = 0; i < Values.Length; i++)
                {
                    if (i > 0)
                    {
                        text.Append(',');
                    }

                    text.Append(Values[i]);
                }

                text.Append(')');
                return;
            default:
                text.Append(Operator switch
                {
                    SelectorOperator.Equals => "=",
                    SelectorOperator.DoubleEquals => "==",
                    SelectorOperator.NotEquals => "!=",
                    SelectorOperator.GreaterThan => ">",
                    _ => "<",
                }).Append(Values[0]);
                return;
        }
    }

    // strconv.ParseInt(s, 10, 64): optional sign, ASCII digits, nothing else.
    internal static bool TryParseInt64(string text, out long value)
        => long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    // NewRequirement's checks, rendered as its aggregated field errors; null when valid.
    internal static string? Validate(string key, SelectorOperator @operator, ImmutableArray<string> values, out long bound)
    {
        bound = 0;
        var count = values.IsDefault ? 0 : values.Length;
        if (LabelValidation.IsValidKey(key.AsSpan()) && IsShapeValid(@operator, values, count, ref bound) && AllValuesValid(values))
        {
            return null;
        }

        var errors = new List<string>();
        var keyErrors = LabelValidation.ValidateKey(key);
        if (keyErrors.Count > 0)
        {
            errors.Add(UpstreamText.Invalid("key", GoText.Quote(key), string.Join("; ", keyErrors)));
        }

        switch (@operator)
        {
            case SelectorOperator.In or SelectorOperator.NotIn:
                if (count == 0)
                {
                    errors.Add(UpstreamText.Invalid("values", FieldValueText.Format(values), "for 'in', 'notin' operators, values set can't be empty"));
                }

                break;
            case SelectorOperator.Equals or SelectorOperator.DoubleEquals or SelectorOperator.NotEquals:
                if (count != 1)
                {
                    errors.Add(UpstreamText.Invalid("values", FieldValueText.Format(values), "exact-match compatibility requires one single value"));
                }

                break;
            case SelectorOperator.Exists or SelectorOperator.DoesNotExist:
                if (count != 0)
                {
                    errors.Add(UpstreamText.Invalid("values", FieldValueText.Format(values), "values set must be empty for exists and does not exist"));
                }

                break;
            case SelectorOperator.GreaterThan or SelectorOperator.LessThan:
                if (count != 1)
                {
                    errors.Add(UpstreamText.Invalid("values", FieldValueText.Format(values), "for 'Gt', 'Lt' operators, exactly one value is required"));
                }

                for (var i = 0; i < count && i < UpstreamText.MaxShownValues; i++)
                {
                    if (!TryParseInt64(values[i], out _))
                    {
                        errors.Add(UpstreamText.Invalid(Index("values", i), GoText.Quote(values[i]), "for 'Gt', 'Lt' operators, the value must be an integer"));
                    }
                }

                break;
            default:
                errors.Add("operator: Unsupported value: " + GoText.Quote(UpstreamText.OperatorText(@operator)) +
                    ": supported values: \"in\", \"notin\", \"=\", \"==\", \"!=\", \"gt\", \"lt\", \"exists\", \"!\"");
                break;
        }

        // Upstream reports every bad value; past MaxShownValues of them one line says how many more
        // there are, so a selector with a million bad values gives a message of kilobytes.
        var badValues = 0;
        for (var i = 0; i < count; i++)
        {
            if (LabelValidation.IsValidValue(values[i].AsSpan()) || ++badValues > UpstreamText.MaxShownValues)
            {
                continue;
            }

            var valueErrors = LabelValidation.ValidateValue(values[i]);
            errors.Add(UpstreamText.Invalid(Index("values", i) + "[" + GoText.Excerpt(key) + "]", GoText.Quote(values[i]), string.Join("; ", valueErrors)));
        }

        if (badValues > UpstreamText.MaxShownValues)
        {
            errors.Add("values: " + (badValues - UpstreamText.MaxShownValues).ToString(CultureInfo.InvariantCulture) + " more invalid values omitted");
        }

        return GoText.Aggregate(errors);
    }

    internal static ImmutableArray<string> Canonical(SelectorOperator @operator, ImmutableArray<string> values)
    {
        if (values.IsDefaultOrEmpty)
        {
            return [];
        }

        if (values.Length == 1 || (@operator != SelectorOperator.In && @operator != SelectorOperator.NotIn))
        {
            return values;
        }

        // labels.Requirement.String sorts the values it prints but keeps repeats (only the parser,
        // which collects them in a set, drops them), so the canonical form is sorted, not de-duplicated.
        return Sorted(values.ToArray(), unique: false);
    }

    // Sorts (ordinal) and de-duplicates an array this code owns, then hands it over without copying.
    internal static ImmutableArray<string> SortUnique(string[] values) => Sorted(values, unique: true);

    private static ImmutableArray<string> Sorted(string[] values, bool unique)
    {
        OrdinalSort.Sort(values);
        var kept = values.Length;
        if (unique && values.Length > 1)
        {
            kept = 1;
            for (var i = 1; i < values.Length; i++)
            {
                if (!string.Equals(values[i], values[kept - 1], StringComparison.Ordinal))
                {
                    values[kept++] = values[i];
                }
            }
        }

        if (kept != values.Length)
        {
            Array.Resize(ref values, kept);
        }

        return ImmutableCollectionsMarshal.AsImmutableArray(values);
    }

    // The value checks of NewRequirement for a key already known to be valid; true when they pass.
    internal static bool AreValuesValid(SelectorOperator @operator, ImmutableArray<string> values, out long bound)
    {
        bound = 0;
        return IsShapeValid(@operator, values, values.IsDefault ? 0 : values.Length, ref bound) && AllValuesValid(values);
    }

    private static bool IsShapeValid(SelectorOperator @operator, ImmutableArray<string> values, int count, ref long bound)
        => @operator switch
        {
            SelectorOperator.In or SelectorOperator.NotIn => count > 0,
            SelectorOperator.Equals or SelectorOperator.DoubleEquals or SelectorOperator.NotEquals => count == 1,
            SelectorOperator.Exists or SelectorOperator.DoesNotExist => count == 0,
            SelectorOperator.GreaterThan or SelectorOperator.LessThan => count == 1 && TryParseInt64(values[0], out bound),
            _ => false,
        };

    private static bool AllValuesValid(ImmutableArray<string> values)
    {
        if (values.IsDefault)
        {
            return true;
        }

        foreach (var value in values)
        {
            if (!LabelValidation.IsValidValue(value.AsSpan()))
            {
                return false;
            }
        }

        return true;
    }

    private static string Index(string path, int index) => path + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";
}
