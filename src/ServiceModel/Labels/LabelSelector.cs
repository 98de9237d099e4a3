using System.Buffers;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using ServiceModel.Internal;

namespace ServiceModel.Labels;

/// <summary>
/// A parsed Kubernetes label selector: requirements that must all hold. Parse once, match many:
/// <see cref="Matches"/> allocates nothing.
/// </summary>
/// <remarks>
/// <para>
/// Requirements are kept sorted by key (ordinal, stable), exactly as Kubernetes keeps them, and
/// <see cref="ToString"/> prints Kubernetes' canonical text, so <c>Parse(s.ToString())</c> equals
/// <c>s</c>. Equality and hashing use that canonical text; <see cref="Nothing"/> prints as the
/// empty string like Kubernetes' <c>labels.Nothing()</c> but is never equal to
/// <see cref="Everything"/>.
/// </para>
/// <para>Instances are immutable and thread-safe.</para>
/// </remarks>
public sealed class LabelSelector : IEquatable<LabelSelector>
{
    // Up to this many requirements an insertion sort by key is cheapest.
    private const int ShortSort = 16;

    private readonly bool _nothing;

    // A selector built from a label set keeps just its keys and values, interleaved (key, value,
    // key, value, ...) and in no particular order, so building one and matching with it costs
    // little; the sorted requirement objects are made on first demand.
    private readonly string[]? _pairs;
    private LabelSelectorRequirement[]? _requirements;

    // The requirements flattened for matching, made on the first match (a benign race: every
    // thread builds the same immutable array).
    private CompiledRequirement[]? _compiled;
    private string? _text;

    private LabelSelector(LabelSelectorRequirement[] requirements, bool nothing)
    {
        _requirements = requirements;
        _nothing = nothing;
    }

    private LabelSelector(string[] pairs) => _pairs = pairs;

    /// <summary>The selector with no requirements: matches every set of labels (text <c>""</c>).</summary>
    public static LabelSelector Everything { get; } = new([], nothing: false);

    /// <summary>The selector that matches no set of labels, Kubernetes' <c>labels.Nothing()</c> (text <c>""</c>).</summary>
    public static LabelSelector Nothing { get; } = new([], nothing: true);

    /// <summary>The requirements, sorted by key; empty for <see cref="Everything"/> and <see cref="Nothing"/>.</summary>
    public ImmutableArray<LabelSelectorRequirement> Requirements => ImmutableCollectionsMarshal.AsImmutableArray(RequirementArray);

    /// <summary>Whether the selector has no requirements and so matches everything (Kubernetes' <c>Empty()</c>).</summary>
    public bool IsEverything => !_nothing && _pairs is null && RequirementArray.Length == 0;

    private LabelSelectorRequirement[] RequirementArray => Volatile.Read(ref _requirements) ?? MaterializeRequirements();

    /// <summary>Whether this is <see cref="Nothing"/>, which matches no labels.</summary>
    public bool IsNothing => _nothing;

    /// <summary>
    /// Parses Kubernetes' selector syntax, for example
    /// <c>app=web,tier in (frontend,backend),env!=prod,!canary,replicas&gt;2</c>.
    /// </summary>
    /// <param name="s">The selector text; the empty string (or only whitespace) is <see cref="Everything"/>.</param>
    /// <returns>The selector.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="s"/> is <see langword="null"/>.</exception>
    /// <exception cref="FormatException">
    /// The text is not a valid selector; the message is Kubernetes' (for example
    /// <c>unable to parse requirement: found '', expected: identifier</c>).
    /// </exception>
    public static LabelSelector Parse(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return LabelSelectorParser.Parse(s, out var error) ?? throw new FormatException(error);
    }

    /// <summary>Parses Kubernetes' selector syntax without throwing (see <see cref="Parse(string)"/>).</summary>
    /// <param name="s">The selector text; <see langword="null"/> fails.</param>
    /// <param name="selector">The selector, or <see langword="null"/> when the text is not valid.</param>
    /// <returns><see langword="true"/> when <paramref name="s"/> was parsed.</returns>
    public static bool TryParse([NotNullWhen(true)] string? s, [NotNullWhen(true)] out LabelSelector? selector)
    {
        selector = s is null ? null : LabelSelectorParser.Parse(s, out _);
        return selector is not null;
    }

