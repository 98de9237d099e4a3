using System.Collections.Immutable;
using System.Text;
using k8s;
using k8s.Models;
using ServiceModel.Discovery;
using ServiceModel.KubernetesClient.Internal;
using ServiceModel.Services;
using YamlDotNet.Core;

namespace ServiceModel.KubernetesClient;

/// <summary>
/// Reads Kubernetes manifests — multi-document YAML and JSON, files, folders, text and streams,
/// <c>List</c> kinds such as <c>kubectl get svc,pods -o json</c> prints — into a
/// <see cref="ManifestSet"/>: Services, Pods, EndpointSlices and Endpoints converted to the model,
/// every other object as the client's typed object, and every document that cannot be read as a
/// <see cref="ManifestError"/> with its file, document, line and reason. Nothing is skipped silently.
/// </summary>
/// <remarks>
/// <para>
/// Documents are separated as kubectl separates them: by a line that starts with <c>---</c>
/// followed only by blanks or a comment. JSON is read as YAML (JSON is YAML's flow style). Each
/// object is read by the official client's reader (<see cref="KubernetesYaml"/>) as the client type
/// its <c>apiVersion</c> and <c>kind</c> name; fields the client does not know are ignored. An
/// object of a custom resource (an API group with a dot that is not Kubernetes' own
/// <c>*.k8s.io</c>) is kept as a <see cref="CustomObject"/>; an unknown kind or version of
/// Kubernetes' own groups (<c>v1 Servcie</c>, <c>apps/v1 Service</c>, <c>v2 Service</c>) is an error.
/// </para>
/// <para>
/// A file that cannot be opened throws (<see cref="IOException"/> and its kin); everything inside
/// a file that cannot be read is reported in <see cref="ManifestSet.Errors"/>. Stateless and thread-safe.
/// </para>
/// </remarks>
public static class ManifestReader
{
    /// <summary>The file name extensions <see cref="ReadDirectory"/> reads (compared ignoring case): <c>.yaml</c>, <c>.yml</c>, <c>.json</c>.</summary>
    public static ImmutableArray<string> Extensions { get; } = [".yaml", ".yml", ".json"];

