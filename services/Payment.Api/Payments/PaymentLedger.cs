using FlashSales.Payment.Infrastructure;
using FlashSales.Payment.Model;
using Microsoft.EntityFrameworkCore;
using MySqlConnector;

namespace FlashSales.Payment.Payments;

/// <summary>The payments table's two reads and writes on the paying path, each one statement, nothing tracked.</summary>
public sealed class PaymentLedger(PaymentDbContext db)
{
    /// <summary>
    /// Records a Pending attempt. The order id is unique: when a concurrent or earlier request recorded the order's
    /// payment first, that payment is answered instead.
    /// </summary>
    public async Task<Model.Payment> RecordAttemptAsync(Model.Payment attempt, CancellationToken ct)
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
            return await FindByOrderAsync(attempt.OrderId, ct)
                ?? throw new InvalidOperationException($"Order {attempt.OrderId}'s payment was recorded and is gone.");
        }
    }

    public Task<Model.Payment?> FindByOrderAsync(Guid orderId, CancellationToken ct) =>
        db.Payments.AsNoTracking().FirstOrDefaultAsync(p => p.OrderId == orderId, ct);
}
