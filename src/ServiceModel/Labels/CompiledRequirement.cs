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

    // A string for Equal/NotEqual, a string[] of at least two values for In/NotIn, else null.
    private readonly object? _operand;
    private readonly long _bound;
    private readonly Test _test;

    private CompiledRequirement(string key, Test test, object? operand, long bound)
    {
        _key = key;
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

    public static CompiledRequirement From(LabelSelectorRequirement requirement)
    {
        var key = requirement.Key;
        var values = ImmutableCollectionsMarshal.AsArray(requirement.Values) ?? [];
        return requirement.Operator switch
        {
            SelectorOperator.Equals or SelectorOperator.DoubleEquals or SelectorOperator.In when values.Length == 1
                => new(key, Test.Equal, values[0], 0),
            SelectorOperator.In => new(key, Test.In, values, 0),
            SelectorOperator.NotEquals or SelectorOperator.NotIn when values.Length == 1 => new(key, Test.NotEqual, values[0], 0),
            SelectorOperator.NotIn => new(key, Test.NotIn, values, 0),
            SelectorOperator.Exists => new(key, Test.Exists, null, 0),
            SelectorOperator.DoesNotExist => new(key, Test.DoesNotExist, null, 0),
            SelectorOperator.GreaterThan => new(key, Test.GreaterThan, null, requirement.Bound),
            SelectorOperator.LessThan => new(key, Test.LessThan, null, requirement.Bound),
            _ => new(key, Test.Never, null, 0),
        };
    }

    /// <summary>
    /// Kubernetes' semantics: <c>!=</c> and <c>notin</c> pass when the key is absent; <c>gt</c>/<c>lt</c>
    /// fail when the value is not a 64-bit integer.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Matches<TLabels>(TLabels labels)
        where TLabels : struct, ILabelLookup
    {
        // The constructor pairs each test with its operand type, so the casts below are unchecked.
        // `==` is ordinal string equality, and unlike string.Equals(a, b, Ordinal) it is inlined.
        string? value;
        switch (_test)
        {
            case Test.Equal:
                return labels.TryGetValue(_key, out value) && value == Unsafe.As<string>(_operand);
            case Test.NotEqual:
                return !labels.TryGetValue(_key, out value) || value != Unsafe.As<string>(_operand);
            case Test.In:
                return labels.TryGetValue(_key, out value) && Contains(Unsafe.As<string[]>(_operand)!, value);
            case Test.NotIn:
                return !labels.TryGetValue(_key, out value) || !Contains(Unsafe.As<string[]>(_operand)!, value);
            case Test.Exists:
                return labels.ContainsKey(_key);
            case Test.DoesNotExist:
                return !labels.ContainsKey(_key);
            case Test.GreaterThan:
                return labels.TryGetValue(_key, out value) && LabelSelectorRequirement.TryParseInt64(value, out var above) && above > _bound;
            case Test.LessThan:
                return labels.TryGetValue(_key, out value) && LabelSelectorRequirement.TryParseInt64(value, out var below) && below < _bound;
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
