using System.Net;

namespace FlashSales.Order.Catalog;

/// <summary>Reads products from the product service, found through service discovery.</summary>
public sealed class ProductCatalogClient(HttpClient http)
{
    public async Task<CatalogProduct?> GetProductAsync(Guid productId, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync($"/api/products/{productId}", cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<CatalogProduct>(cancellationToken);
    }
}

public sealed record CatalogProduct(Guid Id, string Name, decimal Price);
