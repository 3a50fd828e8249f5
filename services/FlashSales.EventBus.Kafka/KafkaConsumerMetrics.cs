using System.Diagnostics.Metrics;
using Confluent.Kafka;

namespace FlashSales.EventBus.Kafka;

/// <summary>How far a service's consumer is behind its events, and the events it could never handle.</summary>
internal sealed class KafkaConsumerMetrics
{
    private readonly Histogram<double> _lag;
    private readonly Counter<long> _deadLettered;

    public KafkaConsumerMetrics(IMeterFactory meters)
    {
        var meter = FlashSalesMeter.Create(meters);
        _lag = meter.CreateSeconds("flashsales.events.consume_lag",
            "From an event's production to its consumer taking it up, by topic: how far the consumer is behind.");
        _deadLettered = meter.CreateCounter<long>("flashsales.events.dead_lettered", "{event}",
            "Events a consumer could not handle, moved to the dead-letter topic, by the topic they came from.");
    }

    public void TakenUp(ConsumeResult<string, string> result, DateTime now)
    {
        var produced = result.Message.Timestamp.UtcDateTime;
        _lag.Record(Math.Max(0, (now - produced).TotalSeconds), new KeyValuePair<string, object?>("messaging.destination.name", result.Topic));
    }

    public void DeadLettered(string topic) => _deadLettered.Add(1, new KeyValuePair<string, object?>("messaging.destination.name", topic));
}
