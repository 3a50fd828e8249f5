using FlashSales.ReservationContracts;
using Microsoft.AspNetCore.Mvc;

namespace FlashSales.Ordering.Placement;

/// <summary>The buyer's answer when an order is refused: a ProblemDetails with a stable <c>code</c> and the products it names.</summary>
public static class OrderRefusals
{
    public static ProblemDetails ToProblem(ReservationRefusal refusal)
    {
        var ids = string.Join(", ", refusal.ProductIds);
        var (status, title, detail) = refusal.Code switch
        {
            RefusalCodes.UnknownProduct => (404, "Unknown product", $"No such product: {ids}."),
            RefusalCodes.NotOpen => (409, "Sale not open yet", $"The sale of {ids} opens at {refusal.OpensAt:O}."),
            RefusalCodes.Closed => (409, "Sale closed", $"The sale of {ids} has closed."),
            RefusalCodes.SoldOut => (409, "Sold out", $"Sold out: {ids}."),
            RefusalCodes.LimitExceeded => (409, "Purchase limit exceeded", $"The per-user limit of {ids} would be exceeded."),
            RefusalCodes.InFlight
                => (409, "Request in flight", "An earlier request with this Idempotency-Key is still being processed; retry shortly."),
            RefusalCodes.KeyReused
                => (422, "Idempotency-Key reused", "This Idempotency-Key was used for a different order; use a new key for a new order."),
            RefusalCodes.Unavailable
                => (503, "Service unavailable", "The shop's database is not answering; nothing was ordered. Retry after the time in Retry-After."),
            RefusalCodes.Unconfirmed => (503, "Order not confirmed in time",
                "The order could not be confirmed in time and may still be placed. Retry with the same Idempotency-Key to get its outcome."),
            _ => (503, "Busy", $"Too many buyers on {ids} right now; retry shortly."),
        };
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        problem.Extensions["code"] = refusal.Code;
        problem.Extensions["productIds"] = refusal.ProductIds;
        if (refusal.OpensAt is { } opensAt) problem.Extensions["opensAt"] = opensAt;
        return problem;
    }
}
