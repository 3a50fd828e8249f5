namespace FlashSales.Catalog.Waitlist;

/// <summary>
/// A shopper's place on a product's waitlist: "waiting" at <paramref name="Position"/> of <paramref name="Waiting"/>,
/// "offered" (their claim is the order <paramref name="OrderId"/>), "passed" or "none".
/// </summary>
public sealed record WaitlistPosition(Guid ProductId, string Status, int? Position, int Waiting, Guid? OrderId);
