namespace FlashSales.IntegrationTests;

// What the public API returns, as a client sees it.
public sealed record ProductDto(
    Guid Id, string Name, string Description, decimal Price, string Kind, int Stock, long Available, string State,
    DateTime? OpensAt, DateTime? ClosesAt, int? PerUserLimit, int Version);

public sealed record ProductPageDto(int Page, int PageSize, long Total, List<ProductDto> Items);

public sealed record OrderLineDto(Guid ProductId, string ProductName, decimal UnitPrice, int Quantity);

public sealed record OrderDto(
    Guid Id, string UserId, string Status, decimal Total, DateTime CreatedAt, DateTime UpdatedAt, DateTime ExpiresAt,
    List<OrderLineDto> Lines);

public sealed record PaymentDto(Guid Id, Guid OrderId, decimal Amount, string Status, string? FailureReason);

public sealed record ProblemDto(int Status, string Title, string? Detail, string? Code, List<Guid>? ProductIds, DateTime? OpensAt,
    Dictionary<string, string[]>? Errors);
