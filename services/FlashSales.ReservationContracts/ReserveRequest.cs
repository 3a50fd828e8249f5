using System.ComponentModel.DataAnnotations;

namespace FlashSales.ReservationContracts;

/// <summary>Hold every item for the order, or none, for <see cref="HoldSeconds"/>. Idempotent by order id.</summary>
public sealed record ReserveRequest(
    Guid OrderId,
    [property: Required, StringLength(100, MinimumLength = 1)] string UserId,
    [property: Required, MinLength(1), MaxLength(20)] List<ReserveItem> Items,
    [property: Range(1, 86_400)] int HoldSeconds);

public sealed record ReserveItem(Guid ProductId, [property: Range(1, 1000)] int Quantity);
