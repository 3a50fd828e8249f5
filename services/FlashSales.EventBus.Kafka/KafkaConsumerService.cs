using System.Diagnostics;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FlashSales.EventBus.Kafka;

/// <summary>
/// Consumes the subscribed topics in the service's consumer group. An offset is stored only after every handler of
/// the event has finished (handlers commit their own database work, idempotently), and stored offsets are committed
/// explicitly in small batches: a crash redelivers at most the last batch, never skips an event.
/// A failing handler is retried with back-off on the same message, so events of one key are never reordered.
/// </summary>
internal sealed class KafkaConsumerService(
    IServiceScopeFactory scopeFactory,
    IOptions<KafkaEventBusOptions> options,
    IOptions<EventBusSubscriptionInfo> subscriptions,
    ILogger<KafkaConsumerService> logger) : BackgroundService
{
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(10);

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
            .SetPartitionsRevokedHandler((c, _) => CommitStored(c))
            .Build();
        consumer.Subscribe(topics);
        logger.LogInformation("Consuming {Topics} as group {Group}", string.Join(", ", topics), config.GroupId);

        var lastCommit = Stopwatch.StartNew();
        var pending = false;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var result = consumer.Consume(TimeSpan.FromMilliseconds(100));
                if (result is not null && !result.IsPartitionEOF)
                {
                    await ProcessWithRetry(result, stoppingToken);
                    consumer.StoreOffset(result);
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

    private async Task ProcessWithRetry(ConsumeResult<string, string> result, CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromMilliseconds(100);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await Process(result, stoppingToken);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.LogError(ex, "Handling {Topic}@{Offset} failed (attempt {Attempt}); retrying in {Delay}",
                    result.Topic, result.TopicPartitionOffset, attempt, delay);
                await Task.Delay(delay, stoppingToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));
            }
        }
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

        var @event = IntegrationEventJson.Deserialize(result.Message.Value, eventType)
            ?? throw new InvalidOperationException($"Empty {eventTypeName} at {result.TopicPartitionOffset}");

        await using var scope = scopeFactory.CreateAsyncScope();
        foreach (var handler in scope.ServiceProvider.GetKeyedServices<IIntegrationEventHandler>(eventType))
        {
            await handler.Handle(@event, stoppingToken);
        }
    }
}
