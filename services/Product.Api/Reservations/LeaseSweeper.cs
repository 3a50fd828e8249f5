using Microsoft.Extensions.Options;

namespace FlashSales.Product.Reservations;

/// <summary>
/// Releases leases that ended more than <see cref="ReservationOptions.LeaseGrace"/> ago, in batches, without waiting
/// for anyone: an expired order's units come back this way, and so do those of an order that was never recorded
/// (a client gone mid-request, a crash), so no unit stays held past its lease whatever failed. Safe with several
/// replicas (rows another sweep holds are skipped).
/// </summary>
public sealed class LeaseSweeper(IServiceScopeFactory scopes, IOptions<ReservationOptions> options, TimeProvider time, ILogger<LeaseSweeper> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = options.Value.ReleaseBatch;
        while (!stoppingToken.IsCancellationRequested)
        {
            var released = 0;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var releaser = scope.ServiceProvider.GetRequiredService<ReservationReleaser>();
                released = await releaser.ReleaseLapsedAsync(time.GetUtcNow().UtcDateTime - options.Value.LeaseGrace, batch, stoppingToken);
                if (released > 0) logger.LogDebug("Released {Count} lapsed leases", released);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Releasing lapsed leases failed; retrying");
            }
            if (released < batch) await Task.Delay(options.Value.LeaseSweepInterval, time, stoppingToken);
        }
    }
}
