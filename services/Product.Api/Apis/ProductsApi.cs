using System.ComponentModel.DataAnnotations;
using FlashSales.Product.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FlashSales.Product.Apis;

public static class ProductsApi
{
    public static IEndpointRouteBuilder MapProductsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/products").WithTags("Products");
        api.MapGet("/{id:guid}", GetProduct).WithName(nameof(GetProduct));
        api.MapPost("/", CreateProduct);
        return app;
    }

    public static async Task<Results<Ok<ProductResponse>, NotFound>> GetProduct(Guid id, ProductDbContext db, CancellationToken ct)
    {
        var product = await db.Products.FindAsync([id], ct);
        return product is null ? TypedResults.NotFound() : TypedResults.Ok(ProductResponse.From(product));
    }

    public static async Task<CreatedAtRoute<ProductResponse>> CreateProduct(
        CreateProductRequest request, ProductDbContext db, TimeProvider time, CancellationToken ct)
    {
        var product = Model.Product.Create(request.Name, request.Description ?? "", request.Price, request.Stock,
            time.GetUtcNow().UtcDateTime);
        db.Products.Add(product);
        await db.SaveChangesAsync(ct);
        return TypedResults.CreatedAtRoute(ProductResponse.From(product), nameof(GetProduct), new { id = product.Id });
    }
}

public sealed record CreateProductRequest(
    [property: Required, StringLength(200, MinimumLength = 1)] string Name,
    [property: StringLength(2000)] string? Description,
    [property: Range(typeof(decimal), "0.01", "1000000")] decimal Price,
    [property: Range(0, int.MaxValue)] int Stock);

public sealed record ProductResponse(Guid Id, string Name, string Description, decimal Price, int Stock)
{
    public static ProductResponse From(Model.Product p) => new(p.Id, p.Name, p.Description, p.Price, p.Stock);
}
