namespace FlashSales.Catalog.Reservations;

/// <summary>One product of an order to reserve, with the per-user limit that applies to it (null: none).</summary>
public sealed record ReservationLine(Guid ProductId, int Quantity, int? PerUserLimit);
