using System.Net;

namespace FlashSales.Payment.Orders;

/// <summary>Reads an order's status and total from the order service, found through service discovery.</summary>
public sealed class OrderClient(HttpClient http)
{
    public async Task<OrderToPay?> GetOrderAsync(Guid orderId, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync($"/api/orders/{orderId}", cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<OrderToPay>(cancellationToken);
    }
}

public sealed record OrderToPay(Guid Id, string Status, decimal Total, DateTime ExpiresAt);
