using System.Collections.Frozen;
using System.Reflection;
using k8s;
using k8s.Models;

namespace ServiceModel.KubernetesClient.Internal;

/// <summary>
/// The client's model types by <c>apiVersion</c> and <c>kind</c>, read once from the
/// <see cref="KubernetesEntityAttribute"/> the client puts on every top-level type, with a reader
/// for each (the client's <see cref="KubernetesYaml"/>).
/// </summary>
internal static class KindTable
{
    private static readonly FrozenDictionary<string, Type> s_types = Build(out s_groupVersions, out s_versionsByKind);
    private static readonly FrozenSet<string> s_groupVersions;
    private static readonly FrozenDictionary<string, string[]> s_versionsByKind;
    private static readonly MethodInfo s_deserialize = typeof(KubernetesYaml).GetMethods(BindingFlags.Public | BindingFlags.Static)
        .Single(m => m.Name == nameof(KubernetesYaml.Deserialize) && m.IsGenericMethodDefinition
            && m.GetParameters() is [{ ParameterType: var text }, { ParameterType: var strict }]
            && text == typeof(string) && strict == typeof(bool));

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, Func<string, bool, object>> s_readers = new();

    /// <summary>The client type for an apiVersion and kind, or null when the client has none.</summary>
    public static Type? Find(string apiVersion, string kind)
        => s_types.TryGetValue(apiVersion + "/" + kind, out var type) ? type : null;

    /// <summary>Whether the client knows any kind of this apiVersion (so an unknown kind there is a mistake, not a custom resource).</summary>
    public static bool IsKnownGroupVersion(string apiVersion) => s_groupVersions.Contains(apiVersion);

    /// <summary>The apiVersions that serve a kind, for the error message of a kind under the wrong apiVersion.</summary>
    public static IReadOnlyList<string> VersionsOf(string kind) => s_versionsByKind.TryGetValue(kind, out var versions) ? versions : [];

    /// <summary>Reads one object's YAML (or JSON) text as <paramref name="type"/> through the client's reader; unknown fields are ignored.</summary>
    public static IKubernetesObject<V1ObjectMeta> Read(Type type, string text)
    {
        var reader = s_readers.GetOrAdd(type, static t => s_deserialize.MakeGenericMethod(t).CreateDelegate<Func<string, bool, object>>());
        return (IKubernetesObject<V1ObjectMeta>)reader(text, false);
    }

    private static FrozenDictionary<string, Type> Build(out FrozenSet<string> groupVersions, out FrozenDictionary<string, string[]> versionsByKind)
    {
        var types = new Dictionary<string, Type>(StringComparer.Ordinal);
        var versions = new HashSet<string>(StringComparer.Ordinal);
        var byKind = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var type in typeof(V1Pod).Assembly.GetExportedTypes())
        {
            if (type.GetCustomAttribute<KubernetesEntityAttribute>() is not { Kind: { Length: > 0 } kind } entity
                || !typeof(IKubernetesObject<V1ObjectMeta>).IsAssignableFrom(type))
            {
                continue;
            }

            var apiVersion = string.IsNullOrEmpty(entity.Group) ? entity.ApiVersion : entity.Group + "/" + entity.ApiVersion;
            types.TryAdd(apiVersion + "/" + kind, type);
            versions.Add(apiVersion);
            if (!byKind.TryGetValue(kind, out var set))
            {
                byKind[kind] = set = new SortedSet<string>(StringComparer.Ordinal);
            }

            set.Add(apiVersion);
        }

        groupVersions = versions.ToFrozenSet(StringComparer.Ordinal);
        versionsByKind = byKind.ToFrozenDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
        return types.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
