using System.Buffers;
using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using ServiceModel.Discovery;
using ServiceModel.Networking;
using ServiceModel.Serialization;
using ServiceModel.Services;

namespace ServiceModel.Tests.Serialization;

/// <summary>
/// The pooled write path (one buffer per thread), the buffer-writer overload, the strings a read
/// shares, and the allocation a Service read and write costs.
/// </summary>
public class KubernetesJsonBufferTests
{
    // The benchmark's typical Service (JsonBenchmarks.TypicalService(0)).
    private const string Typical = """
        {"apiVersion":"v1","kind":"Service","metadata":{"name":"web-0","namespace":"shop",
        "uid":"0b5b5f5e-2a43-46d3-a0a5-000000000000","resourceVersion":"52017","creationTimestamp":"2025-06-01T10:05:12Z",
        "labels":{"app.kubernetes.io/name":"web","app.kubernetes.io/part-of":"shop","tier":"front"},
        "annotations":{"example.com/owner":"team-a","prometheus.io/scrape":"true"}},
        "spec":{"ports":[{"name":"http","protocol":"TCP","appProtocol":"http","port":80,"targetPort":"http-web","nodePort":30000},
        {"name":"metrics","protocol":"TCP","port":9090,"targetPort":9090}],
        "selector":{"app.kubernetes.io/name":"web","tier":"front"},"clusterIP":"10.96.0.1","clusterIPs":["10.96.0.1"],
        "type":"NodePort","sessionAffinity":"None","externalTrafficPolicy":"Cluster","ipFamilies":["IPv4"],
        "ipFamilyPolicy":"SingleStack","internalTrafficPolicy":"Cluster"},"status":{"loadBalancer":{}}}
        """;

    private static readonly Service Web = KubernetesJson.Deserialize<Service>(Typical);

    [Fact]
    public void Serialize_to_a_buffer_writer_appends_the_same_bytes_as_every_other_overload()
    {
        var buffer = new ArrayBufferWriter<byte>();
        buffer.Write("x"u8);
        KubernetesJson.Serialize(buffer, Web);
        KubernetesJson.Serialize(buffer, Web);

        var one = KubernetesJson.SerializeToUtf8Bytes(Web);
        Assert.Equal([(byte)'x', .. one, .. one], buffer.WrittenSpan.ToArray());
        Assert.Equal(Encoding.UTF8.GetString(one), KubernetesJson.Serialize(Web));
        using var stream = new MemoryStream();
        KubernetesJson.Serialize(stream, Web);
        Assert.Equal(one, stream.ToArray());
        Assert.Throws<ArgumentNullException>(() => KubernetesJson.Serialize((IBufferWriter<byte>)null!, Web));
        Assert.Throws<ArgumentNullException>(() => KubernetesJson.Serialize(buffer, (Service)null!));
    }

    [Fact]
    public void A_failed_write_appends_nothing_and_the_next_write_is_whole()
    {
        var broken = Web with { Spec = Web.Spec with { IPFamilies = [(IPFamily)99] } };
        var buffer = new ArrayBufferWriter<byte>();

        Assert.Throws<JsonException>(() => KubernetesJson.Serialize(buffer, broken));
        Assert.Equal(0, buffer.WrittenCount);
        Assert.Throws<JsonException>(() => KubernetesJson.Serialize(broken));

        KubernetesJson.Serialize(buffer, Web);
        Assert.Equal(KubernetesJson.SerializeToUtf8Bytes(Web), buffer.WrittenSpan.ToArray());
        Assert.Equal(Web, KubernetesJson.Deserialize<Service>(KubernetesJson.Serialize(Web)));
    }

    [Fact]
    public void Writes_on_several_threads_do_not_mix()
    {
        var services = Enumerable.Range(0, 64).Select(i => Web with { Name = "web-" + i, Labels = Web.Labels.SetItem("i", new string('x', i * 50)) }).ToArray();
        var expected = services.Select(s => KubernetesJson.Serialize(s)).ToArray();
        var written = new string[services.Length];

        Parallel.For(0, services.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            for (var round = 0; round < 20; round++)
            {
                written[i] = KubernetesJson.Serialize(services[i]);
            }
        });

