namespace FlashSales.Catalog.Reservations;

/// <summary>An order's lines to hold in MySQL until <paramref name="ExpiresAt"/>.</summary>
public sealed record LeaseRequest(Guid OrderId, string UserId, IReadOnlyList<ReservationLine> Lines, DateTime ExpiresAt);
