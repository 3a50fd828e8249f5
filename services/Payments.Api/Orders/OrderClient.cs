using System.Net;
using System.Net.Http.Headers;

namespace FlashSales.Payments.Orders;

/// <summary>
/// Reads an order's status and total from the order service, found through service discovery, as the paying user:
/// their access token is relayed, so the order service answers only that user's own orders (another's is 404).
/// </summary>
public sealed class OrderClient(HttpClient http)
{
    public async Task<OrderToPay?> GetOrderAsync(Guid orderId, AuthenticationHeaderValue userToken, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/orders/{orderId}")
        {
            // A message made here does not take the client's defaults: the internal endpoint speaks HTTP/2 only.
            Version = http.DefaultRequestVersion,
            VersionPolicy = http.DefaultVersionPolicy,
        };
        request.Headers.Authorization = userToken;
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<OrderToPay>(cancellationToken);
    }
}

public sealed record OrderToPay(Guid Id, string Status, decimal Total, DateTime ExpiresAt);
