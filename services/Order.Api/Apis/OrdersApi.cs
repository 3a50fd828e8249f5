using System.ComponentModel.DataAnnotations;
using FlashSales.Order.Catalog;
using FlashSales.Order.Infrastructure;
using FlashSales.Order.Model;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace FlashSales.Order.Apis;

public static class OrdersApi
{
    public static IEndpointRouteBuilder MapOrdersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/orders").WithTags("Orders");
        api.MapGet("/{id:guid}", GetOrder).WithName(nameof(GetOrder));
        api.MapGet("/", GetOrdersOfUser);
        api.MapPost("/", PlaceOrder);
        return app;
    }

    public static async Task<Results<Ok<OrderResponse>, NotFound>> GetOrder(Guid id, OrderDbContext db, CancellationToken ct)
    {
        var order = await db.Orders.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, ct);
        return order is null ? TypedResults.NotFound() : TypedResults.Ok(OrderResponse.From(order));
    }

    public static async Task<Ok<List<OrderResponse>>> GetOrdersOfUser(
        [Required, StringLength(100)] string userId, OrderDbContext db, CancellationToken ct)
    {
        var orders = await db.Orders.AsNoTracking()
            .Where(o => o.UserId == userId)
            .OrderByDescending(o => o.CreatedAt)
            .Take(100)
            .ToListAsync(ct);
        return TypedResults.Ok(orders.Select(OrderResponse.From).ToList());
    }

    public static async Task<Results<CreatedAtRoute<OrderResponse>, ValidationProblem>> PlaceOrder(
        PlaceOrderRequest request, ProductCatalogClient catalog, OrderDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (request.Items.Select(i => i.ProductId).Distinct().Count() != request.Items.Count)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["items"] = ["Each product may appear only once; use its quantity instead."],
            });
        }

        var lines = new List<OrderLine>(request.Items.Count);
        var unknown = new List<string>();
        foreach (var item in request.Items)
        {
            var product = await catalog.GetProductAsync(item.ProductId, ct);
            if (product is null) unknown.Add(item.ProductId.ToString());
            else lines.Add(new OrderLine(product.Id, product.Name, product.Price, item.Quantity));
        }
        if (unknown.Count > 0)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["items"] = [.. unknown.Select(id => $"Product {id} does not exist.")],
            });
        }

        var order = Model.Order.Place(request.UserId, lines, time.GetUtcNow().UtcDateTime);
        db.Orders.Add(order);
        await db.SaveChangesAsync(ct);
        return TypedResults.CreatedAtRoute(OrderResponse.From(order), nameof(GetOrder), new { id = order.Id });
    }
}

public sealed record PlaceOrderRequest(
    [property: Required, StringLength(100, MinimumLength = 1)] string UserId,
    [property: Required, MinLength(1), MaxLength(20)] List<OrderItemRequest> Items);

public sealed record OrderItemRequest(Guid ProductId, [property: Range(1, 100)] int Quantity);

public sealed record OrderLineResponse(Guid ProductId, string ProductName, decimal UnitPrice, int Quantity);

public sealed record OrderResponse(
    Guid Id, string UserId, string Status, decimal Total, DateTime CreatedAt, DateTime UpdatedAt, List<OrderLineResponse> Lines)
{
    public static OrderResponse From(Model.Order o) => new(
        o.Id, o.UserId, o.Status.ToString(), o.Total, o.CreatedAt, o.UpdatedAt,
        [.. o.Lines.Select(l => new OrderLineResponse(l.ProductId, l.ProductName, l.UnitPrice, l.Quantity))]);
}
