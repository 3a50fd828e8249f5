using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace FlashSales.Ordering.Live;

/// <summary>
/// Finds the orders a save adds or moves to another status and publishes them once the change is committed (at the end of the
/// save, or of its transaction), never before: a page is not told of a status that was then rolled back. One place for
/// every way an order appears or moves (a waitlist claim, payment outcomes, refunds, cancelling) that goes through the
/// model; placing an order answers its shopper directly, and expiry is read back by the page when the claim's time ends.
/// </summary>
public sealed class OrderStatusChanges(OrderStatusFeed feed) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    // Contexts are pooled: what one save found is kept with its context until that context's transaction ends.
    private readonly ConditionalWeakTable<DbContext, List<OrderStatusChange>> _uncommitted = [];

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        PublishUnlessInTransaction(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        PublishUnlessInTransaction(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(eventData.Context);

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    // A transaction disposed without a commit or a rollback (an exception on the way) reports neither: what its saves
    // found is dropped when the context's next transaction starts, or its next save outside one.
    public DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        Forget(eventData.Context);
        return result;
    }

    public ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result,
        CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Publish(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        Publish(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void Collect(DbContext? context)
    {
        if (context is null) return;
        if (context.Database.CurrentTransaction is null) Forget(context);
        var changed = context.ChangeTracker.Entries<Order>()
            .Where(e => e.State == EntityState.Added || (e.State == EntityState.Modified && e.Property(o => o.Status).IsModified))
            .Select(e => new OrderStatusChange(e.Entity.Id, e.Entity.UserId, e.Entity.Status.ToString(), e.Entity.UpdatedAt))
            .ToList();
        if (changed.Count > 0) _uncommitted.GetOrCreateValue(context).AddRange(changed);
    }

    private void PublishUnlessInTransaction(DbContext? context)
    {
        if (context?.Database.CurrentTransaction is null) Publish(context);
    }

    private void Publish(DbContext? context)
    {
        if (context is null || !_uncommitted.TryGetValue(context, out var changes)) return;
        _uncommitted.Remove(context);
        feed.Publish(changes);
    }

    private void Forget(DbContext? context)
    {
        if (context is not null) _uncommitted.Remove(context);
    }
}