        Assert.Equal(expected, written);
        Assert.Equal(KubernetesJson.SerializeList(services), KubernetesJson.SerializeList(services.Reverse().Reverse()));
    }

    [Fact]
    public void A_read_shares_the_strings_a_service_repeats_and_keeps_those_that_differ()
    {
        Assert.Same(Web.Labels["tier"], Web.Spec.Selector!["tier"]);
        Assert.Same(Web.Labels.Keys.Single(k => k == "tier"), Web.Spec.Selector.Keys.Single(k => k == "tier"));
        Assert.Same(Web.Spec.ClusterIP, Web.Spec.ClusterIPs[0]);
        Assert.Same(Web.Spec.Ports[0].Name, Web.Spec.Ports[0].AppProtocol);

        var differing = KubernetesJson.Deserialize<Service>(
            """{"metadata":{"name":"a","labels":{"app":"web","tier":"x"}},"spec":{"clusterIPs":["10.0.0.2","fd00::2"],"clusterIP":"10.0.0.1","selector":{"app":"api","tie":"x"},"ports":[{"name":"h","appProtocol":"h2","port":1}]}}""");
        Assert.Equal(new Dictionary<string, string> { ["app"] = "api", ["tie"] = "x" }, differing.Spec.Selector!);
        Assert.Equal(("10.0.0.1", "10.0.0.2"), (differing.Spec.ClusterIP, differing.Spec.ClusterIPs[0]));
        Assert.Equal("h2", differing.Spec.Ports[0].AppProtocol);

        var escaped = KubernetesJson.Deserialize<Service>(
            """{"metadata":{"name":"a","labels":{"a\u0070p":"w\u0065b"}},"spec":{"selector":{"app":"web"}}}""");
        Assert.Same(escaped.Labels["app"], escaped.Spec.Selector!["app"]);
    }

    [Fact]
    public void Well_known_api_strings_come_from_a_fixed_table_and_other_strings_are_read_afresh()
    {
        const string Json = """
            {"metadata":{"name":"web","namespace":"shop","labels":{"app.kubernetes.io/name":"web","app.kubernetes.io/part-of":"shop","tier":"front","app.kubernetes.io/nam":"x","kubernetes.io/service-name2":"y"},
            "annotations":{"prometheus.io/scrape":"true","endpointslice.kubernetes.io/skip-mirror":"false"}},"spec":{"trafficDistribution":"PreferClose"}}
            """;
        var one = KubernetesJson.Deserialize<Service>(Json);
        var two = KubernetesJson.Deserialize<Service>(Encoding.UTF8.GetBytes(Json.Replace("\"app.kubernetes.io/name\"", "\"a\\u0070p.kubernetes.io/name\"", StringComparison.Ordinal)));

        static string Key(ImmutableDictionary<string, string> map, string key) => map.Keys.Single(k => k == key);
        Assert.Same(Key(one.Labels, "app.kubernetes.io/name"), Key(two.Labels, "app.kubernetes.io/name"));
        Assert.Same(Key(one.Annotations, "endpointslice.kubernetes.io/skip-mirror"), Key(two.Annotations, "endpointslice.kubernetes.io/skip-mirror"));
        Assert.Same(one.Annotations["prometheus.io/scrape"], two.Annotations["prometheus.io/scrape"]);
        Assert.Same(one.Spec.TrafficDistribution, two.Spec.TrafficDistribution);
        Assert.Equal("PreferClose", one.Spec.TrafficDistribution);

        // A label naming the object or its namespace shares that string.
        Assert.Same(one.Namespace, one.Labels["app.kubernetes.io/part-of"]);
        Assert.Same(one.Name, one.Labels["app.kubernetes.io/name"]);

        // The table is fixed: what it does not hold (nor a prefix or extension of an entry) is read
        // as written, into new strings every time.
        Assert.NotSame(Key(one.Labels, "tier"), Key(two.Labels, "tier"));
        Assert.NotSame(Key(one.Annotations, "prometheus.io/scrape"), Key(two.Annotations, "prometheus.io/scrape"));
        Assert.Equal("x", one.Labels["app.kubernetes.io/nam"]);
        Assert.Equal("y", two.Labels["kubernetes.io/service-name2"]);
        Assert.Equal(one, two);
    }

    [Fact]
    public void Maps_keep_the_last_of_a_repeated_key_and_family_lists_read_whole()
    {
        var service = KubernetesJson.Deserialize<Service>(
            """{"metadata":{"name":"a","labels":{"app":"one","tier":"x","app":"two"}},"spec":{"ipFamilies":["IPv6","IPv4"],"selector":{}}}""");
        Assert.Equal(new Dictionary<string, string> { ["app"] = "two", ["tier"] = "x" }, service.Labels);
        Assert.Equal([IPFamily.IPv6, IPFamily.IPv4], service.Spec.IPFamilies.AsEnumerable());
        Assert.Empty(service.Spec.Selector!);

        var odd = KubernetesJson.Deserialize<Service>("""{"metadata":{"name":"a"},"spec":{"ipFamilies":["IPv4","IPv4","IPv6"]}}""");
        Assert.Equal([IPFamily.IPv4, IPFamily.IPv4, IPFamily.IPv6], odd.Spec.IPFamilies.AsEnumerable());
        var many = Enumerable.Range(0, 40).ToDictionary(i => "k" + i, i => "v" + i);
        var big = KubernetesJson.Deserialize<Service>(KubernetesJson.Serialize(Web with { Annotations = many.ToImmutableDictionary() }));
        Assert.Equal(many, big.Annotations);
    }

    [Fact]
    public void Writing_into_a_reused_buffer_allocates_nothing_and_reading_stays_near_the_model_size()
    {
        var utf8 = Encoding.UTF8.GetBytes(Typical);
        var buffer = new ArrayBufferWriter<byte>(4096);
        for (var i = 0; i < 20; i++)
        {
            buffer.ResetWrittenCount();
            KubernetesJson.Serialize(buffer, KubernetesJson.Deserialize<Service>(utf8));
        }

        var write = PerCall(() =>
        {
            buffer.ResetWrittenCount();
            KubernetesJson.Serialize(buffer, Web);
        });
        var read = PerCall(() => KubernetesJson.Deserialize<Service>(utf8));

        Assert.Equal(0, write);

        // The model itself (UTF-16 strings, three ImmutableDictionary trees, the records) would be
        // about twice the UTF-8 text; the reader adds nothing to it and takes the API's well-known
        // strings and the ones an object repeats from one copy (issue 11: at most 2×).
        Assert.InRange(read, 1, 2.0 * utf8.Length);
    }

    [Fact]
    public void A_huge_label_map_does_not_leave_its_buffer_with_the_thread()
    {
        var labels = string.Join(",", Enumerable.Range(0, 5000).Select(i => $"\"k{i}\":\"v\""));
        var pod = KubernetesJson.Deserialize<Pod>("{\"kind\":\"Pod\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"p\",\"labels\":{" + labels + "}}}");
        Assert.Equal(5000, pod.Labels.Count);

        // The next map read on this thread starts from a small buffer again.
        var next = StringMapBuffer.Rent();
        Assert.InRange(next.Capacity, 1, 1024);
        next.ToImmutableAndReturn();

        // An ordinary map still hands its buffer back to the thread.
        var again = StringMapBuffer.Rent();
        Assert.Same(next, again);
        again.ToImmutableAndReturn();
    }

    // The least of a few rounds: a one-off allocation outside the code under test (the shared array
    // pool refilling this thread's slot after a gen-2 trim while other tests run) must not count,
    // while an allocation on every call still shows in every round.
    private static long PerCall(Action action)
    {
        const int Calls = 50;
        const int Rounds = 3;
        var least = long.MaxValue;
        for (var round = 0; round < Rounds; round++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < Calls; i++)
            {
                action();
            }

            least = Math.Min(least, (GC.GetAllocatedBytesForCurrentThread() - before) / Calls);
        }

        return least;
    }
}
