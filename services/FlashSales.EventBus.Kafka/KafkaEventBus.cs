using System.Diagnostics;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FlashSales.EventBus.Kafka;

/// <summary>
/// Publishes through one idempotent producer (acks=all), so retries never duplicate or reorder events of one key.
/// Kafka transactions are not used: the outbox gives atomicity with the database instead.
/// </summary>
public sealed class KafkaEventBus : IEventBus, IDisposable
{
    private readonly IProducer<string, string> _producer;
    private int _disposed;

    public KafkaEventBus(IOptions<KafkaEventBusOptions> options, ILogger<KafkaEventBus> logger)
    {
        var config = new ProducerConfig
        {
            BootstrapServers = options.Value.BootstrapServers,
            EnableIdempotence = true,
            Acks = Acks.All,
            LingerMs = 2,
            // No delivery timeout: a message waits for an absent broker for as long as it is away, and goes out when it is
            // back. (With one, a message that timed out while possibly written makes the idempotent producer stop to
            // reset its sequence, and a relay's events stayed unpublished for minutes after a one-minute outage.)
            MessageTimeoutMs = 0,
        };
        _producer = new ProducerBuilder<string, string>(config)
            .SetLogHandler((_, message) => KafkaClientLog.Line(logger, message))
            .SetErrorHandler((_, error) => KafkaClientLog.Error(logger, error))
            .Build();
    }

    internal Handle Handle => _producer.Handle;

    public Task PublishAsync(IntegrationEvent @event, CancellationToken cancellationToken = default) =>
        PublishAsync(SerializedIntegrationEvent.From(@event), cancellationToken);

    public async Task PublishAsync(SerializedIntegrationEvent @event, CancellationToken cancellationToken = default)
    {
        using var activity = KafkaTelemetry.Source.StartActivity($"{@event.Topic} publish", ActivityKind.Producer);
        activity?.SetTag("messaging.system", "kafka");
        activity?.SetTag("messaging.destination.name", @event.Topic);
        activity?.SetTag("messaging.message.id", @event.Id);

        var headers = new Headers();
        KafkaHeaders.Set(headers, KafkaHeaders.EventId, @event.Id.ToString());
        KafkaHeaders.Set(headers, KafkaHeaders.EventType, @event.EventType);
        KafkaTelemetry.Inject(activity, headers);

        await _producer.ProduceAsync(
            @event.Topic,
            new Message<string, string> { Key = @event.PartitionKey, Value = @event.Content, Headers = headers },
            cancellationToken);
    }

    /// <summary>A raw message, as it is (the consumer's dead letters).</summary>
    internal Task ProduceAsync(string topic, Message<string, string> message, CancellationToken cancellationToken) =>
        _producer.ProduceAsync(topic, message, cancellationToken);

    // Registered as itself and as IEventBus, so the container disposes it twice.
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        _producer.Flush(TimeSpan.FromSeconds(5));
        _producer.Dispose();
    }
}
