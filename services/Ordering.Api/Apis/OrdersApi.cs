using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using FlashSales.Authentication;
using FlashSales.Ordering.Placement;
using FlashSales.ReservationContracts;
using FlashSales.Ordering.Live;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace FlashSales.Ordering.Apis;

public static class OrdersApi
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public static IEndpointRouteBuilder MapOrdersApi(this IEndpointRouteBuilder app)
    {
        // Every order belongs to the signed-in user; another user's order answers 404, as if it did not exist.
        var api = app.MapGroup("api/orders").RequireAuthorization(AuthorizationPolicies.Shopper).WithTags("Orders");
        api.MapGet("/{id:guid}", GetOrder).WithName(nameof(GetOrder));
        api.MapGet("/", GetOrdersOfUser);
        api.MapGet("/live", WatchOrders);
        api.MapPost("/", PlaceOrder);
        api.MapDelete("/{id:guid}", CancelOrder);
        return app;
    }

    public static async Task<Results<Ok<OrderResponse>, NotFound>> GetOrder(Guid id, ClaimsPrincipal user, OrderDbContext db, CancellationToken ct)
    {
        var userId = user.UserId();
        var order = await db.Orders.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id && o.UserId == userId, ct);
        return order is null ? TypedResults.NotFound() : TypedResults.Ok(OrderResponse.From(order));
    }

    /// <summary>The signed-in user's latest 100 orders, newest first.</summary>
    public static async Task<Ok<List<OrderResponse>>> GetOrdersOfUser(ClaimsPrincipal user, OrderDbContext db, CancellationToken ct)
    {
        var userId = user.UserId();
        var orders = await db.Orders.AsNoTracking()
            .Where(o => o.UserId == userId)
            .OrderByDescending(o => o.CreatedAt)
            .Take(100)
            .ToListAsync(ct);
        return TypedResults.Ok(orders.Select(OrderResponse.From).ToList());
    }

    /// <summary>
    /// Server-sent events: an "order" event whenever one of the signed-in shopper's orders changes status (paid,
    /// failed, cancelled, refunded), and a "ping" when nothing changed for a while. Read the orders again after
    /// reconnecting: changes made while the page was away are not replayed.
    /// </summary>
    public static async Task<IResult> WatchOrders(ClaimsPrincipal user, OrderStatusFeed feed, HttpResponse response, CancellationToken ct)
    {
        if (feed.HasRoom) return TypedResults.ServerSentEvents(await feed.WatchAsync(user.UserId(), ct));
        response.Headers.RetryAfter = "5";
        return TypedResults.Problem("Too many pages are watching; live order updates resume shortly.",
            statusCode: StatusCodes.Status503ServiceUnavailable, title: "Busy");
    }

    /// <summary>Reserves every item (all or none) and records a Pending order; 409 when sold out, not open or over the limit.</summary>
    public static async Task<Results<CreatedAtRoute<OrderResponse>, ValidationProblem, ProblemHttpResult>> PlaceOrder(
        PlaceOrderRequest request, [FromHeader(Name = IdempotencyKeyHeader)] string? idempotencyKey, OrderPlacement placement, HttpContext http)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(idempotencyKey) || idempotencyKey.Length > 100)
            errors[IdempotencyKeyHeader] = ["An Idempotency-Key header (1 to 100 characters) is required, so a retried request never orders twice."];
        if (request.Items.Any(i => i is null))
            errors["items"] = ["An item may not be null."];
        else if (request.Items.Select(i => i.ProductId).Distinct().Count() != request.Items.Count)
            errors["items"] = ["Each product may appear only once; use its quantity instead."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var result = await placement.PlaceAsync(http.User.UserId(), idempotencyKey!,
            [.. request.Items.Select(i => new ReserveItem(i.ProductId, i.Quantity))]);
        if (result.Refusal is { } refusal)
        {
            // Busy, the database away or the order not confirmed yet: say when to come back instead of inviting a hammering.
            if (refusal.Status == StatusCodes.Status503ServiceUnavailable) http.Response.Headers.RetryAfter = "1";
            return TypedResults.Problem(refusal);
        }
        return TypedResults.CreatedAtRoute(OrderResponse.From(result.Order!), nameof(GetOrder), new { id = result.Order!.Id });
    }

    /// <summary>Cancels a Pending order; its reservation is released through the OrderCancelled event.</summary>
    public static async Task<Results<Ok<OrderResponse>, NotFound, ProblemHttpResult>> CancelOrder(
        Guid id, ClaimsPrincipal user, OrderDbContext db, TimeProvider time, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(OrderIsolation.StatusChanges, ct);
        var order = await db.Orders.LockedAsync(id, ct);
        if (order is null || order.UserId != user.UserId()) return TypedResults.NotFound();
        if (!OrderStateMachine.CanMove(order.Status, OrderStatus.Cancelled))
        {
            return TypedResults.Problem($"Order {id} is {order.Status}; only a Pending order can be cancelled.",
                statusCode: StatusCodes.Status409Conflict, title: "Order cannot be cancelled");
        }
        order.MoveTo(OrderStatus.Cancelled, time.GetUtcNow().UtcDateTime);
        db.AddIntegrationEvent(new OrderCancelledIntegrationEvent(order.Id));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(OrderResponse.From(order));
    }
}

/// <summary>What to order; who orders is the signed-in user (the token's subject), never the body.</summary>
public sealed record PlaceOrderRequest([property: Required, MinLength(1), MaxLength(20)] List<OrderItemRequest> Items);

public sealed record OrderItemRequest(Guid ProductId, [property: Range(1, 100)] int Quantity);

public sealed record OrderLineResponse(Guid ProductId, string ProductName, decimal UnitPrice, int Quantity);

public sealed record OrderResponse(
    Guid Id, string UserId, string Status, decimal Total, DateTime CreatedAt, DateTime UpdatedAt, DateTime ExpiresAt,
    List<OrderLineResponse> Lines)
{
    public static OrderResponse From(Order o) => new(
        o.Id, o.UserId, o.Status.ToString(), o.Total, o.CreatedAt, o.UpdatedAt, o.ExpiresAt,
        [.. o.Lines.Select(l => new OrderLineResponse(l.ProductId, l.ProductName, l.UnitPrice, l.Quantity))]);
}
