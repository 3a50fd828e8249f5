using System.Data;
using FlashSales.Catalog.Browsing;
using FlashSales.Catalog.Reservations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace FlashSales.Catalog.Waitlist;

/// <summary>
/// Joining, leaving and reading a product's waitlist. A shopper may join once, while the sale is open and every unit
/// is claimed but some are not paid yet (only those can come back), and while the list has room.
/// </summary>
public sealed class WaitlistService(
    ProductDbContext db, StockCounters counters, StockFeed feed, IOptions<WaitlistOptions> options, TimeProvider time)
{
    public async Task<(WaitlistPosition? Position, ProblemDetails? Refusal)> JoinAsync(Guid productId, string userId, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);
        // The product's row, locked: one product's joins queue here, so the length bound holds under a stampede, and
        // the time of joining (read once the lock is held) orders shoppers as their places were told.
        var product = await db.Products
            .FromSql($"SELECT * FROM products WHERE Id = {productId} AND DeletedAt IS NULL FOR UPDATE")
            .AsNoTracking().FirstOrDefaultAsync(ct);
        if (product is null) return (null, null);
        var now = time.GetUtcNow().UtcDateTime;

        if (await db.Waitlist.AsNoTracking().FirstOrDefaultAsync(w => w.ProductId == productId && w.UserId == userId, ct) is { } joined)
        {
            return (await PositionOfAsync(joined, ct), null);
        }
        if (product.Window is not { } window) return Refused("not_event", "Only flash deals have a waitlist.");
        switch (window.StateAt(now))
        {
            case SaleState.Upcoming: return Refused("not_open", "The sale has not opened yet; buy when it opens.");
            case SaleState.Closed: return Refused("closed", "The sale has ended, and its waitlist with it.");
        }
        if ((await counters.GetAvailableAsync(productId) ?? product.Available) > 0)
        {
            return Refused("on_sale", "Units are on sale right now: buy one instead.");
        }
        if (product.Reserved == 0) return Refused("sold_out", "Every unit is sold and paid for; none can come back.");
        if (await UnitsHeldAsync(db, productId, userId, ct) >= product.PerUserLimit)
        {
            return Refused("limit_exceeded", "You already hold as many units as one shopper may buy.");
        }
        var waiting = await WaitingAsync(productId, ct);
        if (waiting >= options.Value.MaxLength) return Refused("waitlist_full", "The waitlist is full.");

        db.Waitlist.Add(new WaitlistEntry(productId, userId, now));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        feed.WaitlistChanged();
        return (new WaitlistPosition(productId, "waiting", waiting + 1, waiting + 1, null), null);
    }

    /// <returns>False when the shopper's turn came already: their claim is an order now, to pay or cancel.</returns>
    public async Task<bool> LeaveAsync(Guid productId, string userId, CancellationToken ct)
    {
        var removed = await db.Waitlist
            .Where(w => w.ProductId == productId && w.UserId == userId && w.Status == WaitlistStatus.Waiting)
            .ExecuteDeleteAsync(ct);
        if (removed > 0) feed.WaitlistChanged();
        return removed > 0 || !await db.Waitlist.AnyAsync(w => w.ProductId == productId && w.UserId == userId, ct);
    }

    public async Task<WaitlistPosition> PositionAsync(Guid productId, string userId, CancellationToken ct) =>
        await db.Waitlist.AsNoTracking().FirstOrDefaultAsync(w => w.ProductId == productId && w.UserId == userId, ct) is { } entry
            ? await PositionOfAsync(entry, ct)
            : new WaitlistPosition(productId, "none", null, await WaitingAsync(productId, ct), null);

    /// <summary>Units the shopper holds or bought of the product (leases not released, and sales).</summary>
    internal static Task<int> UnitsHeldAsync(ProductDbContext db, Guid productId, string userId, CancellationToken ct) =>
        db.Reservations
            .Where(r => r.ProductId == productId && r.UserId == userId && r.Status != ReservationStatus.Released)
            .SumAsync(r => r.Quantity, ct);

    private async Task<WaitlistPosition> PositionOfAsync(WaitlistEntry entry, CancellationToken ct)
    {
        var waiting = await WaitingAsync(entry.ProductId, ct);
        if (entry.Status != WaitlistStatus.Waiting)
        {
            return new WaitlistPosition(entry.ProductId, entry.Status.ToString().ToLowerInvariant(), null, waiting, entry.OrderId);
        }
        var ahead = await db.Waitlist.CountAsync(w => w.ProductId == entry.ProductId && w.Status == WaitlistStatus.Waiting
            && (w.JoinedAt < entry.JoinedAt || (w.JoinedAt == entry.JoinedAt && string.Compare(w.UserId, entry.UserId) < 0)), ct);
        return new WaitlistPosition(entry.ProductId, "waiting", ahead + 1, waiting, null);
    }

    private Task<int> WaitingAsync(Guid productId, CancellationToken ct) =>
        db.Waitlist.CountAsync(w => w.ProductId == productId && w.Status == WaitlistStatus.Waiting, ct);

    private static (WaitlistPosition?, ProblemDetails?) Refused(string code, string detail) =>
        (null, new ProblemDetails
        {
            Status = StatusCodes.Status409Conflict,
            Title = "Cannot join the waitlist",
            Detail = detail,
            Extensions = { ["code"] = code },
        });
}
