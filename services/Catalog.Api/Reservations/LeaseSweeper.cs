using FlashSales.ServiceInfrastructure;
using Microsoft.Extensions.Options;

namespace FlashSales.Catalog.Reservations;

/// <summary>
/// Releases leases that ended more than <see cref="ReservationOptions.LeaseGrace"/> ago, in batches, without waiting
/// for anyone: an expired order's units come back this way, and so do those of an order that was never recorded
/// (a client gone mid-request, a crash), so no unit stays held past its lease whatever failed. Safe with several
/// replicas (rows another sweep holds are skipped).
/// </summary>
public sealed class LeaseSweeper(IServiceScopeFactory scopes, IOptions<ReservationOptions> options, TimeProvider time, ILogger<LeaseSweeper> logger)
    : BatchWorker(time, logger)
{
    protected override int BatchSize => options.Value.ReleaseBatch;

    protected override TimeSpan Interval => options.Value.LeaseSweepInterval;

    protected override async Task<int> RunBatchAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var releaser = scope.ServiceProvider.GetRequiredService<ReservationReleaser>();
        return await releaser.ReleaseLapsedAsync(Time.GetUtcNow().UtcDateTime - options.Value.LeaseGrace, BatchSize, ct);
    }
}
