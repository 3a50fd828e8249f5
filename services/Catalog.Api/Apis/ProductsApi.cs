using FlashSales.Authentication;
using FlashSales.Catalog.Browsing;
using FlashSales.Catalog.Reservations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace FlashSales.Catalog.Apis;

public static class ProductsApi
{
    public static IEndpointRouteBuilder MapProductsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/products").WithTags("Products");
        api.MapGet("/", ListProducts);
        api.MapGet("/clock", (TimeProvider time) => TypedResults.Ok(new ServerClock(time.GetUtcNow().UtcDateTime)));
        api.MapGet("/live", WatchStock);
        api.MapGet("/{id:guid}", GetProduct).WithName(nameof(GetProduct));

        var admin = api.MapGroup("/").RequireAuthorization(AuthorizationPolicies.Admin).WithTags("Products (admin)");
        admin.MapPost("/", CreateProduct);
        admin.MapPut("/{id:guid}", ProductAdminApi.UpdateProduct);
        admin.MapDelete("/{id:guid}", ProductAdminApi.DeleteProduct);
        admin.MapPut("/{id:guid}/stock", ProductAdminApi.SetStock);
        admin.MapPost("/{id:guid}/stock/additions", ProductAdminApi.AddStock);
        admin.MapPut("/{id:guid}/sale-window", ProductAdminApi.ScheduleSale);
        admin.MapPost("/seed", ProductAdminApi.SeedCatalog);
        return app;
    }

    /// <summary>
    /// Server-sent events for storefronts: a "stock" event with the event products whose units changed (all of them
    /// first), at most one per tick of the feed, and a "ping" when nothing changed for a while.
    /// </summary>
    public static IResult WatchStock(StockFeed feed, HttpResponse response, CancellationToken ct)
    {
        if (feed.HasRoom) return TypedResults.ServerSentEvents(feed.WatchAsync(ct));
        response.Headers.RetryAfter = "5";
        return TypedResults.Problem("Too many pages are watching; live stock resumes shortly.",
            statusCode: StatusCodes.Status503ServiceUnavailable, title: "Busy");
    }

    public static async Task<Results<Ok<ProductView>, NotFound>> GetProduct(Guid id, ProductDetailCache cache, TimeProvider time,
        CancellationToken ct)
    {
        var found = await cache.GetAsync(id, ct);
        return found is { } p ? TypedResults.Ok(ProductView.From(p.Product, p.Available, time.GetUtcNow().UtcDateTime)) : TypedResults.NotFound();
    }

    public static async Task<Results<Ok<ProductPage>, ValidationProblem>> ListProducts(
        [AsParameters] ProductListQuery query, ProductDbContext db, TimeProvider time, CancellationToken ct)
    {
        var page = query.Page ?? 1;
        var pageSize = query.PageSize ?? 20;
        var errors = new Dictionary<string, string[]>();
        if (page < 1) errors["page"] = ["page starts at 1."];
        if (pageSize is < 1 or > ProductListQuery.MaxPageSize)
        {
            errors["pageSize"] = [$"pageSize must be between 1 and {ProductListQuery.MaxPageSize}."];
        }
        else if (page >= 1 && (long)(page - 1) * pageSize > ProductListQuery.MaxOffset)
            errors["page"] = [$"Pages reach {ProductListQuery.MaxOffset:N0} products deep; narrow the list (kind, state) instead."];
        SaleState state = default;
        if (query.State is not null
            && !SaleStates.TryParse(query.State, out state)) errors["state"] = ["state is one of upcoming, open, closed, sold-out."];
        if (query.Sort is not (
            null or "price" or "-price" or "opensAt" or "-opensAt")) errors["sort"] = ["sort is one of price, -price, opensAt, -opensAt."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var now = time.GetUtcNow().UtcDateTime;
        var products = db.Products.AsNoTracking();
        if (query.Kind is { } kind) products = products.Where(p => p.Kind == kind);
        if (query.State is not null) products = products.InState(state, now);
        products = query.Sort switch
        {
            "price" => products.OrderBy(p => p.Price).ThenBy(p => p.Id),
            "-price" => products.OrderByDescending(p => p.Price).ThenBy(p => p.Id),
            "opensAt" => products.OrderBy(p => p.OpensAt).ThenBy(p => p.Id),
            "-opensAt" => products.OrderByDescending(p => p.OpensAt).ThenBy(p => p.Id),
            _ => products.OrderBy(p => p.Id),
        };

        var total = await products.LongCountAsync(ct);
        var items = await products.Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return TypedResults.Ok(new ProductPage(page, pageSize, total, [.. items.Select(p => ProductView.From(p, now))]));
    }

    public static async Task<CreatedAtRoute<ProductView>> CreateProduct(
        CreateProductRequest request, ProductDbContext db, StockCounters counters, SaleCatalog catalog, TimeProvider time, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var product = request.Kind == ProductKind.Event
            ? Product.CreateEvent(request.Name, request.Description ?? "", request.Price, request.Stock,
                new SaleWindow(request.OpensAt!.Value.ToUniversalTime(), request.ClosesAt?.ToUniversalTime()), request.PerUserLimit!.Value, now)
            : Product.CreateRegular(request.Name, request.Description ?? "", request.Price, request.Stock, now);
        db.Products.Add(product);
        await db.SaveChangesAsync(ct);
        // The counter exists from the start: a change applied while it is missing would be lost to a concurrent rebuild.
        await counters.SeedAsync(db, [product.Id], ct);
        catalog.Remember([SaleInfo.From(product)]);
        return TypedResults.CreatedAtRoute(ProductView.From(product, now), nameof(GetProduct), new { id = product.Id });
    }
}
