using System.Collections.Concurrent;
using System.Diagnostics;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FlashSales.EventBus.Kafka;

/// <summary>
/// Consumes the subscribed topics in the service's consumer group. Events are handled in rounds: the events already
/// received (up to <see cref="KafkaEventBusOptions.MaxEventsPerRound"/>) are handled in waves, one event of each key
/// (each order) per wave: the orders in parallel (events of one type in one batch, where their handlers take batches)
/// and each order's events in order. So events of one order never overtake each other, a busy service still handles
/// many orders at once, and the further behind it is, the larger its batches. An offset is stored only after every
/// handler of its round has finished (handlers commit their own database work, idempotently), and stored offsets are
/// committed explicitly in small batches: a crash redelivers at most the last rounds, never skips an event.
/// A failing handler is retried with back-off on the same event (so events of one key are never reordered), a few
/// times within its round; if it still fails, its partition is paused and rewound to it, and tried again with a growing
/// pause (<see cref="PausedPartitions"/>) until it succeeds, while the other partitions keep moving: a database or broker
/// away for minutes delays events, it never loses or buries them. Only an event that can never succeed (it cannot be
/// read, or its handler says so with <see cref="PermanentEventFailureException"/>) goes to the dead-letter topic with its
/// error. Consume errors (the broker away, the group lost) are logged and consuming goes on.
/// </summary>
internal sealed class KafkaConsumerService(
    IServiceScopeFactory scopeFactory,
    IOptions<KafkaEventBusOptions> options,
    IOptions<EventBusSubscriptionInfo> subscriptions,
    KafkaEventBus bus,
    KafkaConsumerMetrics metrics,
    TimeProvider time,
    ILogger<KafkaConsumerService> logger) : BackgroundService
{
    private readonly PausedPartitions _paused = new(options.Value.MaxPause, time);

    // Whether every handler of an event type takes batches, learned the first time its events meet in a wave (handlers
    // are only known once resolved), so the events of other types are not resolved twice.
    private readonly ConcurrentDictionary<Type, bool> _takesBatches = new();

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var topics = subscriptions.Value.Topics;
        if (topics.Count == 0) return Task.CompletedTask;

        // Consume() blocks, so the loop gets a thread of its own rather than a thread-pool thread.
        return Task.Factory.StartNew(() => ConsumeLoop(topics, stoppingToken), stoppingToken,
            TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
    }

    private async Task ConsumeLoop(IReadOnlyList<string> topics, CancellationToken stoppingToken)
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = options.Value.BootstrapServers,
            GroupId = options.Value.ConsumerGroup,
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            SessionTimeoutMs = (int)options.Value.SessionTimeout.TotalMilliseconds,
            HeartbeatIntervalMs = (int)options.Value.HeartbeatInterval.TotalMilliseconds,
        };
        using var consumer = new ConsumerBuilder<string, string>(config)
            .SetPartitionsRevokedHandler((c, revoked) =>
            {
                CommitStored(c);
                _paused.Forget(revoked.Select(p => p.TopicPartition));
            })
            .SetLogHandler((_, message) => KafkaClientLog.Line(logger, message))
            .SetErrorHandler((_, error) => KafkaClientLog.Error(logger, error))
            .Build();
        consumer.Subscribe(topics);
        logger.LogInformation("Consuming {Topics} as group {Group}", string.Join(", ", topics), config.GroupId);

        var lastCommit = Stopwatch.StartNew();
        var pending = false;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                _paused.ResumeDue(consumer);
                ConsumeResult<string, string>? result;
                try
                {
                    result = consumer.Consume(TimeSpan.FromMilliseconds(100));
                }
                catch (ConsumeException ex)
                {
                    // librdkafka rejoins the group and reconnects by itself; a fatal error would need a new consumer.
                    logger.LogWarning(ex, "Consuming failed ({Reason}); going on", ex.Error.Reason);
                    if (ex.Error.IsFatal) throw;
                    continue;
                }
                if (result is not null && !result.IsPartitionEOF)
                {
                    var round = TakeRound(consumer, result);
                    var failed = await ProcessRoundAsync(round, stoppingToken);
                    StoreOffsetsAndPause(consumer, round, failed);
                    pending = true;
                }

                if (pending && (result is null || lastCommit.Elapsed >= options.Value.CommitInterval))
                {
                    CommitStored(consumer);
                    pending = false;
                    lastCommit.Restart();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            if (pending) CommitStored(consumer);
            consumer.Close();
        }
    }

    // The first event and those already fetched behind it; Consume with no wait never blocks on the broker.
    private List<ConsumeResult<string, string>> TakeRound(IConsumer<string, string> consumer, ConsumeResult<string, string> first)
    {
        var round = new List<ConsumeResult<string, string>> { first };
        while (round.Count < options.Value.MaxEventsPerRound)
        {
            ConsumeResult<string, string>? next;
            try
            {
                next = consumer.Consume(TimeSpan.Zero);
            }
            catch (ConsumeException ex)
            {
                logger.LogWarning(ex, "Consuming failed ({Reason}); handling the events received so far", ex.Error.Reason);
                break;
            }
            if (next is null) break;
            if (!next.IsPartitionEOF) round.Add(next);
        }
        return round;
    }

    /// <summary>
    /// Stores the offsets of each partition's events up to its first failed one; a partition with a failed event is
    /// paused and rewound to it. Events after it that were handled come again and are skipped as duplicates.
    /// </summary>
    private void StoreOffsetsAndPause(IConsumer<string, string> consumer, List<ConsumeResult<string, string>> round,
        IReadOnlyCollection<ConsumeResult<string, string>> failed)
    {
        var firstFailed = failed.GroupBy(f => f.TopicPartition).ToDictionary(g => g.Key, g => g.MinBy(f => f.Offset.Value)!);
        foreach (var handled in round)
        {
            if (firstFailed.TryGetValue(handled.TopicPartition, out var stop) && handled.Offset.Value >= stop.Offset.Value) continue;
            StoreOffset(consumer, handled);
        }
        foreach (var partition in round.Select(
            r => r.TopicPartition).Distinct().Where(p => !firstFailed.ContainsKey(p))) _paused.Succeeded(partition);
        foreach (var stop in firstFailed.Values)
        {
            try
            {
                var pause = _paused.Pause(consumer, stop.TopicPartitionOffset);
                logger.LogWarning("{Partition} waits {Pause} before its event at {Offset} is tried again", stop.TopicPartition, pause, stop.Offset);
            }
            catch (KafkaException ex) when (ex.Error.Code is ErrorCode.Local_State or ErrorCode.Local_UnknownPartition)
            {
                logger.LogInformation("{Partition} was reassigned; its new owner handles {Offset} again", stop.TopicPartition, stop.Offset);
            }
        }
    }

    // A partition revoked while its round was taken is no longer ours to mark: its new owner redelivers those events,
    // and the handlers skip them as duplicates.
    private void StoreOffset(IConsumer<string, string> consumer, ConsumeResult<string, string> handled)
    {
        try
        {
            consumer.StoreOffset(handled);
        }
        catch (KafkaException ex) when (ex.Error.Code == ErrorCode.Local_State)
        {
            logger.LogInformation("{Partition} was reassigned while its events were handled; its new owner sees them again", handled.TopicPartition);
        }
    }

    /// <summary>
    /// Handles a round in waves: the first event of each key (each order), then the second, and so on, so each key's
    /// events keep their order. The events of a wave belong to different orders and are handled at once: those of one
    /// type whose handlers take batches as one batch, the others each on its own. A message without a key keeps its
    /// partition's order.
    /// </summary>
    /// <returns>The events that failed and are to be tried again; the later events of their keys are not handled.</returns>
    private async Task<IReadOnlyCollection<ConsumeResult<string, string>>> ProcessRoundAsync(
        List<ConsumeResult<string, string>> round, CancellationToken stoppingToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var result in round) metrics.TakenUp(result, now);
        var keys = round.GroupBy(KeyOf).Select(k => k.ToList()).ToList();
        var failed = new List<ConsumeResult<string, string>>();
        var failedKeys = new HashSet<string>();
        for (var wave = 0; ; wave++)
        {
            var events = keys.Where(k => k.Count > wave && !failedKeys.Contains(KeyOf(k[0]))).Select(k => k[wave]).ToList();
            if (events.Count == 0) return failed;
            var outcomes = await Task.WhenAll(events.GroupBy(e => KafkaHeaders.Get(e.Message.Headers, KafkaHeaders.EventType))
                .Select(ofOneType => ProcessTogetherAsync([.. ofOneType], stoppingToken)));
            foreach (var result in outcomes.SelectMany(o => o))
            {
                failed.Add(result);
                failedKeys.Add(KeyOf(result));
            }
        }
    }

    private static string KeyOf(ConsumeResult<string, string> result) => result.Message.Key ?? result.TopicPartition.ToString();

    /// <returns>The events that failed.</returns>
    private async Task<IEnumerable<ConsumeResult<string, string>>> ProcessTogetherAsync(List<ConsumeResult<string, string>> events,
        CancellationToken stoppingToken)
    {
        if (events.Count > 1 && await TryProcessBatchAsync(events, stoppingToken)) return [];
        var handled = await Task.WhenAll(events.Select(e => ProcessWithRetry(e, stoppingToken)));
        return events.Where((_, i) => !handled[i]);
    }

    /// <returns>False when the events are not handled as a batch (a handler takes one at a time, an event cannot be
    /// read, or the batch failed and was rolled back): the caller then handles each on its own.</returns>
    private async Task<bool> TryProcessBatchAsync(List<ConsumeResult<string, string>> events, CancellationToken stoppingToken)
    {
        var eventTypeName = KafkaHeaders.Get(events[0].Message.Headers, KafkaHeaders.EventType);
        if (eventTypeName is null || !subscriptions.Value.EventTypes.TryGetValue(eventTypeName, out var eventType)) return false;
        if (_takesBatches.TryGetValue(eventType, out var takesBatches) && !takesBatches) return false;

        await using var scope = scopeFactory.CreateAsyncScope();
        var handlers = scope.ServiceProvider.GetKeyedServices<IIntegrationEventHandler>(eventType).ToList();
        takesBatches = _takesBatches[eventType] = handlers.Count > 0 && handlers.All(h => h is IBatchIntegrationEventHandler);
        if (!takesBatches) return false;

        var read = new List<IntegrationEvent>(events.Count);
        try
        {
            read.AddRange(events.Select(e => Read(e, eventTypeName, eventType)));
        }
        catch (UnreadableEventException)
        {
            return false;
        }

        using var activity = KafkaTelemetry.StartConsume(events[0].Topic, events[0].Message.Headers);
        activity?.SetTag("messaging.batch.message_count", events.Count);
        try
        {
            foreach (var handler in handlers) await ((IBatchIntegrationEventHandler)handler).HandleBatch(read, stoppingToken);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            logger.LogInformation(ex, "A batch of {Count} {EventType} failed; handling each on its own", events.Count, eventTypeName);
            return false;
        }
    }

    private void CommitStored(IConsumer<string, string> consumer)
    {
        try
        {
            consumer.Commit();
        }
        catch (KafkaException ex) when (ex.Error.Code == ErrorCode.Local_NoOffset)
        {
        }
        catch (KafkaException ex)
        {
            logger.LogWarning(ex, "Committing offsets failed; the events will be redelivered and skipped as duplicates");
        }
    }

    /// <returns>True when the event is done with (handled, or dead-lettered as permanently failed); false when it
    /// failed for now and its partition is to wait before it is tried again.</returns>
    private async Task<bool> ProcessWithRetry(ConsumeResult<string, string> result, CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromMilliseconds(100);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await Process(result, stoppingToken);
                return true;
            }
            catch (Exception ex) when (ex is UnreadableEventException or PermanentEventFailureException)
            {
                return await TryDeadLetterAsync(result, ex, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                if (attempt >= options.Value.AttemptsInRound)
                {
                    // Expected while a dependency is away, and retried until it is back: the reason, without a stack trace.
                    logger.LogWarning("Handling {Topic}@{Offset} failed {Attempts} times ({Error}: {Reason}); it is tried again",
                        result.Topic, result.TopicPartitionOffset, attempt, ex.GetType().Name, ex.GetBaseException().Message);
                    return false;
                }
                logger.LogInformation("Handling {Topic}@{Offset} failed ({Error}: {Reason}); retrying in {Delay}",
                    result.Topic, result.TopicPartitionOffset, ex.GetType().Name, ex.GetBaseException().Message, delay);
                await Task.Delay(delay, stoppingToken);
                delay *= 2;
            }
        }
    }

    // Published before the offset is stored: a crash in between redelivers the event (handled or dead-lettered again).
    // The producer waits for an absent broker; a publish that fails all the same leaves the event to be tried again,
    // like any transient failure, rather than escaping the consume loop.
    private async Task<bool> TryDeadLetterAsync(ConsumeResult<string, string> result, Exception error, CancellationToken stoppingToken)
    {
        var headers = new Headers();
        foreach (var header in result.Message.Headers ?? []) headers.Add(header.Key, header.GetValueBytes());
        KafkaHeaders.Set(headers, KafkaHeaders.OriginalTopic, result.Topic);
        KafkaHeaders.Set(headers, KafkaHeaders.OriginalPartitionOffset, result.TopicPartitionOffset.ToString());
        KafkaHeaders.Set(headers, KafkaHeaders.ConsumerGroup, options.Value.ConsumerGroup);
        KafkaHeaders.Set(headers, KafkaHeaders.Error, $"{error.GetType().Name}: {error.Message}");
        try
        {
            await bus.ProduceAsync(options.Value.DeadLetterTopic,
                new Message<string, string> { Key = result.Message.Key, Value = result.Message.Value, Headers = headers }, stoppingToken);
        }
        catch (KafkaException ex)
        {
            logger.LogWarning("Event {Topic}@{Offset} cannot be handled and could not be dead-lettered yet ({Reason})",
                result.Topic, result.TopicPartitionOffset, ex.Error.Reason);
            return false;
        }
        logger.LogError(error, "Event {Topic}@{Offset} can never be handled; moved to {DeadLetterTopic}",
            result.Topic, result.TopicPartitionOffset, options.Value.DeadLetterTopic);
        metrics.DeadLettered(result.Topic);
        return true;
    }

    private async Task Process(ConsumeResult<string, string> result, CancellationToken stoppingToken)
    {
        var eventTypeName = KafkaHeaders.Get(result.Message.Headers, KafkaHeaders.EventType);
        if (eventTypeName is null || !subscriptions.Value.EventTypes.TryGetValue(eventTypeName, out var eventType))
        {
            return; // another service's event on a shared topic
        }

        using var activity = KafkaTelemetry.StartConsume(result.Topic, result.Message.Headers);
        activity?.SetTag("messaging.message.id", KafkaHeaders.Get(result.Message.Headers, KafkaHeaders.EventId));

        var @event = Read(result, eventTypeName, eventType);

        await using var scope = scopeFactory.CreateAsyncScope();
        foreach (var handler in scope.ServiceProvider.GetKeyedServices<IIntegrationEventHandler>(eventType))
        {
            await handler.Handle(@event, stoppingToken);
        }
    }

    private static IntegrationEvent Read(ConsumeResult<string, string> result, string eventTypeName, Type eventType)
    {
        IntegrationEvent? @event;
        try
        {
            @event = IntegrationEventJson.Deserialize(result.Message.Value, eventType);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or NotSupportedException or ArgumentException or InvalidOperationException)
        {
            throw new UnreadableEventException($"{eventTypeName} at {result.TopicPartitionOffset} cannot be read: {ex.Message}", ex);
        }
        return @event ?? throw new UnreadableEventException($"Empty {eventTypeName} at {result.TopicPartitionOffset}");
    }
}
