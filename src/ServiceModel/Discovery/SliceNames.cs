using System.Text;

namespace ServiceModel.Discovery;

/// <summary>
/// Deterministic names for new EndpointSlices. Upstream asks the API server for
/// <c>generateName: &lt;service&gt;-</c>, which appends five random characters; here the five
/// characters come from a hash, so the same inputs always give the same names.
/// </summary>
/// <remarks>
/// Name <c>n</c> (n = 0, 1, 2, …) of a Service is the prefix, cut to 58 characters as the API
/// server cuts it, followed by five characters of the API server's alphabet
/// <c>bcdfghjklmnpqrstvwxz2456789</c>: the base-27 digits, least significant first, of the 64-bit
/// FNV-1a hash of the UTF-8 text <c>&lt;namespace&gt;/&lt;service&gt;#&lt;n&gt;</c>. Candidates already
/// taken by an existing slice (or earlier in the same reconcile) are skipped.
/// </remarks>
internal static class SliceNames
{
    private const string Alphabet = "bcdfghjklmnpqrstvwxz2456789";
    private const int SuffixLength = 5;
    private const int MaxNameLength = 63;
    private const int MaxSubdomainLength = 253;

    /// <summary>Upstream's generateName: <c>&lt;service&gt;-</c>, or the bare name when that would be too long.</summary>
    public static string Prefix(string serviceName)
        => serviceName.Length + 1 > MaxSubdomainLength ? serviceName : serviceName + "-";

    public static string Next(string @namespace, string serviceName, HashSet<string> used, ref int counter)
    {
        var prefix = Prefix(serviceName);
        if (prefix.Length > MaxNameLength - SuffixLength)
        {
            prefix = prefix[..(MaxNameLength - SuffixLength)];
        }

        while (true)
        {
            var name = prefix + Suffix($"{@namespace}/{serviceName}#{counter}");
            counter++;
            if (used.Add(name))
            {
                return name;
            }
        }
    }

    internal static string Suffix(string seed)
    {
        const ulong offsetBasis = 14695981039346656037;
        const ulong prime = 1099511628211;
        var hash = offsetBasis;
        foreach (var b in Encoding.UTF8.GetBytes(seed))
        {
            hash = (hash ^ b) * prime;
        }

        Span<char> suffix = stackalloc char[SuffixLength];
        for (var i = 0; i < SuffixLength; i++)
        {
            suffix[i] = Alphabet[(int)(hash % (ulong)Alphabet.Length)];
            hash /= (ulong)Alphabet.Length;
        }

        return new string(suffix);
    }
}
