namespace FlashSales.ReservationContracts;

/// <summary>
/// The units are held until <see cref="LeaseExpiresAt"/>: the product service releases them by itself then, unless the
/// order's payment confirmed them. A retried request gets the same answer.
/// </summary>
public sealed record ReserveResponse(Guid OrderId, IReadOnlyList<ReservedItem> Items, DateTime LeaseExpiresAt);

/// <summary>One reserved product, with the name and price the order records.</summary>
public sealed record ReservedItem(Guid ProductId, string Name, decimal UnitPrice, int Quantity);
