using System.ComponentModel.DataAnnotations;
using FlashSales.Catalog.Browsing;

namespace FlashSales.Catalog.Apis;

public sealed record CreateProductRequest(
    [property: Required, StringLength(200, MinimumLength = 1)] string Name,
    [property: StringLength(2000)] string? Description,
    [property: Range(typeof(decimal), "0.01", "1000000")] decimal Price,
    [property: Range(0, 10_000_000)] int Stock,
    ProductKind Kind = ProductKind.Regular,
    DateTime? OpensAt = null,
    DateTime? ClosesAt = null,
    [property: Range(1, 1000)] int? PerUserLimit = null) : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Kind == ProductKind.Event)
        {
            if (OpensAt is null) yield return new("An event product needs opensAt.", [nameof(OpensAt)]);
            if (PerUserLimit is null) yield return new("An event product needs perUserLimit.", [nameof(PerUserLimit)]);
        }
        else if (OpensAt is not null || ClosesAt is not null || PerUserLimit is not null)
        {
            yield return new("Only event products have a sale window and a per-user limit.", [nameof(Kind)]);
        }
        if (SaleWindowRequest.WindowError(OpensAt, ClosesAt) is { } error) yield return error;
    }
}

public sealed record UpdateProductRequest(
    [property: Required, StringLength(200, MinimumLength = 1)] string Name,
    [property: StringLength(2000)] string? Description,
    [property: Range(typeof(decimal), "0.01", "1000000")] decimal Price);

public sealed record SetStockRequest([property: Range(0, 10_000_000)] int Stock);

public sealed record AddStockRequest([property: Range(1, 10_000_000)] int Quantity);

public sealed record SaleWindowRequest(DateTime OpensAt, DateTime? ClosesAt, [property: Range(1, 1000)] int PerUserLimit) : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (WindowError(OpensAt, ClosesAt) is { } error) yield return error;
    }

    internal static ValidationResult? WindowError(DateTime? opensAt, DateTime? closesAt) =>
        closesAt is { } closes && opensAt is { } opens && closes <= opens
            ? new ValidationResult("closesAt must be after opensAt.", [nameof(ClosesAt)])
            : null;
}

public sealed record SeedCatalogRequest(
    [property: Range(1, 100_000)] int Products,
    [property: Range(0, 10_000_000)] int Stock,
    [property: Range(0.0, 1.0)] double EventShare = 0.0,
    [property: Range(0, 86_400)] int OpensInSeconds = 0,
    [property: Range(1, 1000)] int PerUserLimit = 5);

public sealed record ProductListQuery(int? Page, int? PageSize, ProductKind? Kind, string? State, string? Sort)
{
    public const int MaxPageSize = 100;

    /// <summary>How deep paging goes: an OFFSET costs the database every row it skips.</summary>
    public const int MaxOffset = 100_000;
}

public sealed record ProductPage(int Page, int PageSize, long Total, IReadOnlyList<ProductView> Items);

public sealed record ServerClock(DateTime UtcNow);
