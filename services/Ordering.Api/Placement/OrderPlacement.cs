using FlashSales.ReservationContracts;
using FlashSales.ServiceInfrastructure.GroupCommit;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FlashSales.Ordering.Placement;

/// <summary>
/// Places an order: refuse at once what the sold-out board knows is gone (unless the request is a retry of an order
/// that holds it); else reserve every item at the product service (a lease), then record the order as Pending with
/// its lines (group commit). The order's id follows from the user and Idempotency-Key, so
/// however often a client retries, the product service's marker and the order's primary key make it one reservation
/// and one order. While MySQL is not answering, nothing is taken; a write that does not finish in time is answered
/// "not confirmed in time" and a retry with the key tells.
/// </summary>
public sealed class OrderPlacement(
    OrderDbContext db,
    BatchedReservations reservations,
    ProductReservationsClient products,
    OrderWriter writer,
    SoldOutBoard soldOut,
    OrderMetrics metrics,
    IOptions<OrderOptions> options,
    TimeProvider time,
    ILogger<OrderPlacement> logger)
{
    public async Task<PlacementResult> PlaceAsync(string userId, string idempotencyKey, IReadOnlyList<ReserveItem> items)
    {
        var started = time.GetTimestamp();
        var result = await TryPlaceAsync(userId, idempotencyKey, items);
        metrics.Record(result, time.GetElapsedTime(started));
        return result;
    }

    private async Task<PlacementResult> TryPlaceAsync(string userId, string idempotencyKey, IReadOnlyList<ReserveItem> items)
    {
        var orderId = OrderIds.For(userId, idempotencyKey);
        var gone = items.Where(i => soldOut.IsSoldOut(i.ProductId)).Select(i => i.ProductId).ToList();
        if (gone.Count > 0 && !await soldOut.MayHoldStockAsync(orderId))
        {
            return PlacementResult.Refused(OrderRefusals.ToProblem(new ReservationRefusal(RefusalCodes.SoldOut, gone)));
        }
        // MySQL has stopped answering: say so now rather than take stock for an order that cannot be recorded.
        if (writer.IsStalled) return RefusedAs(RefusalCodes.Unavailable);

        // Past this point stock may be taken: the order is placed to the end even if the client has gone, so that a
        // retry finds it rather than units held for nobody until the lease lapses.
        var reply = await reservations.ReserveAsync(
            new ReserveRequest(orderId, userId, [.. items], (int)options.Value.ReservationTtl.TotalSeconds));
        if (reply.Refusal is { } refusal) return PlacementResult.Refused(OrderRefusals.ToProblem(refusal));

        var lease = reply.Lease!;
        var order = Order.Place(orderId, userId,
            lease.Items.Select(i => new OrderLine(i.ProductId, i.Name, i.UnitPrice, i.Quantity)), time.GetUtcNow().UtcDateTime, lease.LeaseExpiresAt,
                idempotencyKey);
        OrderWrite written;
        try
        {
            (var answered, written) = await RecordOrGiveBackAsync(order).WaitUpToAsync(options.Value.GroupCommit.AnswerWithin);
            if (!answered) return RefusedAs(RefusalCodes.Unconfirmed);
        }
        catch (StoreStalledException)
        {
            return RefusedAs(RefusalCodes.Unavailable);
        }
        switch (written)
        {
            case OrderWrite.Stored: return PlacementResult.Placed(order);
            case OrderWrite.NotStored: return RefusedAs(RefusalCodes.Unavailable);
            case OrderWrite.Unknown: return RefusedAs(RefusalCodes.Unconfirmed);
        }

        // Stored by an earlier request with the same key: answer with that order, as stored, if it is the same order.
        var earlier = await db.Orders.AsNoTracking().FirstAsync(o => o.Id == orderId, CancellationToken.None);
        return SameItems.As(items, [.. earlier.Lines.Select(l => new ReserveItem(l.ProductId, l.Quantity))])
            ? PlacementResult.Placed(earlier)
            : PlacementResult.Refused(OrderRefusals.ToProblem(new ReservationRefusal(RefusalCodes.KeyReused, [])));
    }

    private static PlacementResult RefusedAs(string code) => PlacementResult.Refused(OrderRefusals.ToProblem(new ReservationRefusal(code, [])));

    // If the order was not recorded it never existed: its units go back now rather than when the lease lapses. The
    // caller's answer does not wait for that: while MySQL is stalled the release waits for it too, and a buyer caught
    // in the stall is answered at once (the lease is the backstop if the release fails). An order whose commit's answer
    // was lost keeps its units: it may exist, and if it does not, its lease lapses.
    private async Task<OrderWrite> RecordOrGiveBackAsync(Order order)
    {
        OrderWrite written;
        try
        {
            written = await writer.WriteAsync(order);
        }
        catch (Exception ex)
        {
            _ = GiveBackAsync(order.Id, ex);
            throw;
        }
        if (written == OrderWrite.NotStored) _ = GiveBackAsync(order.Id, null);
        return written;
    }

    private async Task GiveBackAsync(Guid orderId, Exception? cause)
    {
        logger.LogWarning("Recording order {OrderId} failed after its stock was reserved ({Error}); releasing the reservation", orderId,
            cause?.GetBaseException().Message ?? "its transaction was rolled back");
        try
        {
            await products.ReleaseAsync(orderId, CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Releasing order {OrderId}'s reservation failed; its lease will release it", orderId);
        }
    }
}

public sealed record PlacementResult(Order? Order, ProblemDetails? Refusal)
{
    public static PlacementResult Placed(Order order) => new(order, null);
    public static PlacementResult Refused(ProblemDetails problem) => new(null, problem);
}
