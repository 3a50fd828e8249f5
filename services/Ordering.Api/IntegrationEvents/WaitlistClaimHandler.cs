using FlashSales.Ordering.Model;
using Microsoft.EntityFrameworkCore;

namespace FlashSales.Ordering.IntegrationEvents;

/// <summary>
/// A waitlisted shopper's claim, granted by the product service (which already holds the unit under the order's
/// lease): recorded as their Pending order, to pay before it expires like any other. Its shopper's open page is told
/// at once (the order appears in the live feed).
/// </summary>
public sealed class WaitlistClaimHandler(OrderDbContext db, TimeProvider time)
    : IdempotentEventHandler<WaitlistClaimGrantedIntegrationEvent, OrderDbContext>(db, time)
{
    protected override async Task ApplyAsync(WaitlistClaimGrantedIntegrationEvent claim, CancellationToken ct)
    {
        if (await Db.Orders.AnyAsync(o => o.Id == claim.OrderId, ct)) return;
        var line = new OrderLine(claim.ProductId, claim.ProductName, claim.UnitPrice, claim.Quantity);
        Db.Orders.Add(Order.Place(claim.OrderId, claim.UserId, [line], Time.GetUtcNow().UtcDateTime, claim.ExpiresAt,
            idempotencyKey: $"waitlist-{claim.OrderId}"));
    }
}
