using System.ComponentModel.DataAnnotations;
using FlashSales.Product.Reservations;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FlashSales.Product.Apis;

/// <summary>
/// Internal: the order service reserves here, through service discovery. The gateway does not route it.
/// Idempotent by order id: a retried request answers as the first one did, without taking stock twice.
/// </summary>
public static class ReservationsApi
{
    public static IEndpointRouteBuilder MapReservationsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("api/reservations", Reserve).WithTags("Reservations (internal)");
        return app;
    }

    public static async Task<Results<Ok<ReserveResponse>, ProblemHttpResult>> Reserve(
        ReserveRequest request, ReservationService reservations, CancellationToken ct)
    {
        var (outcome, items, opensAt) = await reservations.ReserveAsync(
            request.OrderId, request.UserId, [.. request.Items.Select(i => new ReserveItem(i.ProductId, i.Quantity))], ct);
        if (outcome.IsReserved) return TypedResults.Ok(new ReserveResponse(request.OrderId, items));

        var details = new Dictionary<string, object?> { ["code"] = Code(outcome.Rejection), ["productIds"] = outcome.ProductIds };
        var ids = string.Join(", ", outcome.ProductIds);
        return outcome.Rejection switch
        {
            ReservationRejection.UnknownProduct => TypedResults.Problem($"No such product: {ids}.", statusCode: 404, title: "Unknown product", extensions: details),
            ReservationRejection.NotOpenYet => TypedResults.Problem(
                $"The sale of {ids} opens at {opensAt:O}.", statusCode: 409, title: "Sale not open yet",
                extensions: new Dictionary<string, object?>(details) { ["opensAt"] = opensAt }),
            ReservationRejection.Closed => TypedResults.Problem($"The sale of {ids} has closed.", statusCode: 409, title: "Sale closed", extensions: details),
            ReservationRejection.SoldOut => TypedResults.Problem($"Sold out: {ids}.", statusCode: 409, title: "Sold out", extensions: details),
            ReservationRejection.LimitExceeded => TypedResults.Problem($"The per-user limit of {ids} would be exceeded.", statusCode: 409, title: "Purchase limit exceeded", extensions: details),
            _ => TypedResults.Problem($"Too many buyers on {ids} right now; retry shortly.", statusCode: 503, title: "Busy", extensions: details),
        };
    }

    private static string Code(ReservationRejection rejection) => rejection switch
    {
        ReservationRejection.UnknownProduct => "unknown_product",
        ReservationRejection.NotOpenYet => "not_open",
        ReservationRejection.Closed => "closed",
        ReservationRejection.SoldOut => "sold_out",
        ReservationRejection.LimitExceeded => "limit_exceeded",
        _ => "busy",
    };
}

public sealed record ReserveItemRequest(Guid ProductId, [property: Range(1, 1000)] int Quantity);

public sealed record ReserveRequest(
    Guid OrderId,
    [property: Required, StringLength(100, MinimumLength = 1)] string UserId,
    [property: Required, MinLength(1), MaxLength(20)] List<ReserveItemRequest> Items);

public sealed record ReserveResponse(Guid OrderId, IReadOnlyList<ReservedItem> Items);
