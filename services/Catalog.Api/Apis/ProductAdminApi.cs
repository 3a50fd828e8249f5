using FlashSales.Catalog.Browsing;
using FlashSales.Catalog.Reservations;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FlashSales.Catalog.Apis;

/// <summary>The shop's side of the catalog: edit, delete, stock and sale windows. Every change drops the cached detail.</summary>
public static class ProductAdminApi
{
    public static async Task<Results<Ok<ProductView>, NotFound, ProblemHttpResult>> UpdateProduct(
        Guid id, UpdateProductRequest request, ProductDbContext db, ProductDetailCache cache, TimeProvider time, CancellationToken ct)
    {
        var product = await db.Products.FindAsync([id], ct);
        if (product is null) return TypedResults.NotFound();
        var now = time.GetUtcNow().UtcDateTime;
        product.Describe(request.Name, request.Description ?? "", request.Price, now);
        if (!await TrySaveAsync(db, ct)) return ChangedMeanwhile(id);
        await cache.InvalidateAsync([id]);
        return TypedResults.Ok(ProductView.From(product, now));
    }

    public static async Task<Results<NoContent, NotFound>> DeleteProduct(
        Guid id, ProductDbContext db, ProductDetailCache cache, StockCounters counters, TimeProvider time, CancellationToken ct)
    {
        var product = await db.Products.FindAsync([id], ct);
        if (product is null) return TypedResults.NotFound();
        product.Delete(time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        await cache.InvalidateAsync([id]);
        await counters.ForgetAsync(id);
        return TypedResults.NoContent();
    }

    /// <summary>Sets the stock, never below what unpaid orders already hold.</summary>
    public static async Task<Results<Ok<ProductView>, NotFound, ProblemHttpResult>> SetStock(
        Guid id, SetStockRequest request, ProductDbContext db, ProductDetailCache cache, StockCounters counters, TimeProvider time,
            CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var product = await db.Products.FromSql($"SELECT * FROM products WHERE Id = {id} AND DeletedAt IS NULL FOR UPDATE").FirstOrDefaultAsync(ct);
        if (product is null) return TypedResults.NotFound();
        if (request.Stock < product.Reserved)
        {
            return TypedResults.Problem(
                $"Unpaid orders hold {product.Reserved} units; stock cannot go below that.",
                statusCode: StatusCodes.Status409Conflict, title: "Stock below reserved",
                extensions: new Dictionary<string, object?> { ["reserved"] = product.Reserved });
        }
        var delta = request.Stock - product.Stock;
        await db.Database.ExecuteSqlAsync($"UPDATE products SET Stock = {request.Stock}, Version = Version + 1, UpdatedAt = {now} WHERE Id = {id}",
            ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(await AfterStockChangeAsync(id, delta, db, cache, counters, now, ct));
    }

    public static async Task<Results<Ok<ProductView>, NotFound>> AddStock(
        Guid id, AddStockRequest request, ProductDbContext db, ProductDetailCache cache, StockCounters counters, TimeProvider time,
            CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var updated = await db.Database.ExecuteSqlAsync(
            $"UPDATE products SET Stock = Stock + {request.Quantity}, Version = Version + 1, UpdatedAt = {now} WHERE Id = {id} AND DeletedAt IS NULL",
                ct);
        if (updated == 0) return TypedResults.NotFound();
        return TypedResults.Ok(await AfterStockChangeAsync(id, request.Quantity, db, cache, counters, now, ct));
    }

    public static async Task<Results<Ok<ProductView>, NotFound, ProblemHttpResult>> ScheduleSale(
        Guid id, SaleWindowRequest request, ProductDbContext db, ProductDetailCache cache, TimeProvider time, CancellationToken ct)
    {
        var product = await db.Products.FindAsync([id], ct);
        if (product is null) return TypedResults.NotFound();
        if (product.Kind != ProductKind.Event)
        {
            return TypedResults.Problem("Only event products have a sale window.", statusCode: StatusCodes.Status409Conflict,
                title: "Not an event product");
        }
        var now = time.GetUtcNow().UtcDateTime;
        product.Schedule(new SaleWindow(request.OpensAt.ToUniversalTime(), request.ClosesAt?.ToUniversalTime()), request.PerUserLimit, now);
        if (!await TrySaveAsync(db, ct)) return ChangedMeanwhile(id);
        await cache.InvalidateAsync([id]);
        return TypedResults.Ok(ProductView.From(product, now));
    }

    /// <summary>Bulk-loads a benchmark catalogue: multi-row inserts in batches, then the Redis counters.</summary>
    public static async Task<Ok<SeededCatalog>> SeedCatalog(
        SeedCatalogRequest request, ProductDbContext db, StockCounters counters, SaleCatalog catalog, TimeProvider time, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var opensAt = now.AddSeconds(request.OpensInSeconds);
        var eventCount = (int)Math.Round(request.Products * request.EventShare);
        var ids = new List<Guid>(request.Products);
        const int batch = 1000;
        for (var start = 0; start < request.Products; start += batch)
        {
            var products = Enumerable.Range(start, Math.Min(batch, request.Products - start)).Select(i => i < eventCount
                ? Product.CreateEvent($"Flash item {i}", "Seeded", 9.99m + i % 100, request.Stock, new SaleWindow(opensAt, null),
                    request.PerUserLimit, now)
                : Product.CreateRegular($"Item {i}", "Seeded", 9.99m + i % 100, request.Stock, now)).ToList();
            db.Products.AddRange(products);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            ids.AddRange(products.Select(p => p.Id));
            catalog.Remember(products.Select(SaleInfo.From));
            await counters.SeedAsync(db, [.. products.Select(p => p.Id)], ct);
        }
        return TypedResults.Ok(new SeededCatalog(ids.Count, eventCount, opensAt, ids));
    }

    private static async Task<ProductView> AfterStockChangeAsync(
        Guid id, int delta, ProductDbContext db, ProductDetailCache cache, StockCounters counters, DateTime now, CancellationToken ct)
    {
        await counters.AdjustAvailableAsync(id, delta);
        await cache.InvalidateAsync([id]);
        var product = await db.Products.AsNoTracking().FirstAsync(p => p.Id == id, ct);
        return ProductView.From(product, now);
    }

    private static async Task<bool> TrySaveAsync(ProductDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
    }

    private static ProblemHttpResult ChangedMeanwhile(Guid id) => TypedResults.Problem(
        $"Product {id} was changed by someone else; read it again and retry.", statusCode: StatusCodes.Status409Conflict, title: "Concurrent change");
}

public sealed record SeededCatalog(int Products, int EventProducts, DateTime OpensAt, IReadOnlyList<Guid> Ids);
