using FlashSales.EntityFrameworkCore.MySql;
using FlashSales.EventBus;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FlashSales.IntegrationEventLog;

/// <summary>
/// Relays committed outbox messages to the broker in commit order and marks them published.
/// One replica relays at a time: it holds a MySQL named lock (per database) on its own connection, so events of one
/// key keep their order, and another replica takes over when that connection ends. No row lock
/// or transaction is held while publishing: with the broker slow or away, the transactions that add events (placing,
/// cancelling, expiring orders, payments) never wait behind the relay, and the events go out when it is back.
/// A crash between publish and mark re-publishes the batch, which consumers skip as duplicates.
/// </summary>
internal sealed class OutboxRelay<TContext>(
    IServiceScopeFactory scopeFactory,
    IEventBus eventBus,
    OutboxSignal signal,
    OutboxMetrics metrics,
    TimeProvider timeProvider,
    ILogger<OutboxRelay<TContext>> logger) : BackgroundService where TContext : DbContext
{
    private const int BatchSize = 200;
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    // Woken by a commit, the relay waits this long so that the commits of concurrent requests go out as one batch.
    private static readonly TimeSpan Linger = TimeSpan.FromMilliseconds(10);

    // Without the turn (another replica relays, or the database is away), how often to try to take it.
    private static readonly TimeSpan TurnRetryInterval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        AsyncServiceScope? turn = null;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var relayed = 0;
                try
                {
                    turn ??= await TakeTurnAsync(stoppingToken);
                    if (turn is { } held) relayed = await RelayBatchAsync(held.ServiceProvider.GetRequiredService<TContext>(), stoppingToken);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    // The connection (and with it the turn) may be gone: give it up and take it again.
                    logger.LogWarning(ex, "Relaying the outbox failed; retrying");
                    if (turn is { } lost) await lost.DisposeAsync();
                    turn = null;
                }

                if (turn is null)
                {
                    await Task.Delay(TurnRetryInterval, stoppingToken);
                }
                else if (relayed < BatchSize && await signal.WaitAsync(PollInterval, stoppingToken))
                {
                    await Task.Delay(Linger, stoppingToken);
                }
            }
        }
        finally
        {
            // Closing the connection gives the turn to another replica.
            if (turn is { } last) await last.DisposeAsync();
        }
    }

    /// <summary>
    /// Takes the relay's turn: a MySQL named lock, held by one open connection for as long as this relay runs, and the
    /// batches run on that same connection. Taking and giving back the lock per batch cost two statements per batch;
    /// holding it costs nothing. If the connection breaks, the server drops the lock and another replica's relay (or
    /// this one, on its next attempt) takes it. Null when another replica holds it.
    /// </summary>
    private async Task<AsyncServiceScope?> TakeTurnAsync(CancellationToken cancellationToken)
    {
        var scope = scopeFactory.CreateAsyncScope();
        var held = false;
        try
        {
            var db = scope.ServiceProvider.GetRequiredService<TContext>();
            await db.Database.OpenConnectionAsync(cancellationToken);
            held = await db.Database.SqlQueryRaw<long?>(TakeTurn).SingleAsync(cancellationToken) == 1;
            return held ? scope : null;
        }
        finally
        {
            if (!held) await scope.DisposeAsync();
        }
    }

    private async Task<int> RelayBatchAsync(TContext db, CancellationToken cancellationToken)
    {
        var batch = await db.Set<OutboxMessage>()
            .FromSqlRaw($"SELECT * FROM outbox_messages WHERE PublishedAt IS NULL ORDER BY Sequence LIMIT {BatchSize}")
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        if (batch.Count == 0) return 0;

        // Produced in order without awaiting each: the idempotent producer keeps per-partition order.
        await Task.WhenAll(batch.Select(m => eventBus.PublishAsync(m.ToSerialized(), cancellationToken)));

        var publishedAt = timeProvider.GetUtcNow().UtcDateTime;
        metrics.Published(batch, publishedAt);
        await new SqlStatement("UPDATE outbox_messages SET PublishedAt = ").Value(publishedAt)
            .Append(" WHERE Sequence IN (").List(batch.Select(m => m.Sequence)).Append(")").ExecuteAsync(db, cancellationToken);
        return batch.Count;
    }

    private const string TakeTurn = "SELECT GET_LOCK(CONCAT('outbox-relay:', DATABASE()), 0) AS Value";
}
