using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace FlashSales.IntegrationEventLog;

/// <summary>Wakes the relay as soon as a change with outbox messages is saved, instead of waiting for its next poll.</summary>
public sealed class OutboxSignal : SaveChangesInterceptor
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context?.ChangeTracker.Entries<OutboxMessage>().Any(e => e.State == EntityState.Added) == true)
        {
            Notify();
        }
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    public void Notify()
    {
        if (_signal.CurrentCount == 0)
        {
            try { _signal.Release(); } catch (SemaphoreFullException) { }
        }
    }

    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);
}
