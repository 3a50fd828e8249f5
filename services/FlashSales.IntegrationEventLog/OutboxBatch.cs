using FlashSales.EntityFrameworkCore.MySql;
using FlashSales.EventBus;
using Microsoft.EntityFrameworkCore;

namespace FlashSales.IntegrationEventLog;

public static class OutboxBatch
{
    /// <summary>
    /// Writes many events into the outbox with one multi-row INSERT, inside the context's current transaction. The
    /// caller wakes the relay (<see cref="OutboxSignal.Notify"/>) after its commit.
    /// </summary>
    public static Task AddIntegrationEventsAsync(this DbContext db, IReadOnlyCollection<IntegrationEvent> events, CancellationToken ct)
    {
        if (events.Count == 0) return Task.CompletedTask;
        var insert = new SqlStatement("INSERT INTO outbox_messages (EventId, EventType, Topic, PartitionKey, Content, OccurredAt) VALUES ");
        foreach (var @event in events)
        {
            var s = SerializedIntegrationEvent.From(@event);
            insert.Row(s.Id, s.EventType, s.Topic, s.PartitionKey, s.Content, s.OccurredAt);
        }
        return insert.ExecuteAsync(db, ct);
    }
}
