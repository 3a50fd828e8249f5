using FlashSales.EntityFrameworkCore.MySql;
using FlashSales.EventBus;
using System.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

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
        await using var transaction = await BeginTransactionAsync(cancellationToken);
        var first = await db.Database.ExecuteSqlAsync($"""
            INSERT IGNORE INTO processed_events (EventId, Handler, ProcessedAt)
            VALUES ({@event.Id}, {HandlerName}, {timeProvider.GetUtcNow().UtcDateTime})
            """, cancellationToken) == 1;
        if (!first) return;

        await ApplyAsync(@event, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await BeforeCommitAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await AfterCommitAsync(@event, cancellationToken);
    }

    /// <summary>
    /// Applies several events (of different orders) in one transaction; a handler takes batches by also declaring
    /// <see cref="IBatchIntegrationEventHandler{TEvent}"/>, which this method implements. Events this handler already
    /// applied are skipped, the others' processed-event rows go in with one statement, and every event's work is saved
    /// with one SaveChanges. A row a concurrent duplicate inserted fails the insert (once that one commits), which rolls
    /// the batch back; the consumer then handles its events one at a time. The batch holds every lock its events take
    /// until it commits, so a handler whose rows the order path also writes (the product service's confirmation takes
    /// products' rows) writes those in <see cref="BeforeCommitAsync"/>, for the whole batch at once.
    /// </summary>
    public async Task HandleBatch(IReadOnlyList<TEvent> events, CancellationToken cancellationToken)
    {
        await using var transaction = await BeginTransactionAsync(cancellationToken);
        var handler = HandlerName;
        var ids = events.Select(e => e.Id).ToList();
        var applied = (await db.Set<ProcessedEvent>()
            .Where(p => p.Handler == handler && ids.Contains(p.EventId))
            .Select(p => p.EventId)
            .ToListAsync(cancellationToken)).ToHashSet();
        var fresh = events.Where(e => !applied.Contains(e.Id)).DistinctBy(e => e.Id).ToList();
        if (fresh.Count == 0) return;

        var now = timeProvider.GetUtcNow().UtcDateTime;
        var insert = new SqlStatement("INSERT INTO processed_events (EventId, Handler, ProcessedAt) VALUES ");
        foreach (var @event in fresh) insert.Row(@event.Id, handler, now);
        await insert.ExecuteAsync(db, cancellationToken);

        await BeforeBatchAsync(fresh, cancellationToken);
        foreach (var @event in fresh) await ApplyAsync(@event, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await BeforeCommitAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        foreach (var @event in fresh) await AfterCommitAsync(@event, cancellationToken);
    }

    /// <summary>Work for a whole batch before its events are applied, e.g. locking all their rows with one statement.</summary>
    protected virtual Task BeforeBatchAsync(IReadOnlyList<TEvent> events, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// The last statements before the commit, after every event's changes are saved: for writes to rows that other
    /// transactions contend for, so that they stay locked for these statements and the commit only.
    /// </summary>
    protected virtual Task BeforeCommitAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The transaction's isolation level; null for the server's default (repeatable read).</summary>
    protected virtual IsolationLevel? Isolation => null;

    private Task<IDbContextTransaction> BeginTransactionAsync(CancellationToken cancellationToken) => Isolation is { } level
        ? db.Database.BeginTransactionAsync(level, cancellationToken)
        : db.Database.BeginTransactionAsync(cancellationToken);

    private string HandlerName => $"{GetType().Name}:{typeof(TEvent).Name}";

    /// <summary>The handler's work; its tracked changes are saved in the handler's transaction.</summary>
    protected abstract Task ApplyAsync(TEvent @event, CancellationToken cancellationToken);

    /// <summary>Work outside the database (e.g. a cache) that must only follow a committed change; runs once per applied event.</summary>
    protected virtual Task AfterCommitAsync(TEvent @event, CancellationToken cancellationToken) => Task.CompletedTask;
}
