using FlashSales.EntityFrameworkCore.MySql;
using FlashSales.EventBus;
using Microsoft.EntityFrameworkCore;

namespace FlashSales.IntegrationEventLog;

/// <summary>
/// Writes many events into the outbox with one multi-row INSERT, inside the context's current transaction. The
/// caller wakes the relay (<see cref="OutboxSignal.Notify"/>) after its commit.
/// </summary>
public static class OutboxBatch
{
    public static Task AddIntegrationEventsAsync(this DbContext db, IReadOnlyCollection<IntegrationEvent> events, CancellationToken ct) =>
        events.Count == 0 ? Task.CompletedTask : Insert(events).ExecuteAsync(db, ct);

    /// <summary>The same, synchronously, for a group commit's own thread.</summary>
    public static void AddIntegrationEvents(this DbContext db, IReadOnlyCollection<IntegrationEvent> events)
    {
        if (events.Count > 0) Insert(events).Execute(db);
    }

    private static SqlStatement Insert(IReadOnlyCollection<IntegrationEvent> events)
    {
        var insert = new SqlStatement("INSERT INTO outbox_messages (EventId, EventType, Topic, PartitionKey, Content, OccurredAt) VALUES ");
        foreach (var @event in events)
        {
            var s = SerializedIntegrationEvent.From(@event);
            insert.Row(s.Id, s.EventType, s.Topic, s.PartitionKey, s.Content, s.OccurredAt);
        }
        return insert;
    }
}
