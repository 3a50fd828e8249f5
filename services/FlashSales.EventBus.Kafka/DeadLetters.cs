using System.Text;
using Confluent.Kafka;

namespace FlashSales.EventBus.Kafka;

/// <summary>
/// The dead-letter topic as an operator sees it: the letters not yet replayed (with where each came from and why), and
/// a replay that puts each back on its original topic for its consumer to try again (every consumer skips what it has
/// already applied). What has been replayed is remembered as the offsets of the <see cref="ReplayGroup"/> group.
/// </summary>
public sealed class DeadLetters(string bootstrapServers, string topic)
{
    public const string ReplayGroup = "flashsales.dead-letters.replay";

    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    public sealed record Letter(string? Key, string? OriginalTopic, string? ConsumerGroup, string? Error, string Offset);

    /// <summary>Every letter ever written, replayed or not.</summary>
    public long CountAll()
    {
        using var consumer = Consumer();
        return Partitions(consumer).Sum(p => consumer.QueryWatermarkOffsets(p, Wait).High.Value);
    }

    /// <summary>The letters not replayed yet, oldest first per partition.</summary>
    public IReadOnlyList<Letter> Waiting(int max = 1000)
    {
        using var consumer = Consumer();
        var letters = new List<Letter>();
        ReadWaiting(consumer, max, (message, offset) => letters.Add(new Letter(message.Key,
            Header(message, KafkaHeaders.OriginalTopic), Header(message, KafkaHeaders.ConsumerGroup), Header(message, KafkaHeaders.Error),
                offset.ToString())));
        return letters;
    }

    /// <summary>Puts every waiting letter back on its original topic, as it was first published, and marks it replayed.</summary>
    /// <returns>How many were replayed.</returns>
    public async Task<int> ReplayAsync(CancellationToken ct)
    {
        using var producer = new ProducerBuilder<string, string>(new ProducerConfig
        {
            BootstrapServers = bootstrapServers, EnableIdempotence = true, Acks = Acks.All,
        }).SetLogHandler((_, _) => { }).Build();
        using var consumer = Consumer();
        var replays = new List<Task>();
        var next = ReadWaiting(consumer, int.MaxValue, (message, _) =>
        {
            var original = Header(message, KafkaHeaders.OriginalTopic)
                ?? throw new InvalidOperationException("A dead letter without its original topic cannot be replayed.");
            var headers = new Headers();
            foreach (var header in message.Headers.Where(h => !IsDeadLetterHeader(h.Key))) headers.Add(header.Key, header.GetValueBytes());
            replays.Add(producer.ProduceAsync(original, new Message<string, string> { Key = message.Key, Value = message.Value, Headers = headers },
                ct));
        });
        // Marked replayed only once every letter is back on its topic: a failed replay is replayed again next time.
        await Task.WhenAll(replays);
        if (next.Count > 0) consumer.Commit(next);
        return replays.Count;
    }

    /// <returns>Where each partition read from is to be read from next.</returns>
    private List<TopicPartitionOffset> ReadWaiting(IConsumer<string, string> consumer, int max,
        Action<Message<string, string>, TopicPartitionOffset> read)
    {
        var partitions = Partitions(consumer);
        var committed = consumer.Committed(partitions, Wait).ToDictionary(c => c.TopicPartition, c => c.Offset);
        var count = 0;
        var next = new List<TopicPartitionOffset>();
        foreach (var partition in partitions)
        {
            var end = consumer.QueryWatermarkOffsets(partition, Wait).High.Value;
            var from = committed.GetValueOrDefault(partition, Offset.Unset) is { IsSpecial: false } c ? c.Value : 0;
            if (from >= end || count >= max) continue;
            consumer.Assign(new TopicPartitionOffset(partition, from));
            var offset = from;
            while (offset < end && count < max)
            {
                var result = consumer.Consume(Wait) ?? throw new TimeoutException($"{partition} did not deliver offset {offset} within {Wait}.");
                if (result.IsPartitionEOF) break;
                read(result.Message, result.TopicPartitionOffset);
                offset = result.Offset.Value + 1;
                count++;
            }
            next.Add(new TopicPartitionOffset(partition, offset));
        }
        return next;
    }

    private IConsumer<string, string> Consumer() => new ConsumerBuilder<string, string>(new ConsumerConfig
    {
        BootstrapServers = bootstrapServers, GroupId = ReplayGroup, EnableAutoCommit = false, AutoOffsetReset = AutoOffsetReset.Earliest,
    }).SetLogHandler((_, _) => { }).Build();

    private List<TopicPartition> Partitions(IConsumer<string, string> consumer)
    {
        using var admin = new DependentAdminClientBuilder(consumer.Handle).Build();
        var metadata = admin.GetMetadata(topic, Wait);
        return [.. metadata.Topics.SelectMany(t => t.Partitions.Select(p => new TopicPartition(t.Topic, p.PartitionId)))];
    }

    private static bool IsDeadLetterHeader(string name) =>
        name is KafkaHeaders.OriginalTopic or KafkaHeaders.OriginalPartitionOffset or KafkaHeaders.ConsumerGroup or KafkaHeaders.Error;

    private static string? Header(Message<string, string> message, string name) =>
        message.Headers is { } headers && headers.TryGetLastBytes(name, out var bytes) ? Encoding.UTF8.GetString(bytes) : null;
}
