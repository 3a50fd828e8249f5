namespace FlashSales.IntegrationTests;

// What the public API returns, as a client sees it.
public sealed record ProductDto(Guid Id, string Name, string Description, decimal Price, int Stock);

public sealed record OrderLineDto(Guid ProductId, string ProductName, decimal UnitPrice, int Quantity);

public sealed record OrderDto(Guid Id, string UserId, string Status, decimal Total, DateTime CreatedAt, DateTime UpdatedAt, List<OrderLineDto> Lines);

public sealed record PaymentDto(Guid Id, Guid OrderId, decimal Amount, string Status, string? FailureReason);
