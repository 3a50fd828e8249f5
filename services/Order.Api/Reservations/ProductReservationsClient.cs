using FlashSales.Reservations;

namespace FlashSales.Order.Reservations;

/// <summary>Asks the product service, which owns stock, to hold an order's items (all or none). Idempotent by order id.</summary>
public sealed class ProductReservationsClient(HttpClient http)
{
    public async Task<ReservationReply> ReserveAsync(ReserveRequest request, CancellationToken ct)
    {
        using var response = await http.PostAsJsonAsync(ReservationRoutes.Reserve, request, ct);
        if (response.IsSuccessStatusCode)
        {
            return new ReservationReply((await response.Content.ReadFromJsonAsync<ReserveResponse>(ct))!, null);
        }
        if ((int)response.StatusCode is 404 or 409 or 422 or 503 && response.Content.Headers.ContentType?.MediaType == "application/json")
        {
            return new ReservationReply(null, await response.Content.ReadFromJsonAsync<ReservationRefusal>(ct));
        }
        response.EnsureSuccessStatusCode();
        throw new InvalidOperationException($"The product service answered {(int)response.StatusCode}.");
    }

    /// <summary>Gives back what the order holds at once, instead of when its lease lapses.</summary>
    public async Task ReleaseAsync(Guid orderId, CancellationToken ct)
    {
        using var response = await http.DeleteAsync(ReservationRoutes.Release(orderId), ct);
        response.EnsureSuccessStatusCode();
    }
}

/// <summary>The lease the product service granted, or why it refused.</summary>
public sealed record ReservationReply(ReserveResponse? Lease, ReservationRefusal? Refusal);
