using FlashSales.ReservationContracts;
using StackExchange.Redis;

namespace FlashSales.Catalog.Reservations;

/// <summary>The Redis keys of the stock counters. Redis is a fast gate and a read cache; MySQL stays the truth.</summary>
public static class StockKeys
{
    /// <summary>Units still available: stock - reserved.</summary>
    public static RedisKey Available(Guid productId) => $"fs:available:{productId}";

    /// <summary>Hash of user id → units the user holds or bought, for the per-user limit.</summary>
    public static RedisKey Buyers(Guid productId) => $"fs:buyers:{productId}";

    /// <summary>
    /// Set when an order's items were taken (from the counters, or by the lock strategy's write), so a retried request
    /// never takes them twice and the order service can tell a retry from a new order (<see cref="ReservationMarkers"/>).
    /// </summary>
    public static RedisKey OrderMarker(Guid orderId) => ReservationMarkers.Key(orderId);
}
