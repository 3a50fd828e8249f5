namespace FlashSales.EventBus.Kafka;

public sealed class KafkaEventBusOptions
{
    public string BootstrapServers { get; set; } = "";

    /// <summary>The consumer group: replicas of one service share it, so each event reaches one replica.</summary>
    public string ConsumerGroup { get; set; } = "";

    /// <summary>How often processed offsets are committed while events keep arriving.</summary>
    public TimeSpan CommitInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// How long the group waits for a silent member before rebalancing its partitions to the others. Kept short so a
    /// dead replica's events move on within seconds, and because a rebalance waits for every member to rejoin.
    /// </summary>
    public TimeSpan SessionTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Most events handled in one round: the orders (keys) of a round are handled in parallel, each order's events in
    /// order, and events of one type in one batch where their handlers take batches. Bounds the work redelivered after
    /// a crash, and the size of a batch.
    /// </summary>
    public int MaxEventsPerRound { get; set; } = 256;

    /// <summary>
    /// Attempts at one event within its round (back-off doubling from 100 ms) before its partition is paused: a blip is
    /// ridden out in place, a dependency that stays away does not hold up the other partitions' events.
    /// </summary>
    public int AttemptsInRound { get; set; } = 3;

    /// <summary>
    /// Longest pause of a partition whose event keeps failing (doubling from one second): the event is tried again at
    /// least this often until its dependency is back. Transient failures are never dead-lettered.
    /// </summary>
    public TimeSpan MaxPause { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Where events that cannot be handled go (the topic list lives with the events).</summary>
    public string DeadLetterTopic { get; set; } = "";
}
