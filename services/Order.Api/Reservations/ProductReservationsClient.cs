using Microsoft.AspNetCore.Mvc;

namespace FlashSales.Order.Reservations;

/// <summary>Asks the product service, which owns stock, to hold an order's items (all or none). Idempotent by order id.</summary>
public sealed class ProductReservationsClient(HttpClient http)
{
    public async Task<ReservationReply> ReserveAsync(Guid orderId, string userId, IEnumerable<(Guid ProductId, int Quantity)> items, CancellationToken ct)
    {
        using var response = await http.PostAsJsonAsync("/api/reservations",
            new { orderId, userId, items = items.Select(i => new { productId = i.ProductId, quantity = i.Quantity }) }, ct);
        if (response.IsSuccessStatusCode)
        {
            var reserved = await response.Content.ReadFromJsonAsync<ReservedOrder>(ct);
            return new ReservationReply(reserved!.Items, null);
        }
        if ((int)response.StatusCode is >= 400 and < 500 or 503)
        {
            var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>(ct) ?? new ProblemDetails();
            problem.Status = (int)response.StatusCode;
            return new ReservationReply([], problem);
        }
        response.EnsureSuccessStatusCode();
        throw new InvalidOperationException("unreachable");
    }

    private sealed record ReservedOrder(Guid OrderId, List<ReservedItem> Items);
}

public sealed record ReservedItem(Guid ProductId, string Name, decimal UnitPrice, int Quantity);

/// <summary>The items held, or the product service's refusal as it gave it (sold out, not open, limit, unknown).</summary>
public sealed record ReservationReply(IReadOnlyList<ReservedItem> Items, ProblemDetails? Refusal);