    /// <summary>
    /// The selector that matches exactly the given labels (a Service's <c>spec.selector</c>): one
    /// <see cref="SelectorOperator.Equals"/> requirement per pair. No pairs gives <see cref="Everything"/>.
    /// </summary>
    /// <param name="labels">Key/value pairs; keys must be distinct.</param>
    /// <returns>The selector.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="labels"/>, a key or a value is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A key or value is invalid (Kubernetes' message), or a key repeats.</exception>
    public static LabelSelector FromLabels(IEnumerable<KeyValuePair<string, string>> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (labels is ImmutableArray<KeyValuePair<string, string>> { IsDefault: true })
        {
            return Everything;
        }

        string[] pairs;
        var count = 0;
        if (labels.GetType() == typeof(Dictionary<string, string>))
        {
            // The exact type (a subclass may re-implement the interfaces): its struct enumerator
            // avoids a boxed one.
            var dictionary = Unsafe.As<Dictionary<string, string>>(labels);
            if (dictionary.Count == 0)
            {
                return Everything;
            }

            pairs = new string[dictionary.Count * 2];
            foreach (var (key, value) in dictionary)
            {
                ValidateLabel(key, value);
                pairs[count++] = key;
                pairs[count++] = value;
            }

            // Keys distinct under one of these comparers are distinct ordinally, so there is no
            // duplicate to find, and matching needs no order: the sort waits for Requirements.
            var comparer = dictionary.Comparer;
            if (ReferenceEquals(comparer, EqualityComparer<string>.Default) || ReferenceEquals(comparer, StringComparer.Ordinal) ||
                ReferenceEquals(comparer, StringComparer.OrdinalIgnoreCase))
            {
                return new LabelSelector(pairs);
            }
        }
        else
        {
            var capacity = labels is IReadOnlyCollection<KeyValuePair<string, string>> sized ? sized.Count : 4;
            if (capacity == 0)
            {
                return Everything;
            }

            pairs = new string[capacity * 2];
            foreach (var (key, value) in labels)
            {
                AddLabel(ref pairs, ref count, key, value);
            }
        }

        if (count == 0)
        {
            return Everything;
        }

        if (count != pairs.Length)
        {
            Array.Resize(ref pairs, count);
        }

        var duplicate = SortPairs(pairs);
        if (duplicate is not null)
        {
            throw new ArgumentException($"duplicate label key \"{GoText.Excerpt(duplicate)}\"", nameof(labels));
        }

        return new LabelSelector(pairs);
    }

    /// <summary>The selector requiring all of <paramref name="requirements"/>; none (or a default <see cref="ImmutableArray{T}"/>) gives <see cref="Everything"/>.</summary>
    /// <param name="requirements">The requirements, in any order (sorted stably by key).</param>
    /// <returns>The selector.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="requirements"/> or one of its items is <see langword="null"/>.</exception>
    public static LabelSelector FromRequirements(IEnumerable<LabelSelectorRequirement> requirements)
    {
        ArgumentNullException.ThrowIfNull(requirements);
        if (requirements is ImmutableArray<LabelSelectorRequirement> { IsDefault: true })
        {
            return Everything;
        }

        var list = requirements.ToArray();
        foreach (var requirement in list)
        {
            ArgumentNullException.ThrowIfNull(requirement, nameof(requirements));
        }

        if (list.Length == 0)
        {
            return Everything;
        }

        return new LabelSelector(SortByKey(list), nothing: false);
    }

