using FlashSales.EntityFrameworkCore.MySql;
using FlashSales.IntegrationEventLog;
using FlashSales.IntegrationEvents;
using Microsoft.Extensions.Options;

namespace FlashSales.Catalog.Waitlist;

/// <summary>
/// Offers units that come back to the shoppers waiting for them, inside the transaction that releases them: a unit
/// either becomes the next shopper's lease (one unit each, in the order they joined) or goes back on sale, never both
/// and never neither. Entries are taken with SKIP LOCKED, so two releases of one product never offer the same entry;
/// the claim reaches the order service through the outbox, so it survives a crash of either service.
/// </summary>
public sealed class WaitlistHandover(ProductDbContext db, IOptions<WaitlistOptions> options)
{
    /// <param name="released">Units given back per product in this transaction.</param>
    /// <returns>The leases made for waitlisted shoppers (their units stay reserved, no longer on sale).</returns>
    public async Task<IReadOnlyList<Reservation>> OfferAsync(IReadOnlyDictionary<Guid, int> released, DateTime now, CancellationToken ct)
    {
        var offers = new List<Reservation>();
        // The products someone waits for, as MySQL has them now (a sale the shop just ended is ended here at once).
        var ids = released.Keys.ToList();
        var waitedFor = await db.Products.AsNoTracking()
            .Where(p => ids.Contains(p.Id) && db.Waitlist.Any(w => w.ProductId == p.Id && w.Status == WaitlistStatus.Waiting))
            .OrderBy(p => p.Id)
            .ToListAsync(ct);
        foreach (var product in waitedFor)
        {
            // A waitlist lives as long as its sale is open; after that, what comes back stays where it falls.
            if (product.Window?.StateAt(now) != SaleState.Open) continue;
            var productId = product.Id;
            var left = released[productId];
            while (left > 0)
            {
                var next = await new SqlStatement("SELECT * FROM waitlist WHERE ProductId = ").Value(productId)
                    .Append(" AND Status = 'Waiting' ORDER BY JoinedAt, UserId LIMIT ").Value(left)
                    .Append(" FOR UPDATE SKIP LOCKED").QueryTrackedAsync(db.Waitlist, ct);
                if (next.Count == 0) break;
                foreach (var entry in next)
                {
                    if (await WaitlistService.UnitsHeldAsync(db, productId, entry.UserId, ct) >= product.PerUserLimit)
                    {
                        entry.Pass(now);
                        continue;
                    }
                    offers.Add(Offer(entry, product, now));
                    left--;
                }
                // Saved before the next look down the line, which must see these entries taken and these leases held.
                await db.SaveChangesAsync(ct);
            }
        }
        return offers;
    }

    private Reservation Offer(WaitlistEntry entry, Product product, DateTime now)
    {
        var orderId = Guid.CreateVersion7();
        var expiresAt = now + options.Value.ClaimTtl;
        var lease = new Reservation(orderId, entry.ProductId, entry.UserId, 1, now, expiresAt);
        db.Reservations.Add(lease);
        entry.Offer(orderId, now);
        db.AddIntegrationEvent(new WaitlistClaimGrantedIntegrationEvent(
            orderId, entry.UserId, entry.ProductId, product.Name, product.Price, 1, expiresAt));
        return lease;
    }
}
