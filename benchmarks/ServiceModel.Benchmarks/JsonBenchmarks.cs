using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using ServiceModel.Services;

namespace ServiceModel.Benchmarks;

/// <summary>
/// Reading the API's JSON: one typical Service and a 1,000-item ServiceList, against the official
/// client's own deserializer of the same text (KubernetesClient 21.0.8, the baseline); and a
/// Service round trip, whose allocation the goal bounds at 2× the JSON text's UTF-8 size.
/// </summary>
/// <remarks>
/// A round trip is <c>Deserialize&lt;Service&gt;</c> of the typical Service's text followed by
/// serializing the result again; what it allocates is compared with the text's UTF-8 length
/// (printed by the setup). Two forms: UTF-8 in and out (the bytes as a client reads them off the
/// wire, the output appended to a reused <see cref="System.Buffers.ArrayBufferWriter{T}"/> as a
/// request body would be), and text in and out (a <see cref="string"/> read, a new
/// <see cref="string"/> written: that output alone is twice the UTF-8 length).
/// </remarks>
[MemoryDiagnoser]
public class JsonBenchmarks
{
    private string _service = "";
    private byte[] _serviceUtf8 = [];
    private readonly System.Buffers.ArrayBufferWriter<byte> _output = new(4096);
    private string _list = "";

    [Params("Service", "ServiceList(1000)")]
    public string Input { get; set; } = "Service";

    [GlobalSetup]
    public void Setup()
    {
        _service = TypicalService(0);
        var items = string.Join(",", Enumerable.Range(0, 1000).Select(TypicalService));
        _list = "{\"apiVersion\":\"v1\",\"kind\":\"ServiceList\",\"metadata\":{\"resourceVersion\":\"123456\"},\"items\":[" + items + "]}";
        _serviceUtf8 = Encoding.UTF8.GetBytes(_service);
        Console.WriteLine($"// JSON text: Service {Encoding.UTF8.GetByteCount(_service)} B, ServiceList {Encoding.UTF8.GetByteCount(_list)} B");
    }

    [Benchmark(Baseline = true, Description = "KubernetesClient k8s.KubernetesJson.Deserialize")]
    public object Client()
        => Input == "Service"
            ? k8s.KubernetesJson.Deserialize<k8s.Models.V1Service>(_service)
            : k8s.KubernetesJson.Deserialize<k8s.Models.V1ServiceList>(_list);

    [Benchmark(Description = "ours, KubernetesJson.Deserialize(List)")]
    public object Ours()
        => Input == "Service"
            ? Serialization.KubernetesJson.Deserialize<Service>(_service)
            : Serialization.KubernetesJson.DeserializeList<Service>(_list);

    [Benchmark(Description = "ours, Service round trip, UTF-8 in, UTF-8 out (reused buffer)")]
    public int RoundTrip()
    {
        _output.ResetWrittenCount();
        Serialization.KubernetesJson.Serialize(_output, Serialization.KubernetesJson.Deserialize<Service>(_serviceUtf8));
        return _output.WrittenCount;
    }

    [Benchmark(Description = "ours, Service round trip, string in, string out")]
    public string RoundTripText()
        => Serialization.KubernetesJson.Serialize(Serialization.KubernetesJson.Deserialize<Service>(_service));

    // What `kubectl get svc -o json` shows for an everyday NodePort Service (about 1.2 KB).
    private static string TypicalService(int i)
        => """
            {"apiVersion":"v1","kind":"Service","metadata":{"name":"web-@N","namespace":"shop",
            "uid":"0b5b5f5e-2a43-46d3-a0a5-@UID","resourceVersion":"@RV","creationTimestamp":"2025-06-01T10:05:12Z",
            "labels":{"app.kubernetes.io/name":"web","app.kubernetes.io/part-of":"shop","tier":"front"},
            "annotations":{"example.com/owner":"team-a","prometheus.io/scrape":"true"}},
            "spec":{"ports":[{"name":"http","protocol":"TCP","appProtocol":"http","port":80,"targetPort":"http-web","nodePort":@PORT},
            {"name":"metrics","protocol":"TCP","port":9090,"targetPort":9090}],
            "selector":{"app.kubernetes.io/name":"web","tier":"front"},"clusterIP":"@IP","clusterIPs":["@IP"],
            "type":"NodePort","sessionAffinity":"None","externalTrafficPolicy":"Cluster","ipFamilies":["IPv4"],
            "ipFamilyPolicy":"SingleStack","internalTrafficPolicy":"Cluster"},"status":{"loadBalancer":{}}}
            """
            .Replace("@UID", i.ToString("D12", CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("@RV", (52017 + i).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("@PORT", (30000 + (i % 2000)).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("@IP", $"10.96.{i / 250}.{(i % 250) + 1}", StringComparison.Ordinal)
            .Replace("@N", i.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
}
