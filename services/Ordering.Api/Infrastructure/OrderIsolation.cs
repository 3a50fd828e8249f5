using System.Data;

namespace FlashSales.Ordering.Infrastructure;

internal static class OrderIsolation
{
    /// <summary>
    /// The isolation of every transaction that moves an order's status (expiry, cancellation, payment outcomes,
    /// shortages). Each decides on the rows it read locked (FOR UPDATE reads the latest committed row at any level), so
    /// it needs no repeatable reads. Under repeatable read those locking reads also locked the gaps beside the orders'
    /// rows, where the order path inserts new orders, and an expiry batch and an order batch deadlocked on them: the
    /// order batch, rolled back, failed every caller in it.
    /// </summary>
    public const IsolationLevel StatusChanges = IsolationLevel.ReadCommitted;
}
