using System.Diagnostics.Metrics;
using FlashSales.EventBus;

namespace FlashSales.IntegrationEventLog;

/// <summary>How far a service's outbox is behind its commits.</summary>
internal sealed class OutboxMetrics
{
    private readonly Histogram<double> _lag;

    public OutboxMetrics(IMeterFactory meters) =>
        _lag = FlashSalesMeter.Create(meters).CreateSeconds("flashsales.outbox.lag",
            "From an event's commit to its publication on Kafka: grows while the broker is away.");

    public void Published(IEnumerable<OutboxMessage> messages, DateTime now)
    {
        foreach (var message in messages) _lag.Record(Math.Max(0, (now - message.OccurredAt).TotalSeconds));
    }
}
