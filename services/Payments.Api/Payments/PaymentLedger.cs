using MySqlConnector;

namespace FlashSales.Payments.Payments;

/// <summary>The payments table's two reads and writes on the paying path, each one statement, nothing tracked.</summary>
public sealed class PaymentLedger(PaymentDbContext db)
{
    /// <summary>
    /// Records a Pending attempt. The order id is unique: when a concurrent or earlier request recorded the order's
    /// payment first, that payment is answered instead. An abandoned attempt that blocked the insert and was removed
    /// before it could be read (the resolver closing it meanwhile) leaves the order free: the insert is tried again.
    /// </summary>
    public async Task<Payment> RecordAttemptAsync(Payment attempt, CancellationToken ct)
    {
        for (var tries = 1; ; tries++)
        {
            try
            {
                await db.Database.ExecuteSqlAsync($"""
                    INSERT INTO payments (Id, OrderId, UserId, IdempotencyKey, Amount, Status, CreatedAt, UpdatedAt)
                    VALUES ({attempt.Id}, {attempt.OrderId}, {attempt.UserId}, {attempt.IdempotencyKey}, {attempt.Amount},
                            {attempt.Status.ToString()}, {attempt.CreatedAt}, {attempt.UpdatedAt})
                    """, ct);
                return attempt;
            }
            catch (MySqlException ex) when (ex.ErrorCode == MySqlErrorCode.DuplicateKeyEntry)
            {
                if (await FindByOrderAsync(attempt.OrderId, ct) is { } recorded) return recorded;
                // An attempt is removed once, and only before a new one: a second disappearance is not a race.
                if (tries == 2) throw new InvalidOperationException($"Order {attempt.OrderId}'s payment was recorded and is gone.", ex);
            }
        }
    }

    public Task<Payment?> FindByOrderAsync(Guid orderId, CancellationToken ct) =>
        db.Payments.AsNoTracking().FirstOrDefaultAsync(p => p.OrderId == orderId, ct);
}
