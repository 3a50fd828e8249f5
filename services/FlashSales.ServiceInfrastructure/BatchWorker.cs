using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FlashSales.ServiceInfrastructure;

/// <summary>
/// A background loop that works through a backlog in batches: the next batch runs at once while batches come back full,
/// and after a partial one (or a failure, which is logged and retried) it waits <see cref="Interval"/>.
/// </summary>
public abstract class BatchWorker(TimeProvider time, ILogger logger) : BackgroundService
{
    protected TimeProvider Time => time;

    protected abstract int BatchSize { get; }

    protected abstract TimeSpan Interval { get; }

    /// <returns>How many items the batch took.</returns>
    protected abstract Task<int> RunBatchAsync(CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var taken = 0;
            try
            {
                taken = await RunBatchAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "{Worker} failed; retrying", GetType().Name);
            }
            if (taken < BatchSize) await Task.Delay(Interval, time, stoppingToken);
        }
    }
}
