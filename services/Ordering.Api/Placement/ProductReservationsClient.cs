using FlashSales.ReservationContracts;

namespace FlashSales.Ordering.Placement;

/// <summary>Asks the product service, which owns stock, to hold orders' items (all or none, per order). Idempotent by order id.</summary>
public sealed class ProductReservationsClient(HttpClient http)
{
    /// <returns>Each order's answer, in the requests' order.</returns>
    public async Task<IReadOnlyList<ReservationAnswer>> ReserveAsync(IReadOnlyList<ReserveRequest> requests, CancellationToken ct)
    {
        using var response = await http.PostAsJsonAsync(ReservationRoutes.ReserveBatch, new ReserveBatchRequest([.. requests]), ct);
        response.EnsureSuccessStatusCode();
        var answer = await response.Content.ReadFromJsonAsync<ReserveBatchResponse>(ct)
            ?? throw new InvalidOperationException("The product service answered a reservation batch with no body.");
        return answer.Answers;
    }

    /// <summary>Gives back what the order holds at once, instead of when its lease lapses.</summary>
    public async Task ReleaseAsync(Guid orderId, CancellationToken ct)
    {
        using var response = await http.DeleteAsync(ReservationRoutes.Release(orderId), ct);
        response.EnsureSuccessStatusCode();
    }
}
