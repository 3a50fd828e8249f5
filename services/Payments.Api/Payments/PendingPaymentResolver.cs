using FlashSales.ServiceInfrastructure;
using Microsoft.Extensions.Options;

namespace FlashSales.Payments.Payments;

/// <summary>
/// Resolves payments left Pending longer than <see cref="PaymentOptions.ResolvePendingAfter"/>: the service died (or
/// the processor failed) between recording the attempt and recording its outcome, and nobody retried. The processor
/// is asked with the payment's key; a charge it made is recorded (and its event sent), an attempt it never charged is
/// removed.
/// </summary>
public sealed class PendingPaymentResolver(IServiceScopeFactory scopes, IOptions<PaymentOptions> options, TimeProvider time,
    ILogger<PendingPaymentResolver> logger)
    : BatchWorker(time, logger)
{
    protected override int BatchSize => options.Value.ResolveBatch;

    protected override TimeSpan Interval => options.Value.ResolveInterval;

    protected override async Task<int> RunBatchAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PaymentDbContext>();
        var settlement = scope.ServiceProvider.GetRequiredService<PaymentSettlement>();
        var before = Time.GetUtcNow().UtcDateTime - options.Value.ResolvePendingAfter;
        var stale = await db.Payments.AsNoTracking()
            .Where(p => p.Status == PaymentStatus.Pending && p.CreatedAt <= before)
            .OrderBy(p => p.CreatedAt).Take(BatchSize).ToListAsync(ct);
        foreach (var payment in stale)
        {
            logger.LogWarning("Payment {PaymentId} of order {OrderId} lost its outcome; asking the processor", payment.Id, payment.OrderId);
            await settlement.ResolveAsync(payment, ct);
        }
        return stale.Count;
    }
}
