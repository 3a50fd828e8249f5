using FlashSales.IntegrationEventLog;
using FlashSales.IntegrationEvents;
using FlashSales.Order.Infrastructure;
using FlashSales.Order.Model;
using Medallion.Threading;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FlashSales.Order.Reservations;

/// <summary>
/// Places an order: reserve every item at the product service, then record the order as Pending with its lines and an
/// OrderCreated event. Requests with the same user and Idempotency-Key run one at a time (a Redis lock on the key), so
/// however often a client retries, there is one order and one reservation.
/// </summary>
public sealed class OrderPlacement(
    OrderDbContext db,
    ProductReservationsClient products,
    IDistributedLockProvider locks,
    IOptions<OrderOptions> options,
    TimeProvider time,
    ILogger<OrderPlacement> logger)
{
    private static readonly TimeSpan KeyLockTimeout = TimeSpan.FromSeconds(30);

    public async Task<PlacementResult> PlaceAsync(string userId, string idempotencyKey, IReadOnlyList<(Guid ProductId, int Quantity)> items, CancellationToken ct)
    {
        await using var keyLock = await locks.TryAcquireLockAsync($"fs:lock:order-key:{userId}:{idempotencyKey}", KeyLockTimeout, ct);
        if (keyLock is null)
        {
            return PlacementResult.Refused(new ProblemDetails { Status = 409, Title = "Request in progress", Detail = "The same Idempotency-Key is still being processed." });
        }

        var existing = await db.Orders.AsNoTracking().FirstOrDefaultAsync(o => o.UserId == userId && o.IdempotencyKey == idempotencyKey, ct);
        if (existing is not null) return PlacementResult.Placed(existing);

        var orderId = Guid.CreateVersion7();
        var reply = await products.ReserveAsync(orderId, userId, items, ct);
        if (reply.Refusal is not null) return PlacementResult.Refused(reply.Refusal);

        var now = time.GetUtcNow().UtcDateTime;
        var order = Model.Order.Place(orderId, userId,
            reply.Items.Select(i => new OrderLine(i.ProductId, i.Name, i.UnitPrice, i.Quantity)), now, options.Value.ReservationTtl, idempotencyKey);
        db.Orders.Add(order);
        db.AddIntegrationEvent(new OrderCreatedIntegrationEvent(order.Id, userId, order.Total, order.ExpiresAt));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (Exception ex)
        {
            await GiveBackAsync(orderId, ex);
            throw;
        }
        // Answer with the order as stored, exactly as a replay of this key will read it.
        return PlacementResult.Placed(await db.Orders.AsNoTracking().FirstAsync(o => o.Id == order.Id, ct));
    }

    // The order could not be recorded, so it never existed: tell the product service, through the outbox, to release.
    private async Task GiveBackAsync(Guid orderId, Exception cause)
    {
        logger.LogError(cause, "Recording order {OrderId} failed after its stock was reserved; releasing the reservation", orderId);
        db.ChangeTracker.Clear();
        db.AddIntegrationEvent(new OrderFailedIntegrationEvent(orderId, "not_recorded"));
        await db.SaveChangesAsync(CancellationToken.None);
    }
}

public sealed record PlacementResult(Model.Order? Order, ProblemDetails? Refusal)
{
    public static PlacementResult Placed(Model.Order order) => new(order, null);
    public static PlacementResult Refused(ProblemDetails problem) => new(null, problem);
}