    /// <summary>
    /// Converts the structured form, as Kubernetes' <c>LabelSelectorAsSelector</c> does:
    /// <see langword="null"/> gives <see cref="Nothing"/>, an empty spec <see cref="Everything"/>,
    /// otherwise the match labels (as equality requirements) ANDed with the expressions.
    /// </summary>
    /// <param name="spec">The structured selector, or <see langword="null"/>.</param>
    /// <returns>The selector.</returns>
    /// <exception cref="ArgumentException">
    /// A match label is invalid (Kubernetes' requirement message; the first in key order), or an
    /// expression uses an operator other than in, notin, exists and does-not-exist
    /// (<c>"gt" is not a valid label selector operator</c>).
    /// </exception>
    public static LabelSelector FromSpec(LabelSelectorSpec? spec)
    {
        if (spec is null)
        {
            return Nothing;
        }

        var labels = spec.MatchLabels ?? ImmutableDictionary<string, string>.Empty;
        var expressions = spec.MatchExpressions.IsDefault ? [] : spec.MatchExpressions;
        if (labels.Count + expressions.Length == 0)
        {
            return Everything;
        }

        var requirements = new LabelSelectorRequirement[labels.Count + expressions.Length];
        var count = 0;
        if (labels.Count > 0)
        {
            var keys = labels.Keys.ToArray();
            Array.Sort(keys, StringComparer.Ordinal);
            foreach (var key in keys)
            {
                var value = labels[key];
                ImmutableArray<string> values = [value];
                if (!LabelValidation.IsValidKey(key.AsSpan()) || !LabelValidation.IsValidValue(value.AsSpan()))
                {
                    throw new ArgumentException(LabelSelectorRequirement.Validate(key, SelectorOperator.Equals, values, out _));
                }

                requirements[count++] = LabelSelectorRequirement.CreateTrusted(key, SelectorOperator.Equals, values);
            }
        }

        foreach (var expression in expressions)
        {
            ArgumentNullException.ThrowIfNull(expression, nameof(spec));
            if (expression.Operator is not (SelectorOperator.In or SelectorOperator.NotIn or SelectorOperator.Exists or SelectorOperator.DoesNotExist))
            {
                throw new ArgumentException(
                    GoText.Quote(UpstreamText.OperatorText(expression.Operator)) + " is not a valid label selector operator");
            }

            requirements[count++] = expression;
        }

        return new LabelSelector(SortByKey(requirements), nothing: false);
    }

    /// <summary>
    /// The structured form of this selector, or <see langword="null"/> where
    /// <c>metav1.LabelSelector</c> cannot express it exactly: <see cref="Nothing"/> (whose structured
    /// form is the absent selector), operators <c>==</c>, <c>!=</c>, <c>gt</c>, <c>lt</c>, two
    /// <c>=</c> tests of one key, or an <c>=</c> test ordered after another test of the same key.
    /// When the result is not <see langword="null"/>, <c>FromSpec(ToSpec())</c> equals this selector.
    /// </summary>
    /// <returns>The spec, or <see langword="null"/>.</returns>
    public LabelSelectorSpec? ToSpec()
    {
        if (_nothing)
        {
            return null;
        }

        var labels = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        var expressions = ImmutableArray.CreateBuilder<LabelSelectorRequirement>();
        string? expressionKey = null;
        foreach (var requirement in RequirementArray)
        {
            switch (requirement.Operator)
            {
                case SelectorOperator.Equals:
                    if (labels.ContainsKey(requirement.Key) || string.Equals(expressionKey, requirement.Key, StringComparison.Ordinal))
                    {
                        return null;
                    }

                    labels.Add(requirement.Key, requirement.Values[0]);
                    break;
                case SelectorOperator.In or SelectorOperator.NotIn or SelectorOperator.Exists or SelectorOperator.DoesNotExist:
                    expressions.Add(requirement);
                    expressionKey = requirement.Key;
                    break;
                default:
                    return null;
            }
        }

        return new LabelSelectorSpec(labels.ToImmutable(), expressions.ToImmutable());
    }

