using System.Collections;

namespace ServiceModel.Labels;

/// <content>The allocation-free enumerator of <see cref="LabelSet"/>.</content>
public sealed partial class LabelSet
{
    /// <summary>Enumerates a <see cref="LabelSet"/> in ordinal key order.</summary>
    public struct Enumerator : IEnumerator<KeyValuePair<string, string>>
    {
        private readonly string[] _keys;
        private readonly string[] _values;
        private int _index;

        internal Enumerator(string[] keys, string[] values)
        {
            _keys = keys;
            _values = values;
            _index = -1;
        }

        /// <summary>The label at the current position.</summary>
        /// <exception cref="InvalidOperationException">The enumerator is before the first label or after the last.</exception>
        public readonly KeyValuePair<string, string> Current
            => _index >= 0 && _index < Length
                ? new(_keys[_index], _values[_index])
                : throw new InvalidOperationException("Enumeration has either not started or has already finished.");

        // A default enumerator has no arrays and enumerates nothing.
        private readonly int Length => _keys?.Length ?? 0;

        readonly object IEnumerator.Current => Current;

        /// <summary>Advances to the next label.</summary>
        /// <returns><see langword="false"/> after the last label.</returns>
        public bool MoveNext()
        {
            if (_index < Length)
            {
                _index++;
            }

            return _index < Length;
        }

        /// <summary>Returns to the position before the first label.</summary>
        public void Reset() => _index = -1;

        /// <summary>Does nothing: the enumerator holds no resources.</summary>
        public readonly void Dispose()
        {
        }
    }
}
