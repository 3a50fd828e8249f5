namespace FlashSales.AppHost.Infrastructure.Kafka;

/// <summary>The Kafka stand-in of local mode: librdkafka's mock cluster, hosted in the AppHost process itself.</summary>
public sealed class KafkaMockClusterResource(string name) : Resource(name), IResourceWithConnectionString
{
    internal BootstrapServers Bootstrap { get; } = new();

    /// <summary>The running cluster, once started.</summary>
    internal LibrdkafkaMockCluster? Cluster { get; set; }

    /// <summary>Resource commands (dashboard, tests) that take the broker down and up, for fault drills.</summary>
    public const string BrokerDownCommand = "broker-down";
    public const string BrokerUpCommand = "broker-up";

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create($"{Bootstrap}");

    /// <summary>Known once the cluster has started; the mock picks its own ports, so they change on every run.</summary>
    internal sealed class BootstrapServers : IValueProvider, IManifestExpressionProvider
    {
        public string? Value { get; set; }

        public string ValueExpression => "{kafka.bootstrapServers}";

        public ValueTask<string?> GetValueAsync(CancellationToken cancellationToken = default) =>
            ValueTask.FromResult<string?>(Value ?? throw new InvalidOperationException("The Kafka mock cluster has not started yet."));
    }
}
