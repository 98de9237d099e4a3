using System.Buffers;
using System.Collections.Immutable;
using System.Runtime.InteropServices;
using ServiceModel.Internal;

namespace ServiceModel.Labels;

// Kubernetes' selector grammar (apimachinery pkg/labels Parse), lexed straight off the string:
//   selector    := requirement ("," requirement)*        (or nothing at all)
//   requirement := ["!"] KEY [ ("in"|"notin") "(" values ")" | ("="|"=="|"!="|">"|"<") VALUE ]
// Token boundaries, the keyword-or-identifier rule ("in"/"notin" are ordinary identifiers where a
// value is expected), the quirks of empty values and every error text follow upstream. Upstream
// reads a NUL character as the end of the input at a token start, and as a silent terminator
// inside a token; that is reproduced so the same strings are accepted.
internal ref struct LabelSelectorParser
{
    private const string BinaryOperators = "in, notin, =, ==, !=, gt, lt";

    // What ends an identifier: the symbols, white space and NUL.
    private static readonly SearchValues<char> s_tokenEnds = SearchValues.Create("=!(),<> \t\r\n\0");

    // From this many requirements on, keys and values are shared through a small cache: long
    // selectors repeat their keys and values ("app!=a,app!=b", "x in (a,b)"), and one string per
    // repeat is most of what a megabyte selector allocates.
    private const int SharingFrom = 16;

    // Slots of that cache (a power of two), and the longest text it keeps.
    private const int SharedSlots = 64;
    private const int MaxSharedLength = 32;

    // The value of "key=" (and "key!=", …), shared: no caller ever writes to a requirement's values.
    private static readonly string[] s_emptyValue = [string.Empty];

    private readonly string _text;
    private int _position;
    private Token _peeked;
    private bool _hasPeeked;

    // The requirements read so far, in written order; past the first few, in pooled arrays.
    private LabelSelectorRequirement[]? _requirements;
    private int _count;
    private bool _pooled;

    // Reused by every "in (...)" list of one parse.
    private List<string>? _valueList;
    private string?[]? _shared;
    private string[]?[]? _sharedSingles;

    private LabelSelectorParser(string text)
    {
        _text = text;
        _position = 0;
        _peeked = default;
        _hasPeeked = false;
    }

    private enum Kind
    {
        End,
        ClosedParen,
        Comma,
        Bang,
        DoubleEquals,
        Equals,
        GreaterThan,
        Identifier,
        In,
        LessThan,
        NotEquals,
        NotIn,
        OpenParen,
    }

    // Parses text; on failure returns null and sets error to upstream's message.
    internal static LabelSelector? Parse(string text, out string? error)
    {
        // No try/finally: nothing in the parse throws short of running out of memory, and a pooled
        // array not given back is merely collected.
        var parser = new LabelSelectorParser(text);
        var selector = parser.ParseSelector(out error);
        parser.ReturnRequirements();
        return selector;
    }

    private static bool IsWhitespace(char c) => c is ' ' or '\t' or '\r' or '\n';

    private static bool IsSpecial(char c) => c is '=' or '!' or '(' or ')' or ',' or '>' or '<';

    private static Kind SingleSymbol(char c) => c switch
    {
        '=' => Kind.Equals,
        '!' => Kind.Bang,
        '(' => Kind.OpenParen,
        ')' => Kind.ClosedParen,
        ',' => Kind.Comma,
        '>' => Kind.GreaterThan,
        _ => Kind.LessThan,
    };

    private LabelSelector? ParseSelector(out string? error)
    {
        while (true)
        {
            var token = Peek(values: true);
            switch (token.Kind)
            {
                case Kind.Identifier or Kind.Bang:
                    var requirement = ParseRequirement(out error);
                    if (requirement is null)
                    {
                        error = "unable to parse requirement: " + error;
                        return null;
                    }

                    AddRequirement(requirement);
                    var next = Consume(values: true);
                    switch (next.Kind)
                    {
                        case Kind.End:
                            error = null;
                            return LabelSelector.FromParsed(_requirements.AsSpan(0, _count));
                        case Kind.Comma:
                            var after = Peek(values: true);
                            if (after.Kind is not (Kind.Identifier or Kind.Bang))
                            {
                                error = $"found '{Literal(after)}', expected: identifier after ','";
                                return null;
                            }

                            break;
                        default:
                            error = $"found '{Literal(next)}', expected: ',' or 'end of string'";
                            return null;
                    }

                    break;
                case Kind.End:
                    error = null;
                    return _count == 0 ? LabelSelector.Everything : LabelSelector.FromParsed(_requirements.AsSpan(0, _count));
                default:
                    error = $"found '{Literal(token)}', expected: !, identifier, or 'end of string'";
                    return null;
            }
        }
    }

    // A string equal to text: a recent one with the same characters when the selector is long.
    private static string Share(string?[]? shared, ReadOnlySpan<char> text)
    {
        if (shared is null || text.Length is 0 or > MaxSharedLength)
        {
            return text.ToString();
        }

        var slot = Slot(text);
        var candidate = shared[slot];
        if (candidate is not null && text.SequenceEqual(candidate))
        {
            return candidate;
        }

        return shared[slot] = text.ToString();
    }

    // The same for the one-element value arrays of "=", "==", "!=", "<" and ">".
    private string[] ShareSingle(ReadOnlySpan<char> text)
    {
        if (_sharedSingles is null || text.Length is 0 or > MaxSharedLength)
        {
            return [text.ToString()];
        }

        var slot = Slot(text);
        var candidate = _sharedSingles[slot];
        if (candidate is not null && text.SequenceEqual(candidate[0]))
        {
            return candidate;
        }

        return _sharedSingles[slot] = [Share(_shared, text)];
    }

    private static int Slot(ReadOnlySpan<char> text)
        => ((text.Length * 31) + (text[0] * 7) + text[text.Length / 2] + (text[^1] * 3)) & (SharedSlots - 1);

    private void AddRequirement(LabelSelectorRequirement requirement)
    {
        if (_requirements is null)
        {
            _requirements = new LabelSelectorRequirement[4];
        }
        else if (_count == _requirements.Length)
        {
            // Growth goes through the pool: a megabyte selector would otherwise leave a trail of
            // ever larger arrays, most on the large-object heap.
            var larger = ArrayPool<LabelSelectorRequirement>.Shared.Rent(_count * 2);
            _requirements.AsSpan(0, _count).CopyTo(larger);
            ReturnRequirements();
            _requirements = larger;
            _pooled = true;
        }

        _requirements[_count++] = requirement;
        if (_count == SharingFrom)
        {
            _shared = new string?[SharedSlots];
            _sharedSingles = new string[]?[SharedSlots];
        }
    }

    private readonly void ReturnRequirements()
    {
        if (_pooled)
        {
            ArrayPool<LabelSelectorRequirement>.Shared.Return(_requirements!, clearArray: true);
        }
    }

    private LabelSelectorRequirement? ParseRequirement(out string? error)
    {
        var token = Consume(values: true);
        var @operator = SelectorOperator.Equals;
        var negated = false;
        if (token.Kind == Kind.Bang)
        {
            negated = true;
            token = Consume(values: true);
        }

        if (token.Kind != Kind.Identifier)
        {
            error = $"found '{Literal(token)}', expected: identifier";
            return null;
        }

        var keySpan = _text.AsSpan(token.Start, token.Length);
        if (!LabelValidation.IsValidKey(keySpan))
        {
            var badKey = keySpan.ToString();
            error = UpstreamText.Invalid("<nil>", GoText.Quote(badKey), string.Join("; ", LabelValidation.ValidateKey(badKey)));
            return null;
        }

        var key = Share(_shared, keySpan);
        var following = Peek(values: true).Kind;
        if (negated)
        {
            // "!key" ends the requirement whatever follows; the caller reports a stray operator.
            error = null;
            return LabelSelectorRequirement.CreateTrusted(key, SelectorOperator.DoesNotExist, []);
        }

        if (following is Kind.End or Kind.Comma)
        {
            error = null;
            return LabelSelectorRequirement.CreateTrusted(key, SelectorOperator.Exists, []);
        }

        var operatorToken = Consume(values: false);
        switch (operatorToken.Kind)
        {
            case Kind.In:
                @operator = SelectorOperator.In;
                break;
            case Kind.NotIn:
                @operator = SelectorOperator.NotIn;
                break;
            case Kind.Equals:
                @operator = SelectorOperator.Equals;
                break;
            case Kind.DoubleEquals:
                @operator = SelectorOperator.DoubleEquals;
                break;
            case Kind.NotEquals:
                @operator = SelectorOperator.NotEquals;
                break;
            case Kind.GreaterThan:
                @operator = SelectorOperator.GreaterThan;
                break;
            case Kind.LessThan:
                @operator = SelectorOperator.LessThan;
                break;
            default:
                error = $"found '{Literal(operatorToken)}', expected: {BinaryOperators}";
                return null;
        }

        ImmutableArray<string> values;
        if (@operator is SelectorOperator.In or SelectorOperator.NotIn)
        {
            var set = ParseValueSet(out error);
            if (set is null)
            {
                return null;
            }

            values = LabelSelectorRequirement.SortUnique(set);
        }
        else
        {
            var value = ParseExactValue(out error);
            if (value is null)
            {
                return null;
            }

            // Never written to, so requirements can share one array.
            values = ImmutableCollectionsMarshal.AsImmutableArray(value);
        }

        if (LabelSelectorRequirement.AreValuesValid(@operator, values, out _))
        {
            error = null;
            return LabelSelectorRequirement.CreateTrusted(key, @operator, values);
        }

        error = LabelSelectorRequirement.Validate(key, @operator, values, out _);
        return null;
    }

    private string[]? ParseValueSet(out string? error)
    {
        var open = Consume(values: true);
        if (open.Kind != Kind.OpenParen)
        {
            error = $"found '{Literal(open)}' expected: '('";
            return null;
        }

        var first = Peek(values: true);
        switch (first.Kind)
        {
            case Kind.Identifier or Kind.Comma:
                var list = ParseIdentifierList(out error);
                if (list is not null)
                {
                    // The list stops only in front of ')', which is consumed here.
                    Consume(values: true);
                }

                return list;
            case Kind.ClosedParen:
                Consume(values: true);
                error = null;
                return [string.Empty];
            default:
                error = $"found '{Literal(first)}', expected: ',', ')' or identifier";
                return null;
        }
    }

    // A comma-separated list in which missing items are empty values: "(,a)", "(a,,b)", "(a,)".
    private string[]? ParseIdentifierList(out string? error)
    {
        var set = new ValueSet(_valueList, _shared);
        var values = ParseIdentifierList(ref set, out error);
        _valueList = set.Release();
        return values;
    }

    private string[]? ParseIdentifierList(ref ValueSet set, out string? error)
    {
        while (true)
        {
            if (TryReadPlainValues(ref set))
            {
                error = null;
                return set.ToArray();
            }

            var token = Consume(values: true);
            switch (token.Kind)
            {
                case Kind.Identifier:
                    set.Add(_text.AsSpan(token.Start, token.Length));
                    var next = Peek(values: true);
                    switch (next.Kind)
                    {
                        case Kind.Comma:
                            continue;
                        case Kind.ClosedParen:
                            error = null;
                            return set.ToArray();
                        default:
                            error = $"found '{Literal(next)}', expected: ',' or ')'";
                            return null;
                    }

                case Kind.Comma:
                    if (set.Count == 0)
                    {
                        set.Add([]);
                    }

                    var lookahead = Peek(values: true).Kind;
                    if (lookahead == Kind.ClosedParen)
                    {
                        set.Add([]);
                        error = null;
                        return set.ToArray();
                    }

                    if (lookahead == Kind.Comma)
                    {
                        set.Add([]);
                    }

                    break;
                default:
                    error = $"found '{Literal(token)}', expected: ',', or identifier";
                    return null;
            }
        }
    }

    // The common shape of a long list, "v1,v2,...,vn)", read without making tokens: each value ends
    // at a ',' or ')' and the next starts right after the comma. Anything else (white space, an
    // empty item, a NUL, the end of the text) is left at its start for the token loop, which then
    // reads on exactly as if it had read these values itself. True when the list's ')' was reached
    // (left for the caller to consume, as the token loop leaves it).
    private bool TryReadPlainValues(ref ValueSet set)
    {
        if (_hasPeeked)
        {
            if (_peeked.Kind is not (Kind.Identifier or Kind.In or Kind.NotIn))
            {
                return false;
            }

            // Identifiers are re-read from their first character the same way.
            _position = _peeked.Start;
            _hasPeeked = false;
        }

        while (true)
        {
            var rest = _text.AsSpan(_position);
            var length = rest.IndexOfAny(s_tokenEnds);
            if (length <= 0 || rest[length] is not (',' or ')'))
            {
                return false;
            }

            set.Add(rest[..length]);
            if (rest[length] == ')')
            {
                _position += length;
                return true;
            }

            if (length + 1 < rest.Length && !s_tokenEnds.Contains(rest[length + 1]))
            {
                _position += length + 1;
                continue;
            }

            // A comma followed by something other than a plain value: the token loop takes the comma.
            _position += length;
            return false;
        }
    }

    // The value as a one-element array.
    private string[]? ParseExactValue(out string? error)
    {
        error = null;
        if (Peek(values: true).Kind is Kind.End or Kind.Comma)
        {
            return s_emptyValue;
        }

        var token = Consume(values: true);
        if (token.Kind == Kind.Identifier)
        {
            return ShareSingle(_text.AsSpan(token.Start, token.Length));
        }

        error = $"found '{Literal(token)}', expected: identifier";
        return null;
    }

    private string Literal(Token token) => token.Kind switch
    {
        Kind.End => string.Empty,
        _ => GoText.Excerpt(_text.AsSpan(token.Start, token.Length)),
    };

    private Token Peek(bool values)
    {
        if (!_hasPeeked)
        {
            _peeked = Lex();
            _hasPeeked = true;
        }

        return InContext(_peeked, values);
    }

    private Token Consume(bool values)
    {
        var token = _hasPeeked ? _peeked : Lex();
        _hasPeeked = false;
        return InContext(token, values);
    }

    private static Token InContext(Token token, bool values)
        => values && token.Kind is Kind.In or Kind.NotIn ? token with { Kind = Kind.Identifier } : token;

    // Upstream's reader: '\0' both for the end of input (without advancing) and for a NUL character.
    private char Read() => _position < _text.Length ? _text[_position++] : '\0';

    private Token Lex()
    {
        var c = Read();
        while (IsWhitespace(c))
        {
            c = Read();
        }

        if (c == '\0')
        {
            return new Token(Kind.End, _position, 0);
        }

        _position--;
        return IsSpecial(c) ? ScanSymbol() : ScanIdentifierOrKeyword();
    }

    private Token ScanIdentifierOrKeyword()
    {
        // A token ends at a symbol, white space, a NUL (swallowed, as upstream's reader does) or the
        // end of the text; one vectorized search finds it, so a megabyte token costs microseconds.
        var start = _position;
        var length = _text.AsSpan(start).IndexOfAny(s_tokenEnds);
        var end = length < 0 ? _text.Length : start + length;
        _position = end < _text.Length && _text[end] == '\0' ? end + 1 : end;

        var word = _text.AsSpan(start, end - start);
        var kind = word is "in" ? Kind.In : word is "notin" ? Kind.NotIn : Kind.Identifier;
        return new Token(kind, start, end - start);
    }

    // Longest match over the symbol tokens: "!=" and "==" are the only two-character ones.
    private Token ScanSymbol()
    {
        var start = _position;
        var first = Read();
        var second = Read();
        if (second == '\0')
        {
            return new Token(SingleSymbol(first), start, 1);
        }

        if (!IsSpecial(second) || second != '=' || first is not ('!' or '='))
        {
            _position--;
            return new Token(SingleSymbol(first), start, 1);
        }

        // A third symbol never extends the token; a NUL right after it is swallowed, as upstream does.
        if (Read() != '\0')
        {
            _position--;
        }

        return new Token(first == '!' ? Kind.NotEquals : Kind.DoubleEquals, start, 2);
    }

    private readonly record struct Token(Kind Kind, int Start, int Length);

    // The values of one "in (...)" list. Upstream collects them in a set; here a short list stays a
    // list (cheaper to build, and sorting drops its repeats), and past ShortLength values repeats are
    // dropped as they are read, so a megabyte of repeated values neither makes a string per repeat
    // nor sorts them.
    private struct ValueSet
    {
        private const int ShortLength = 16;

        private readonly string?[]? _shared;
        private List<string>? _list;
        private HashSet<string>? _distinct;
        private HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

        // list: an empty list to fill (or null), shared: the parser's string cache (or null).
        public ValueSet(List<string>? list, string?[]? shared)
        {
            _list = list;
            _shared = shared;
        }

        public readonly int Count => _distinct?.Count ?? _list?.Count ?? 0;

        public void Add(ReadOnlySpan<char> value)
        {
            if (_distinct is null)
            {
                _list ??= new List<string>(4);
                if (_list.Count < ShortLength)
                {
                    _list.Add(Share(_shared, value));
                    return;
                }

                _distinct = new HashSet<string>(_list, StringComparer.Ordinal);
                _lookup = _distinct.GetAlternateLookup<ReadOnlySpan<char>>();
            }

            _lookup.Add(value);
        }

        public readonly string[] ToArray() => _distinct is not null ? [.. _distinct] : _list is not null ? [.. _list] : [];

        // The list, emptied, for the next value set of the parse.
        public readonly List<string>? Release()
        {
            _list?.Clear();
            return _list;
        }
    }
}
