using FlashSales.EventBus;
using Microsoft.EntityFrameworkCore;

namespace FlashSales.IntegrationEventLog;

/// <summary>
/// Applies an event at most once per handler: the processed-event row is inserted first in the same transaction as
/// the handler's changes (and any events it raises into the outbox). A redelivered event hits the primary key, inserts
/// nothing and is skipped; a concurrent duplicate waits on the key lock and is skipped once the first one commits.
/// </summary>
public abstract class IdempotentEventHandler<TEvent, TContext>(TContext db, TimeProvider timeProvider)
    : IIntegrationEventHandler<TEvent>
    where TEvent : IntegrationEvent
    where TContext : DbContext
{
    protected TContext Db => db;

    protected TimeProvider Time => timeProvider;

    public async Task Handle(TEvent @event, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var first = await db.Database.ExecuteSqlAsync(
            $"INSERT IGNORE INTO processed_events (EventId, Handler, ProcessedAt) VALUES ({@event.Id}, {HandlerName}, {timeProvider.GetUtcNow().UtcDateTime})",
            cancellationToken) == 1;
        if (!first) return;

        await ApplyAsync(@event, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await AfterCommitAsync(@event, cancellationToken);
    }

    private string HandlerName => $"{GetType().Name}:{typeof(TEvent).Name}";

    /// <summary>The handler's work; its tracked changes are saved in the handler's transaction.</summary>
    protected abstract Task ApplyAsync(TEvent @event, CancellationToken cancellationToken);

    /// <summary>Work outside the database (e.g. a cache) that must only follow a committed change; runs once per applied event.</summary>
    protected virtual Task AfterCommitAsync(TEvent @event, CancellationToken cancellationToken) => Task.CompletedTask;
}
