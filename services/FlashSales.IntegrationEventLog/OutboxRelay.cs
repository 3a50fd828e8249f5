using FlashSales.EntityFrameworkCore.MySql;
using FlashSales.EventBus;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FlashSales.IntegrationEventLog;

/// <summary>
/// Relays committed outbox messages to the broker in commit order and marks them published.
/// Replicas take turns through a MySQL named lock (per database), so events of one key keep their order. No row lock
/// or transaction is held while publishing: with the broker slow or away, the transactions that add events (placing,
/// cancelling, expiring orders, payments) never wait behind the relay, and the events go out when it is back.
/// A crash between publish and mark re-publishes the batch, which consumers skip as duplicates.
/// </summary>
internal sealed class OutboxRelay<TContext>(
    IServiceScopeFactory scopeFactory,
    IEventBus eventBus,
    OutboxSignal signal,
    TimeProvider timeProvider,
    ILogger<OutboxRelay<TContext>> logger) : BackgroundService where TContext : DbContext
{
    private const int BatchSize = 200;
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    // Woken by a commit, the relay waits this long so that the commits of concurrent requests go out as one batch.
    private static readonly TimeSpan Linger = TimeSpan.FromMilliseconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var relayed = 0;
            try
            {
                relayed = await RelayBatchAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Relaying the outbox failed; retrying");
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }

            if (relayed < BatchSize && await signal.WaitAsync(PollInterval, stoppingToken))
            {
                await Task.Delay(Linger, stoppingToken);
            }
        }
    }

    private async Task<int> RelayBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        // The named lock belongs to the connection: keep one connection for the whole batch.
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            if (!await IsOneAsync(db, TakeTurn, cancellationToken)) return 0;
            try
            {
                var batch = await db.Set<OutboxMessage>()
                    .FromSqlRaw($"SELECT * FROM outbox_messages WHERE PublishedAt IS NULL ORDER BY Sequence LIMIT {BatchSize}")
                    .AsNoTracking()
                    .ToListAsync(cancellationToken);
                if (batch.Count == 0) return 0;

                // Produced in order without awaiting each: the idempotent producer keeps per-partition order.
                await Task.WhenAll(batch.Select(m => eventBus.PublishAsync(m.ToSerialized(), cancellationToken)));

                await new SqlStatement("UPDATE outbox_messages SET PublishedAt = ").Value(timeProvider.GetUtcNow().UtcDateTime)
                    .Append(" WHERE Sequence IN (").List(batch.Select(m => m.Sequence)).Append(")").ExecuteAsync(db, cancellationToken);
                return batch.Count;
            }
            finally
            {
                await IsOneAsync(db, GiveTurn, CancellationToken.None);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private const string TakeTurn = "SELECT GET_LOCK(CONCAT('outbox-relay:', DATABASE()), 0) AS Value";
    private const string GiveTurn = "SELECT RELEASE_LOCK(CONCAT('outbox-relay:', DATABASE())) AS Value";

    private static async Task<bool> IsOneAsync(TContext db, string sql, CancellationToken ct) =>
        await db.Database.SqlQueryRaw<long?>(sql).SingleAsync(ct) == 1;
}