    /// <summary>Whether <paramref name="labels"/> satisfy every requirement. Allocates nothing.</summary>
    /// <remarks>
    /// Any dictionary gives the same answer. A <see cref="LabelSet"/> is fastest: the selector
    /// hashes its keys once and the set its own, so matching hashes nothing. A
    /// <see cref="Dictionary{TKey, TValue}"/> (that exact type) is called directly, any other
    /// dictionary through the interface.
    /// </remarks>
    /// <param name="labels">The object's labels.</param>
    /// <returns><see langword="true"/> when all requirements hold; always for <see cref="Everything"/>, never for <see cref="Nothing"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="labels"/> is <see langword="null"/>.</exception>
    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);

        if (labels is LabelSet set)
        {
            // A label set is looked up by the compiled requirements' key hashes, never by the pairs.
            return MatchesCompiled(new LabelSetLabels(set));
        }

        // The exact type, not a subclass, which could re-implement the interface differently.
        return labels.GetType() == typeof(Dictionary<string, string>)
            ? MatchesCore(new DictionaryLabels(Unsafe.As<Dictionary<string, string>>(labels)))
            : MatchesCore(new ReadOnlyDictionaryLabels(labels));
    }

    /// <summary>Kubernetes' canonical text: requirements joined by <c>','</c>, e.g. <c>app=web,env!=prod,tier in (a,b)</c>.</summary>
    /// <returns>The canonical text; <c>""</c> for <see cref="Everything"/> and <see cref="Nothing"/>.</returns>
    public override string ToString() => _text ??= Format(RequirementArray);

    /// <summary>Whether <paramref name="other"/> has the same canonical text (and both or neither are <see cref="Nothing"/>).</summary>
    /// <param name="other">The selector to compare with.</param>
    /// <returns><see langword="true"/> when they are equal.</returns>
    public bool Equals(LabelSelector? other)
        => other is not null && (ReferenceEquals(this, other) || (_nothing == other._nothing && string.Equals(ToString(), other.ToString(), StringComparison.Ordinal)));

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as LabelSelector);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_nothing, StringComparer.Ordinal.GetHashCode(ToString()));

    // Upstream's AsSelectorPreValidated: a Service's spec.selector (validated by the API server,
    // distinct keys by construction) becomes a selector without checking its pairs again, so
    // matching a Service that skipped validation still answers rather than throws.
    internal static LabelSelector FromValidatedLabels(IReadOnlyDictionary<string, string> labels)
    {
        if (labels.Count == 0)
        {
            return Everything;
        }

        var pairs = new string[labels.Count * 2];
        var count = 0;
        foreach (var (key, value) in labels)
        {
            if (value is null)
            {
                // No label has a null value, so nothing can match this pair.
                return Nothing;
            }

            pairs[count++] = key;
            pairs[count++] = value;
        }

        return new LabelSelector(pairs);
    }

    // The parser's requirements, in written order, into a selector holding them in a new array.
    internal static LabelSelector FromParsed(ReadOnlySpan<LabelSelectorRequirement> requirements)
        => new(SortedByKey(requirements), nothing: false);

    private bool MatchesCore<TLabels>(TLabels labels)
        where TLabels : struct, ILabelLookup
    {
        if (_pairs is { } pairs)
        {
            for (var i = 0; i + 1 < pairs.Length; i += 2)
            {
                // `==` is ordinal, and inlined where string.Equals(a, b, Ordinal) is a call.
                if (labels.Find(pairs[i], 0) != pairs[i + 1])
                {
                    return false;
                }
            }

            return true;
        }

        return MatchesCompiled(labels);
    }

    private bool MatchesCompiled<TLabels>(TLabels labels)
        where TLabels : struct, ILabelLookup
    {
        foreach (ref readonly var requirement in (_compiled ?? Compile()).AsSpan())
        {
            if (!requirement.Matches(labels))
            {
                return false;
            }
        }

        return true;
    }

    private CompiledRequirement[] Compile()
    {
        CompiledRequirement[] compiled;
        if (_nothing)
        {
            compiled = [CompiledRequirement.Never];
        }
        else if (_pairs is { } pairs)
        {
            // Straight from the pairs, without making the requirement objects.
            compiled = new CompiledRequirement[pairs.Length / 2];
            for (var i = 0; i < compiled.Length; i++)
            {
                compiled[i] = CompiledRequirement.Equal(pairs[2 * i], pairs[(2 * i) + 1]);
            }
        }
        else
        {
            var requirements = RequirementArray;
            compiled = new CompiledRequirement[requirements.Length];
            for (var i = 0; i < requirements.Length; i++)
            {
                compiled[i] = CompiledRequirement.From(requirements[i], forLabelSets: true);
            }
        }

        _compiled = compiled;
        return compiled;
    }

    private static void ValidateLabel(string key, string value)
    {
        ArgumentNullException.ThrowIfNull(key, "labels");
        ArgumentNullException.ThrowIfNull(value, "labels");
        if (!LabelValidation.IsValidKey(key.AsSpan()) || !LabelValidation.IsValidValue(value.AsSpan()))
        {
            throw new ArgumentException(LabelSelectorRequirement.Validate(key, SelectorOperator.Equals, [value], out _));
        }
    }

    private static void AddLabel(ref string[] pairs, ref int count, string key, string value)
    {
        ValidateLabel(key, value);
        if (count == pairs.Length)
        {
            Array.Resize(ref pairs, count * 2);
        }

        pairs[count++] = key;
        pairs[count++] = value;
    }

    // Insertion sort by key over (key, value) pairs, returning a key that occurs twice (or null):
    // label sets are short and often already sorted, which costs one comparison per pair, and an
    // equal key always stops the scan, so duplicates are found on the way.
    private static string? SortPairs(string[] pairs)
    {
        if (pairs.Length > 32)
        {
            SortLongPairs(pairs);
            for (var i = 2; i < pairs.Length; i += 2)
            {
                if (string.Equals(pairs[i], pairs[i - 2], StringComparison.Ordinal))
                {
                    return pairs[i];
                }
            }

            return null;
        }

        for (var i = 2; i < pairs.Length; i += 2)
        {
            var key = pairs[i];
            var value = pairs[i + 1];
            var j = i - 2;
            int order;
            while ((order = string.CompareOrdinal(pairs[j], key)) > 0)
            {
                pairs[j + 2] = pairs[j];
                pairs[j + 3] = pairs[j + 1];
                j -= 2;
                if (j < 0)
                {
                    break;
                }
            }

            if (order == 0)
            {
                return key;
            }

            pairs[j + 2] = key;
            pairs[j + 3] = value;
        }

        return null;
    }

    private static void SortLongPairs(string[] pairs)
    {
        var count = pairs.Length / 2;
        var keys = new string[count];
        var values = new string[count];
        for (var i = 0; i < count; i++)
        {
            keys[i] = pairs[2 * i];
            values[i] = pairs[(2 * i) + 1];
        }

        Array.Sort(keys, values, StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            pairs[2 * i] = keys[i];
            pairs[(2 * i) + 1] = values[i];
        }
    }

    private LabelSelectorRequirement[] MaterializeRequirements()
    {
        // A copy: other threads may be matching with the pairs while they are sorted.
        var pairs = (string[])_pairs!.Clone();
        SortPairs(pairs);
        var requirements = new LabelSelectorRequirement[pairs.Length / 2];
        for (var i = 0; i < requirements.Length; i++)
        {
            requirements[i] = LabelSelectorRequirement.CreateTrusted(pairs[2 * i], SelectorOperator.Equals, [pairs[(2 * i) + 1]]);
        }

        return Interlocked.CompareExchange(ref _requirements, requirements, null) ?? requirements;
    }

    private static string Format(LabelSelectorRequirement[] requirements)
    {
        if (requirements.Length == 0)
        {
            return string.Empty;
        }

        var text = new StringBuilder();
        for (var i = 0; i < requirements.Length; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }

            requirements[i].AppendTo(text);
        }

        return text.ToString();
    }

    // Stable, so requirements on one key keep their written order, as Go's sort does for the
    // short lists selectors are: sorts an array this code owns in place when short, else returns a
    // new sorted array.
    private static LabelSelectorRequirement[] SortByKey(LabelSelectorRequirement[] requirements)
    {
        if (requirements.Length > ShortSort)
        {
            return SortedByKey(requirements);
        }

        InsertionSortByKey(requirements);
        return requirements;
    }

    // A new array of the requirements stably sorted by key. Long selectors (a megabyte of text holds
    // 100,000 requirements) go through OrdinalSort's radix passes over key prefixes, which avoids
    // the millions of string comparisons (tens of milliseconds) a comparison sort costs.
    private static LabelSelectorRequirement[] SortedByKey(ReadOnlySpan<LabelSelectorRequirement> requirements)
    {
        var sorted = requirements.ToArray();
        if (sorted.Length <= ShortSort)
        {
            InsertionSortByKey(sorted);
            return sorted;
        }

        var count = sorted.Length;
        var keys = ArrayPool<string>.Shared.Rent(count);
        var order = ArrayPool<int>.Shared.Rent(count);
        try
        {
            for (var i = 0; i < count; i++)
            {
                keys[i] = requirements[i].Key;
            }

            OrdinalSort.StableOrder(keys, count, order);
            for (var i = 0; i < count; i++)
            {
                sorted[i] = requirements[order[i]];
            }
        }
        finally
        {
            ArrayPool<string>.Shared.Return(keys, clearArray: true);
            ArrayPool<int>.Shared.Return(order);
        }

        return sorted;
    }

    private static void InsertionSortByKey(LabelSelectorRequirement[] requirements)
    {
        for (var i = 1; i < requirements.Length; i++)
        {
            var item = requirements[i];
            var j = i - 1;
            while (j >= 0 && string.CompareOrdinal(requirements[j].Key, item.Key) > 0)
            {
                requirements[j + 1] = requirements[j];
                j--;
            }

            requirements[j + 1] = item;
        }
    }
}