    /// <summary>Reads a file, or every manifest file under a folder (see <see cref="ReadDirectory"/>).</summary>
    /// <param name="path">A file or a folder.</param>
    /// <returns>What was read.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    /// <exception cref="FileNotFoundException">Neither a file nor a folder exists at <paramref name="path"/>.</exception>
    public static ManifestSet Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Directory.Exists(path) ? ReadDirectory(path) : ReadFile(path);
    }

    /// <summary>Reads one file, whatever its extension.</summary>
    /// <param name="path">The file.</param>
    /// <returns>What was read; locations name the file by <paramref name="path"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static ManifestSet ReadFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var builder = new Builder();
        builder.Add(File.ReadAllText(path, Encoding.UTF8), path);
        return builder.ToSet();
    }

    /// <summary>
    /// Reads every file under a folder, recursively, whose extension is one of <see cref="Extensions"/>,
    /// in ordinal order of their paths.
    /// </summary>
    /// <param name="path">The folder.</param>
    /// <returns>What was read; locations name each file by its path under <paramref name="path"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public static ManifestSet ReadDirectory(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var files = Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
            .Where(file => Extensions.Any(extension => file.EndsWith(extension, StringComparison.OrdinalIgnoreCase)))
            .Order(StringComparer.Ordinal)
            .ToList();
        var builder = new Builder();
        foreach (var file in files)
        {
            builder.Add(File.ReadAllText(file, Encoding.UTF8), file);
        }

        return builder.ToSet();
    }

    /// <summary>Reads manifest text (YAML, JSON, several documents).</summary>
    /// <param name="text">The text.</param>
    /// <param name="source">The name to give in locations (a file name, <c>"stdin"</c>); <see langword="null"/> by default.</param>
    /// <returns>What was read.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public static ManifestSet ReadText(string text, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new Builder();
        builder.Add(text, source);
        return builder.ToSet();
    }

    /// <summary>Reads manifest text from a stream (UTF-8 unless a byte order mark says otherwise), to its end. The stream is left open.</summary>
    /// <param name="stream">The stream.</param>
    /// <param name="source">The name to give in locations; <see langword="null"/> by default.</param>
    /// <returns>What was read.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    public static ManifestSet Read(Stream stream, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        return ReadText(reader.ReadToEnd(), source);
    }

    /// <summary>Reads manifest text with the line-scan shortcut on or off; the two must give equal sets (tests compare them).</summary>
    internal static ManifestSet ReadText(string text, string? source, bool fastPath)
    {
        var builder = new Builder(fastPath);
        builder.Add(text, source);
        return builder.ToSet();
    }

    private sealed class Builder(bool fastPath = true)
    {
        private readonly ImmutableArray<ManifestEntry<Service>>.Builder _services = ImmutableArray.CreateBuilder<ManifestEntry<Service>>();
        private readonly ImmutableArray<ManifestEntry<Pod>>.Builder _pods = ImmutableArray.CreateBuilder<ManifestEntry<Pod>>();
        private readonly ImmutableArray<ManifestEntry<EndpointSlice>>.Builder _slices = ImmutableArray.CreateBuilder<ManifestEntry<EndpointSlice>>();
        private readonly ImmutableArray<ManifestEntry<Endpoints>>.Builder _endpoints = ImmutableArray.CreateBuilder<ManifestEntry<Endpoints>>();
        private readonly ImmutableArray<ManifestEntry<IKubernetesObject<V1ObjectMeta>>>.Builder _other = ImmutableArray.CreateBuilder<ManifestEntry<IKubernetesObject<V1ObjectMeta>>>();
        private readonly ImmutableArray<ManifestError>.Builder _errors = ImmutableArray.CreateBuilder<ManifestError>();

        public void Add(string text, string? file)
        {
            var index = 0;
            foreach (var (chunk, firstLine) in ManifestScanner.Split(text))
            {
                if (fastPath && TryAddFast(chunk, firstLine, file, ref index))
                {
                    continue;
                }

                foreach (var document in ManifestScanner.ScanChunk(chunk, firstLine))
                {
                    foreach (var problem in document.Problems)
                    {
                        _errors.Add(new ManifestError(
                            new ManifestLocation { File = file, DocumentIndex = index, ItemIndex = problem.ItemIndex, Line = problem.Line, Column = problem.Column },
                            problem.Message));
                    }

                    foreach (var scanned in document.Objects)
                    {
                        Add(scanned, Locate(scanned, file, index));
                    }

                    index++;
                }
            }
        }

        public ManifestSet ToSet() => new(
            _services.ToImmutable(), _pods.ToImmutable(), _slices.ToImmutable(), _endpoints.ToImmutable(), _other.ToImmutable(), _errors.ToImmutable());

        private static ManifestLocation Locate(ScannedObject scanned, string? file, int index)
            => new() { File = file, DocumentIndex = index, ItemIndex = scanned.ItemIndex, Line = scanned.Line, Column = scanned.Column };

        // The common document read with one YAML pass instead of the scanner's and the reader's two.
        // Anything the line scan is not sure of, and anything that does not read cleanly, goes
        // through the scanner, so errors and their locations are the scanner's.
        private bool TryAddFast(string chunk, int firstLine, string? file, ref int index)
        {
            switch (ManifestFastScan.TryScan(chunk, firstLine, out var scanned))
            {
                case ManifestFastScan.Outcome.Empty:
                    return true;
                case ManifestFastScan.Outcome.Doubt:
                    return false;
            }

            if (Resolve(scanned!, out _) is not { } type)
            {
                return false;
            }

            IKubernetesObject<V1ObjectMeta> item;
            try
            {
                item = KindTable.Read(type, scanned!.Text);
            }
            catch (Exception failed) when (failed is YamlException or InvalidOperationException)
            {
                // YamlDotNet also throws InvalidOperationException on some malformed flow text.
                return false;
            }

            // A header line the scan took for a top-level key but was not one (inside a quoted scalar, a flow mapping).
            if (item.ApiVersion != scanned.ApiVersion || item.Kind != scanned.Kind)
            {
                return false;
            }

            Add(item, scanned, Locate(scanned, file, index));
            index++;
            return true;
        }

        private void Add(ScannedObject scanned, ManifestLocation location)
        {
            if (Resolve(scanned, out var error) is not { } type)
            {
                _errors.Add(new ManifestError(location, error!));
                return;
            }

            IKubernetesObject<V1ObjectMeta> item;
            try
            {
                item = KindTable.Read(type, scanned.Text);
            }
            catch (YamlException read)
            {
                _errors.Add(ReadError(scanned, location, read));
                return;
            }

            Add(item, scanned, location);
        }

        private void Add(IKubernetesObject<V1ObjectMeta> item, ScannedObject scanned, ManifestLocation location)
        {
            // Items of a typed list may leave these out; the object says what it was read as.
            item.ApiVersion ??= scanned.ApiVersion;
            item.Kind ??= scanned.Kind;
            if (item is CustomObject custom)
            {
                custom.Text = scanned.Text;
            }
            try
            {
                switch (item)
                {
                    case V1Service service:
                        _services.Add(new ManifestEntry<Service>(service.ToModel(), item, location));
                        break;
                    case V1Pod pod:
                        _pods.Add(new ManifestEntry<Pod>(pod.ToModel(), item, location));
                        break;
                    case V1EndpointSlice slice:
                        _slices.Add(new ManifestEntry<EndpointSlice>(slice.ToModel(), item, location));
                        break;
                    case V1Endpoints endpoints:
                        _endpoints.Add(new ManifestEntry<Endpoints>(endpoints.ToModel(), item, location));
                        break;
                    default:
                        _other.Add(new ManifestEntry<IKubernetesObject<V1ObjectMeta>>(item, item, location));
                        break;
                }
            }
            catch (Exception invalid) when (invalid is FormatException or ArgumentException)
            {
                _errors.Add(new ManifestError(location, invalid.Message));
            }
        }

        private static Type? Resolve(ScannedObject scanned, out string? error)
        {
            error = null;
            if (string.IsNullOrEmpty(scanned.Kind))
            {
                error = "kind: Required value: every manifest object names its kind";
                return null;
            }

            if (string.IsNullOrEmpty(scanned.ApiVersion))
            {
                error = $"apiVersion: Required value: every manifest object names its apiVersion (kind {scanned.Kind})";
                return null;
            }

            if (KindTable.Find(scanned.ApiVersion, scanned.Kind) is { } type)
            {
                return type;
            }

            if (!IsBuiltIn(scanned.ApiVersion))
            {
                // A custom resource (its group has a dot and is not Kubernetes' own): keep what every object has.
                return typeof(CustomObject);
            }

            var versions = KindTable.VersionsOf(scanned.Kind);
            error = KindTable.IsKnownGroupVersion(scanned.ApiVersion) && versions.Count == 0
                ? $"kind: Unsupported value: {ApiValues.Quote(scanned.Kind)}: apiVersion {scanned.ApiVersion} has no such kind"
                : versions.Count == 0
                    ? $"apiVersion: Unsupported value: {ApiValues.Quote(scanned.ApiVersion)}: no such API version of Kubernetes (kind {scanned.Kind})"
                    : $"apiVersion: Unsupported value: {ApiValues.Quote(scanned.ApiVersion)}: kind {scanned.Kind} is served as {string.Join(" or ", versions)}";
            return null;
        }

        // The core group ("v1"), dotless groups ("apps", "batch") and *.k8s.io are Kubernetes' own;
        // a custom resource's group must contain a dot.
        private static bool IsBuiltIn(string apiVersion)
        {
            var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
            if (slash < 0)
            {
                return true;
            }

            var group = apiVersion.AsSpan(0, slash);
            return !group.Contains('.') || group.EndsWith(".k8s.io", StringComparison.Ordinal) || KindTable.IsKnownGroupVersion(apiVersion);
        }

        private static ManifestError ReadError(ScannedObject scanned, ManifestLocation location, YamlException error)
        {
            var line = scanned.Line + (int)error.Start.Line - 1;
            var column = (int)error.Start.Column;
            var cause = error.InnerException is { } inner and not YamlException ? inner.Message : ManifestText.WithoutMarks(error);
            var field = YamlPaths.At(scanned.Text, error.Start.Index);
            var message = string.IsNullOrEmpty(field)
                ? $"{scanned.ApiVersion} {scanned.Kind}: {cause}"
                : $"{scanned.ApiVersion} {scanned.Kind}: {field}: {cause}";
            return new ManifestError(location with { Line = line, Column = column }, message);
        }
    }
}
