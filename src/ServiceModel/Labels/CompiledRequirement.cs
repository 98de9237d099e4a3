using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ServiceModel.Labels;

/// <summary>
/// A <see cref="LabelSelectorRequirement"/> flattened for matching: the operator folded to what the
/// test does (a one-value <c>in</c> is an equality test, <c>==</c> is <c>=</c>), the operand stored
/// inline, so a selector matches from one contiguous array without per-requirement object hops.
/// The one definition of what each operator means when matching.
/// </summary>
internal readonly struct CompiledRequirement
{
    private readonly string _key;

    // The key's string.GetHashCode(), computed once, which a LabelSet looks up by.
    private readonly int _hash;

    // A string for Equal/NotEqual, a string[] of at least two values for In/NotIn, else null.
    private readonly object? _operand;
    private readonly long _bound;
    private readonly Test _test;

    private CompiledRequirement(string key, Test test, object? operand, long bound, bool forLabelSets = false)
    {
        // Only a selector's compiled requirements, kept for many matches, are worth the pool
        // lookup and the hash; a one-off match against a dictionary needs neither.
        _key = forLabelSets ? LabelKeyPool.Share(key) : key;
        _hash = forLabelSets ? key.GetHashCode() : 0;
        _test = test;
        _operand = operand;
        _bound = bound;
    }

    private enum Test : byte
    {
        Never,
        Equal,
        NotEqual,
        In,
        NotIn,
        Exists,
        DoesNotExist,
        GreaterThan,
        LessThan,
    }

    /// <summary>The test that no labels pass (what <see cref="LabelSelector.Nothing"/> compiles to).</summary>
    public static CompiledRequirement Never { get; } = new(string.Empty, Test.Never, null, 0);

    /// <summary>Flattens <paramref name="requirement"/>.</summary>
    /// <param name="requirement">The requirement.</param>
    /// <param name="forLabelSets">
    /// Whether the requirement will be matched against <see cref="LabelSet"/>s: the key is then
    /// taken from <see cref="LabelKeyPool"/> and hashed, once.
    /// </param>
    public static CompiledRequirement From(LabelSelectorRequirement requirement, bool forLabelSets)
    {
        var key = requirement.Key;
        var values = ImmutableCollectionsMarshal.AsArray(requirement.Values) ?? [];
        return requirement.Operator switch
        {
            SelectorOperator.Equals or SelectorOperator.DoubleEquals or SelectorOperator.In when values.Length == 1
                => new(key, Test.Equal, values[0], 0, forLabelSets),
            SelectorOperator.In => new(key, Test.In, values, 0, forLabelSets),
            SelectorOperator.NotEquals or SelectorOperator.NotIn when values.Length == 1 => new(key, Test.NotEqual, values[0], 0, forLabelSets),
            SelectorOperator.NotIn => new(key, Test.NotIn, values, 0, forLabelSets),
            SelectorOperator.Exists => new(key, Test.Exists, null, 0, forLabelSets),
            SelectorOperator.DoesNotExist => new(key, Test.DoesNotExist, null, 0, forLabelSets),
            SelectorOperator.GreaterThan => new(key, Test.GreaterThan, null, requirement.Bound, forLabelSets),
            SelectorOperator.LessThan => new(key, Test.LessThan, null, requirement.Bound, forLabelSets),
            _ => new(key, Test.Never, null, 0, forLabelSets),
        };
    }

    /// <summary>The equality test <c>key=value</c> of a selector built from a label set, ready for label sets.</summary>
    public static CompiledRequirement Equal(string key, string value) => new(key, Test.Equal, value, 0, forLabelSets: true);

    /// <summary>
    /// Kubernetes' semantics: <c>!=</c> and <c>notin</c> pass when the key is absent; <c>gt</c>/<c>lt</c>
    /// fail when the value is not a 64-bit integer. One lookup answers both "present?" and "which
    /// value?": a null value (which no Kubernetes label has) counts as absent.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Matches<TLabels>(TLabels labels)
        where TLabels : struct, ILabelLookup
    {
        // The constructor pairs each test with its operand type, so the casts below are unchecked.
        // `==` is ordinal string equality, and unlike string.Equals(a, b, Ordinal) it is inlined.
        var value = labels.Find(_key, _hash);
        switch (_test)
        {
            case Test.Equal:
                return value == Unsafe.As<string>(_operand);
            case Test.NotEqual:
                return value != Unsafe.As<string>(_operand);
            case Test.In:
                return value is not null && Contains(Unsafe.As<string[]>(_operand)!, value);
            case Test.NotIn:
                return value is null || !Contains(Unsafe.As<string[]>(_operand)!, value);
            case Test.Exists:
                return value is not null;
            case Test.DoesNotExist:
                return value is null;
            case Test.GreaterThan:
                return value is not null && LabelSelectorRequirement.TryParseInt64(value, out var above) && above > _bound;
            case Test.LessThan:
                return value is not null && LabelSelectorRequirement.TryParseInt64(value, out var below) && below < _bound;
            default:
                return false;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Contains(string[] values, string value)
    {
        foreach (var candidate in values)
        {
            if (candidate == value)
            {
                return true;
            }
        }

        return false;
    }
}
