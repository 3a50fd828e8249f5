namespace FlashSales.EventBus.Kafka;

public sealed class KafkaEventBusOptions
{
    public string BootstrapServers { get; set; } = "";

    /// <summary>The consumer group: replicas of one service share it, so each event reaches one replica.</summary>
    public string ConsumerGroup { get; set; } = "";

    /// <summary>How often processed offsets are committed while events keep arriving.</summary>
    public TimeSpan CommitInterval { get; set; } = TimeSpan.FromMilliseconds(200);
}
