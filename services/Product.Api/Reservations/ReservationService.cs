using FlashSales.Product.Infrastructure;
using FlashSales.Product.Model;
using Microsoft.EntityFrameworkCore;

namespace FlashSales.Product.Reservations;

public sealed record ReserveItem(Guid ProductId, int Quantity);

public sealed record ReservedItem(Guid ProductId, string Name, decimal UnitPrice, int Quantity);

/// <summary>The product's side of placing an order: the sale gate, then the configured strategy. Idempotent by order id.</summary>
public sealed class ReservationService(ProductDbContext db, IReservationStrategy strategy, TimeProvider time)
{
    public async Task<(ReservationOutcome Outcome, IReadOnlyList<ReservedItem> Items, DateTime? OpensAt)> ReserveAsync(
        Guid orderId, string userId, IReadOnlyList<ReserveItem> items, CancellationToken ct)
    {
        var ids = items.Select(i => i.ProductId).ToList();
        var products = await db.Products.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var unknown = ids.Where(id => !products.ContainsKey(id)).ToArray();
        if (unknown.Length > 0) return (ReservationOutcome.Rejected(ReservationRejection.UnknownProduct, unknown), [], null);

        var reserved = items.Select(i => new ReservedItem(i.ProductId, products[i.ProductId].Name, products[i.ProductId].Price, i.Quantity)).ToList();
        if (await db.Reservations.AnyAsync(r => r.OrderId == orderId, ct))
        {
            return (ReservationOutcome.AlreadyReserved, reserved, null);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var lines = new List<ReservationLine>(items.Count);
        foreach (var item in items)
        {
            var product = products[item.ProductId];
            switch (product.Window?.StateAt(now))
            {
                case SaleState.Upcoming:
                    return (ReservationOutcome.Rejected(ReservationRejection.NotOpenYet, product.Id), [], product.OpensAt);
                case SaleState.Closed:
                    return (ReservationOutcome.Rejected(ReservationRejection.Closed, product.Id), [], null);
            }
            if (item.Quantity > product.PerUserLimit)
            {
                return (ReservationOutcome.Rejected(ReservationRejection.LimitExceeded, product.Id), [], null);
            }
            lines.Add(new ReservationLine(product.Id, item.Quantity, product.PerUserLimit));
        }

        var outcome = await strategy.ReserveAsync(orderId, userId, lines, ct);
        return (outcome, outcome.IsReserved ? reserved : [], null);
    }
}
