using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;

namespace FlashSales.AppHost.Infrastructure.Kafka;

/// <summary>
/// librdkafka's built-in mock cluster: a Kafka-protocol broker on 127.0.0.1 inside this process, which other processes
/// reach through <see cref="BootstrapServers"/>. In memory only, ~5 MiB retention per partition, no transactions and no
/// topic admin APIs, so topics are created here, up front.
/// </summary>
internal sealed partial class LibrdkafkaMockCluster : IDisposable
{
    private const string Library = "librdkafka-mock";
    private const int BrokerId = 1;
    private readonly IntPtr _client;
    private readonly IntPtr _cluster;

    static LibrdkafkaMockCluster() =>
        NativeLibrary.SetDllImportResolver(typeof(LibrdkafkaMockCluster).Assembly, ResolveLoadedLibrdkafka);

    public LibrdkafkaMockCluster(IEnumerable<string> topics, int partitions)
    {
        var error = new StringBuilder(512);
        var conf = rd_kafka_conf_new();
        // This handle only hosts the cluster and never connects anywhere: without a bootstrap server of its own,
        // librdkafka would say so on stderr at notice level.
        if (rd_kafka_conf_set(conf, "log_level", "4", error, (UIntPtr)error.Capacity) != 0)
        {
            throw new InvalidOperationException($"rd_kafka_conf_set failed: {error}");
        }
        _client = rd_kafka_new(0 /* producer */, conf, error, (UIntPtr)error.Capacity);
        if (_client == IntPtr.Zero) throw new InvalidOperationException($"rd_kafka_new failed: {error}");

        _cluster = rd_kafka_mock_cluster_new(_client, 1);
        if (_cluster == IntPtr.Zero) throw new InvalidOperationException("rd_kafka_mock_cluster_new failed");

        // Without a controller, metadata answers name none and admin calls wait a minute; without the delay
        // setting, every consumer group waits 3 s before its first assignment.
        rd_kafka_mock_set_controller_id(_cluster, BrokerId);
        rd_kafka_mock_group_initial_rebalance_delay_ms(_cluster, 0);
        foreach (var topic in topics)
        {
            var err = rd_kafka_mock_topic_create(_cluster, topic, partitions, 1);
            if (err != 0) throw new InvalidOperationException($"Creating topic {topic} failed with error {err}");
        }

        BootstrapServers = Marshal.PtrToStringUTF8(rd_kafka_mock_cluster_bootstraps(_cluster))
            ?? throw new InvalidOperationException("The mock cluster has no bootstrap servers");
    }

    public string BootstrapServers { get; }

    /// <summary>Takes the (single) broker down: connections are closed and new ones refused, until <see cref="BrokerUp"/>.</summary>
    public void BrokerDown() => Check(rd_kafka_mock_broker_set_down(_cluster, BrokerId), "taking the broker down");

    public void BrokerUp() => Check(rd_kafka_mock_broker_set_up(_cluster, BrokerId), "bringing the broker up");

    private static void Check(int error, string what)
    {
        if (error != 0) throw new InvalidOperationException($"{what} failed with error {error}");
    }

    public void Dispose()
    {
        rd_kafka_mock_cluster_destroy(_cluster);
        rd_kafka_destroy(_client);
    }

    // The packaged librdkafka.so needs libsasl2.so.3, which Debian here lacks; Confluent.Kafka then loads another build
    // it ships. Let it choose, then bind these imports to whichever file it loaded.
    private static IntPtr ResolveLoadedLibrdkafka(string name, Assembly assembly, DllImportSearchPath? path)
    {
        if (name != Library) return IntPtr.Zero;
        _ = Confluent.Kafka.Library.VersionString;
        var loaded = File.ReadLines("/proc/self/maps")
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length >= 6 && fields[^1].Contains("librdkafka", StringComparison.Ordinal))
            .Select(fields => fields[^1])
            .FirstOrDefault()
            ?? throw new DllNotFoundException("Confluent.Kafka loaded no librdkafka into this process.");
        return NativeLibrary.Load(loaded);
    }

    [LibraryImport(Library)]
    private static partial IntPtr rd_kafka_conf_new();

    [DllImport(Library)]
    private static extern int rd_kafka_conf_set(IntPtr conf, string name, string value, StringBuilder errstr, UIntPtr errstrSize);

    [DllImport(Library)]
    private static extern IntPtr rd_kafka_new(int type, IntPtr conf, StringBuilder errstr, UIntPtr errstrSize);

    [LibraryImport(Library)]
    private static partial void rd_kafka_destroy(IntPtr rk);

    [LibraryImport(Library)]
    private static partial IntPtr rd_kafka_mock_cluster_new(IntPtr rk, int brokerCount);

    [LibraryImport(Library)]
    private static partial void rd_kafka_mock_cluster_destroy(IntPtr cluster);

    [LibraryImport(Library)]
    private static partial IntPtr rd_kafka_mock_cluster_bootstraps(IntPtr cluster);

    [LibraryImport(Library)]
    private static partial int rd_kafka_mock_set_controller_id(IntPtr cluster, int brokerId);

    [LibraryImport(Library)]
    private static partial int rd_kafka_mock_group_initial_rebalance_delay_ms(IntPtr cluster, int delayMs);

    [LibraryImport(Library)]
    private static partial int rd_kafka_mock_broker_set_down(IntPtr cluster, int brokerId);

    [LibraryImport(Library)]
    private static partial int rd_kafka_mock_broker_set_up(IntPtr cluster, int brokerId);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int rd_kafka_mock_topic_create(IntPtr cluster, string topic, int partitions, int replicationFactor);
}
