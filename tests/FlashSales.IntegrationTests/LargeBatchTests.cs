using System.Net;
using System.Net.Http.Headers;
using FlashSales.ReservationContracts;

namespace FlashSales.IntegrationTests;

/// <summary>
/// Orders with big carts travel to the product service in batches: the largest batch the contract allows must be
/// taken whole, on the real service with its real request limits, each order answered on its own.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class LargeBatchTests(FlashSalesApp system)
{
    private readonly FlashSalesClient _client = system.Client();

    [Fact]
    public async Task The_largest_batch_of_twenty_item_orders_is_reserved_order_by_order()
    {
        var products = new List<Guid>();
        for (var i = 0; i < 20; i++) products.Add((await _client.CreateProductAsync($"Cart {i} {Guid.NewGuid():N}", 3m,
            ReserveBatchRequest.MaxRequests)).Id);
        var requests = Enumerable.Range(0, ReserveBatchRequest.MaxRequests)
            .Select(i => new ReserveRequest(Guid.NewGuid(), $"big-cart-shopper-{i}-{new string('x', 60)}",
                [.. products.Select(p => new ReserveItem(p, 1))], 600))
            .ToList();

        using var productService = system.App.CreateHttpClient("product", "http");
        using var request = new HttpRequestMessage(HttpMethod.Post,
            ReservationRoutes.ReserveBatch)
        { Content = JsonContent.Create(new ReserveBatchRequest(requests)) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.OrderService(system.ServiceSigningKey));
        await request.Content.LoadIntoBufferAsync();
        Assert.True(request.Content.Headers.ContentLength > 64 * 1024, $"the batch is {request.Content.Headers.ContentLength} bytes");

        using var response = await productService.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answers = (await response.Content.ReadFromJsonAsync<ReserveBatchResponse>())!.Answers;
        Assert.Equal(requests.Select(r => (Guid?)r.OrderId), answers.Select(a => a.Lease?.OrderId));
        foreach (var product in products) Assert.Equal(0, (await _client.GetProductAsync(product)).Available);
    }
}
